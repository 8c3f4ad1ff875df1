using System.Collections.Immutable;
using System.Globalization;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Victims;

namespace Enlace.Silo.Demo;

/// <summary>
/// One fictitious demo case: what opens it, the state its story ends in, how many days ago
/// it was opened, the resolution it closes with (when it is taken to a closed state) and
/// the perpetrators the investigation records.
/// </summary>
public sealed record DemoCase(
    int Number, OpenCaseCommand Command, string TargetState, int OpenedDaysAgo, string? Resolution, ImmutableArray<PerpetratorFields> Perpetrators);

/// <summary>
/// Fictitious demo cases of the Bolivia–Peru border, in Spanish. Every name and document
/// number here is invented: the demo shows how identities are kept apart, sealed and read.
/// </summary>
public static class DemoCases
{
    // Declared first: the case lists below are built from them when the type initializes.
    private static readonly string[] VictimNames =
    [
        "Rosa Mamani Condori", "Juan Carlos Quispe Huanca", "Lucía Ticona Apaza", "Marco Antonio Choque Flores", "Elena Huarachi Cruz",
        "Wilmer Colque Limachi", "Yesenia Poma Ccama", "Fredy Laura Machaca", "Nancy Vilca Pari", "Rubén Chambi Yujra",
        "Maribel Condori Ayala", "Edwin Nina Cutipa", "Sonia Calisaya Vargas", "Gladys Huanca Coaquira", "Ariel Mendoza Saire",
        "Deysi Pacori Larico", "Kevin Aruquipa Ramos", "Milagros Yupanqui Torres", "Carla Gutiérrez Alanoca", "José Luis Tarqui Mayta",
    ];

    private static readonly string[] PerpetratorNames =
    [
        "Hernán Zapana Velasco", "Teodora Cusi Llanque", "Julio César Ramos Inca", "Benita Apaza Choquehuanca", "Néstor Flores Huallpa",
        "Abel Quisbert Mamani", "Lidia Guarachi Rojas", "Oswaldo Peralta Ccori",
    ];

    private static readonly (string Workflow, string Title, string Summary, string Exploitation, string Means, string? Border)[] Themes =
    [
        ("trafficking-case", "Captación de jóvenes para trabajo en chacras de {0}", "Ofrecieron empleo agrícola con alojamiento; al llegar les retuvieron los documentos.", "forced-labour", "withholds-documents", "desaguadero"),
        ("trafficking-case", "Explotación sexual en bares de {0}", "Denuncia anónima sobre adolescentes que trabajan de noche en locales de la zona.", "sexual-exploitation", "false-promises", "yunguyo-kasani"),
        ("trafficking-case", "Trabajo forzoso en talleres textiles de {0}", "Inspección laboral encontró a trabajadores que dormían en el taller y no recibían pago.", "forced-labour", "excessive-working-hours", null),
        ("trafficking-case", "Mendicidad forzada en el terminal terrestre de {0}", "Niñas y niños pidiendo limosna bajo vigilancia de adultos que recogen el dinero.", "forced-begging", "takes-earnings", null),
        ("smuggling-case", "Cobro por cruce irregular de frontera en {0}", "Transportistas cobraban por llevar personas evitando el control migratorio en el puente de Desaguadero.", "", "", "desaguadero"),
        ("smuggling-case", "Migrantes abandonados en la ruta hacia {0}", "Grupo de migrantes hallado sin agua ni documentos tras ser dejado por el conductor de una embarcación.", "", "", "lago-titicaca"),
    ];

    private static readonly string[] Places = ["Puno", "Juliaca", "El Alto", "La Paz", "Cusco", "Tacna", "Copacabana", "Yunguyo", "Oruro", "Ilave", "Achacachi", "Viacha"];

    private static readonly string[] TraffickingTargets = ["report", "assessment", "investigation", "protection", "prosecution", "trial", "closed"];

    private static readonly string[] SmugglingTargets = ["report", "investigation", "closed"];

    private static readonly string[] Resolutions = ["convicted", "archived-insufficient-evidence", "convicted", "acquitted", "dismissed"];

    /// <summary>The eight written cases and two dozen more made from themes.</summary>
    public static IReadOnlyList<DemoCase> All => Cases.Value;

    private static IEnumerable<DemoCase> Themed()
    {
        for (var i = 0; i < 24; i++)
        {
            var (workflow, title, summary, exploitation, means, border) = Themes[i % Themes.Length];
            var lead = i % 2 == 0 ? "PE" : "BO";
            var partner = lead == "PE" ? "BO" : "PE";
            var number = 9 + i;
            var victim = workflow == "trafficking-case"
                ? Victim(100 + i, i % 3 == 0 ? "9-17" : "18-20", i % 4 == 0 ? "male" : "female", partner, [exploitation], [means])
                : Victim(100 + i, "24-26", i % 2 == 0 ? "male" : "female", "VE", [], []);
            var targets = workflow == "trafficking-case" ? TraffickingTargets : SmugglingTargets;
            var target = targets[i % targets.Length];
            var place = Places[(i + (i / Places.Length)) % Places.Length];
            yield return Case(number, new OpenCaseCommand(workflow, string.Format(CultureInfo.InvariantCulture, title, place),
                summary, lead, i % 3 == 2 ? [] : [partner], border, [victim]), target, workflow);
        }
    }

    private static IReadOnlyList<DemoCase> Written { get; } =
    [
        Case(1, new OpenCaseCommand("trafficking-case", "Explotación laboral en minería informal de La Rinconada",
            "Denuncia de la línea 1818 sobre jóvenes bolivianos captados con ofertas de empleo y retenidos en un campamento minero; se reportan deudas impuestas y retención de documentos.",
            "PE", ["BO"], "desaguadero",
            [Victim(1, "18-20", "male", "BO", ["forced-labour"], ["debt-bondage", "withholds-documents"]), Victim(2, "21-23", "male", "BO", ["forced-labour"], ["physical-threats"])]),
            "investigation", "trafficking-case"),
        Case(2, new OpenCaseCommand("trafficking-case", "Explotación sexual de adolescentes en locales nocturnos de Desaguadero",
            "Operativo conjunto en el lado boliviano de Desaguadero; dos adolescentes peruanas identificadas como presuntas víctimas.",
            "BO", ["PE"], "desaguadero",
            [Victim(3, "9-17", "female", "PE", ["sexual-exploitation"], ["psychoactive-substance", "withholds-documents"]), Victim(4, "9-17", "female", "PE", ["sexual-exploitation"], ["false-promises"])]),
            "assessment", "trafficking-case"),
        Case(3, new OpenCaseCommand("trafficking-case", "Captación por redes sociales en El Alto",
            "Perfil falso en redes sociales ofrece trabajo como modelo en Lima; la familia denuncia la desaparición de una joven de 19 años.",
            "BO", ["PE"], null,
            [Victim(5, "18-20", "female", "BO", ["sexual-exploitation"], ["false-promises"])]),
            "report", "trafficking-case"),
        Case(4, new OpenCaseCommand("smuggling-case", "Traslado irregular de migrantes por el lago Titicaca",
            "Intervención de una embarcación con doce migrantes extranjeros cerca de Copacabana; el conductor cobraba por cruzar la frontera evitando el control migratorio.",
            "BO", ["PE"], "lago-titicaca",
            [Victim(6, "27-29", "male", "VE", [], []), Victim(7, "24-26", "female", "VE", [], [])]),
            "investigation", "smuggling-case"),
        Case(5, new OpenCaseCommand("trafficking-case", "Mendicidad forzada de niños en Juliaca",
            "Niños bolivianos obligados a pedir limosna en la vía pública; los adultos que los acompañan retienen lo recaudado.",
            "PE", ["BO"], "yunguyo-kasani",
            [Victim(8, "0-8", "male", "BO", ["forced-begging"], ["takes-earnings", "threatens-children-family"]), Victim(9, "9-17", "female", "BO", ["forced-begging"], ["takes-earnings"])]),
            "protection", "trafficking-case"),
        Case(6, new OpenCaseCommand("trafficking-case", "Trabajo doméstico forzado en Arequipa",
            "Adolescente boliviana trabajando sin pago y sin salir del domicilio empleador durante dos años.",
            "PE", ["BO"], null,
            [Victim(10, "9-17", "female", "BO", ["forced-labour"], ["withholds-necessities", "excessive-working-hours"])]),
            "prosecution", "trafficking-case"),
        Case(7, new OpenCaseCommand("trafficking-case", "Matrimonio forzado concertado en frontera",
            "Denuncia de una ONG sobre una adolescente prometida en matrimonio a cambio de una deuda familiar.",
            "PE", ["BO"], "desaguadero",
            [Victim(11, "9-17", "female", "PE", ["forced-marriage"], ["debt-bondage"])]),
            "trial", "trafficking-case"),
        Case(8, new OpenCaseCommand("smuggling-case", "Falsificación de documentos de viaje en Tacna",
            "Red que proveía documentos falsos para cruzar hacia Chile; se identificó a tres personas trasladadas.",
            "PE", [], null,
            [Victim(12, "30-38", "male", "BO", [], [])]),
            "report", "smuggling-case"),
    ];

    // The further a story goes, the earlier it began: from about nine months ago for a case
    // taken to judgment to a few weeks ago for one still at its first report.
    private static DemoCase Case(int number, OpenCaseCommand command, string target, string workflow)
    {
        var targets = workflow == "trafficking-case" ? TraffickingTargets : SmugglingTargets;
        var depth = Array.IndexOf(targets, target);
        var closedEarly = target == "closed" && number % 2 == 0;
        var daysAgo = Math.Min(270, (closedEarly ? 120 : 25 + (depth * 240 / (targets.Length - 1))) + (number * 7 % 20));
        var resolution = target != "closed" ? null
            : workflow == "smuggling-case" ? (number % 2 == 0 ? "convicted" : "archived-insufficient-evidence")
            : closedEarly ? "archived-insufficient-evidence" : Resolutions[number % Resolutions.Length];
        // Opened on the first versions of the definitions, as the cases of a deployment that has
        // run for months would have been; the end of the demo load upgrades the running ones.
        return new DemoCase(number, command with { WorkflowVersion = 1 }, target, daysAgo, resolution, Perpetrators(number, workflow, command.LeadCountry, target, resolution));
    }

    private static ImmutableArray<PerpetratorFields> Perpetrators(int number, string workflow, string lead, string target, string? resolution)
    {
        var status = target switch
        {
            "report" => "suspect",
            "assessment" or "investigation" or "protection" => "investigated",
            "prosecution" => "charged",
            "trial" => "on-trial",
            _ => resolution switch { "convicted" => "convicted", "acquitted" => "acquitted", _ => "dismissed" },
        };
        var first = new PerpetratorFields(workflow == "smuggling-case" ? "smuggler" : "recruiter-or-intermediary", number % 3 == 0 ? "feminine" : "masculine", lead,
            "30-38", status, new PersonIdentity(PerpetratorNames[number % PerpetratorNames.Length], Document(lead, 500 + number), null));
        return number % 3 == 1
            ? [first, new PerpetratorFields(workflow == "smuggling-case" ? "transporter" : "exploiter", "masculine", lead == "PE" ? "BO" : "PE", "39-47", status)]
            : [first];
    }

    private static VictimFields Victim(int number, string ageGroup, string sex, string citizenship, string[] exploitation, string[] meansOfControl)
    {
        // Two in three have an identity recorded; the rest are known by their pseudonymous record only.
        var identity = number % 3 == 0 ? null
            : new PersonIdentity(VictimNames[number % VictimNames.Length], Document(citizenship, number), null);
        return new VictimFields(
            number % 5 == 0 ? "identified" : "presumed", ageGroup, sex == "male" ? "masculine" : "feminine", citizenship,
            CountryOfExploitation: null, [.. exploitation], MeansOfControl: [.. meansOfControl],
            Languages: [number % 4 == 0 ? "ay" : number % 4 == 1 ? "qu" : "es"], Unaccompanied: ageGroup is "0-8" or "9-17" ? number % 2 == 0 : null,
            Identity: identity);
    }

    // Invented numbers in each country's format: a Peruvian DNI (8 digits), a Bolivian cédula
    // (7 digits and the department), a Venezuelan cédula.
    private static string Document(string country, int number) => country switch
    {
        "PE" => (40_000_000 + (number * 7_919 % 9_999_999)).ToString(CultureInfo.InvariantCulture),
        "BO" => $"{6_000_000 + (number * 7_919 % 999_999)} LP",
        _ => $"V-{20_000_000 + (number * 7_919 % 9_999_999)}",
    };

    // Built on first use, after every static member above is set.
    private static readonly Lazy<IReadOnlyList<DemoCase>> Cases = new(() => [.. Written, .. Themed()]);
}
