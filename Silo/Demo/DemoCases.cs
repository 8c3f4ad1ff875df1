using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Victims;

namespace Enlace.Silo.Demo;

/// <summary>Fictitious demo cases, in Spanish, and the state each is taken to.</summary>
public static class DemoCases
{
    // Fictitious people: the demo shows how identities are kept apart, sealed and read. Declared
    // first: the case lists below are built from them when the type initializes.
    private static readonly string[] Names =
    [
        "Rosa Mamani Condori", "Juan Carlos Quispe Huanca", "Lucía Ticona Apaza", "Marco Antonio Choque Flores", "Elena Huarachi Cruz",
        "Wilmer Colque Limachi", "Yesenia Poma Ccama", "Fredy Laura Machaca", "Nancy Vilca Pari", "Rubén Chambi Yujra",
    ];

    private static readonly (string Workflow, string Title, string Summary, string Exploitation, string Means, string Border)[] Themes =
    [
        ("trafficking-case", "Captación de jóvenes para trabajo en chacras de {0}", "Ofrecieron empleo agrícola con alojamiento; al llegar les retuvieron los documentos.", "forced-labour", "withholds-documents", "desaguadero"),
        ("trafficking-case", "Explotación sexual en bares de {0}", "Denuncia anónima sobre adolescentes que trabajan de noche en locales de la zona.", "sexual-exploitation", "false-promises", "yunguyo-kasani"),
        ("trafficking-case", "Trabajo forzoso en talleres textiles de {0}", "Inspección laboral encontró a trabajadores que dormían en el taller y no recibían pago.", "forced-labour", "excessive-working-hours", ""),
        ("trafficking-case", "Mendicidad forzada en el terminal terrestre de {0}", "Niñas y niños pidiendo limosna bajo vigilancia de adultos que recogen el dinero.", "forced-begging", "takes-earnings", ""),
        ("smuggling-case", "Cobro por cruce irregular de frontera en {0}", "Transportistas cobraban por llevar personas evitando el control migratorio.", "", "", "desaguadero"),
        ("smuggling-case", "Migrantes abandonados en la ruta hacia {0}", "Grupo de migrantes hallado sin agua ni documentos tras ser dejado por el conductor.", "", "", "lago-titicaca"),
    ];

    private static readonly string[] Places = ["Puno", "Juliaca", "El Alto", "La Paz", "Cusco", "Tacna", "Copacabana", "Yunguyo", "Oruro", "Ilave", "Cobija", "Santa Cruz"];

    private static readonly string[] TraffickingTargets = ["report", "assessment", "investigation", "protection", "prosecution", "trial", "closed"];

    private static readonly string[] SmugglingTargets = ["report", "investigation", "closed"];

    /// <summary>The eight written cases and two dozen more made from themes, for a few dozen in all.</summary>
    public static IReadOnlyList<(int Number, OpenCaseCommand Command, string TargetState)> All => Cases.Value;


    private static IEnumerable<(int, OpenCaseCommand, string)> Themed()
    {
        for (var i = 0; i < 24; i++)
        {
            var (workflow, title, summary, exploitation, means, border) = Themes[i % Themes.Length];
            var lead = i % 2 == 0 ? "PE" : "BO";
            var partner = lead == "PE" ? "BO" : "PE";
            var victim = workflow == "trafficking-case"
                ? Victim($"DEMO-{100 + i}", i % 3 == 0 ? "9-17" : "18-20", i % 4 == 0 ? "male" : "female", partner, [exploitation], [means])
                : Victim($"DEMO-{100 + i}", "24-26", "male", "VE", [], []);
            var targets = workflow == "trafficking-case" ? TraffickingTargets : SmugglingTargets;
            yield return (9 + i, new OpenCaseCommand(workflow, string.Format(System.Globalization.CultureInfo.InvariantCulture, title, Places[(i + (i / Places.Length)) % Places.Length]),
                summary, lead, i % 3 == 2 ? [] : [partner], border.Length == 0 ? null : border, [victim]), targets[i % targets.Length]);
        }
    }

    private static IReadOnlyList<(int Number, OpenCaseCommand Command, string TargetState)> Written { get; } =
    [
        (1, new OpenCaseCommand("trafficking-case", "Explotación laboral en minería informal de La Rinconada",
            "Denuncia de la línea 1818 sobre jóvenes bolivianos captados con ofertas de empleo y retenidos en un campamento minero; se reportan deudas impuestas y retención de documentos.",
            "PE", ["BO"], "desaguadero",
            [Victim("DEMO-001", "18-20", "male", "BO", ["forced-labour"], ["debt-bondage", "withholds-documents"]), Victim("DEMO-002", "21-23", "male", "BO", ["forced-labour"], ["physical-threats"])]),
            "investigation"),
        (2, new OpenCaseCommand("trafficking-case", "Explotación sexual de adolescentes en locales nocturnos de Desaguadero",
            "Operativo conjunto en el lado boliviano de Desaguadero; dos adolescentes peruanas identificadas como presuntas víctimas.",
            "BO", ["PE"], "desaguadero",
            [Victim("DEMO-003", "9-17", "female", "PE", ["sexual-exploitation"], ["psychoactive-substance", "withholds-documents"]), Victim("DEMO-004", "9-17", "female", "PE", ["sexual-exploitation"], ["false-promises"])]),
            "assessment"),
        (3, new OpenCaseCommand("trafficking-case", "Captación por redes sociales en El Alto",
            "Perfil falso en redes sociales ofrece trabajo como modelo en Lima; la familia denuncia la desaparición de una joven de 19 años.",
            "BO", ["PE"], null,
            [Victim("DEMO-005", "18-20", "female", "BO", ["sexual-exploitation"], ["false-promises"])]),
            "report"),
        (4, new OpenCaseCommand("smuggling-case", "Traslado irregular de migrantes por el lago Titicaca",
            "Intervención de una embarcación con doce migrantes extranjeros cerca de Copacabana; el conductor cobraba por cruzar la frontera evitando el control migratorio.",
            "BO", ["PE"], "lago-titicaca",
            [Victim("DEMO-006", "27-29", "male", "VE", [], []), Victim("DEMO-007", "24-26", "female", "VE", [], [])]),
            "investigation"),
        (5, new OpenCaseCommand("trafficking-case", "Mendicidad forzada de niños en Juliaca",
            "Niños bolivianos obligados a pedir limosna en la vía pública; los adultos que los acompañan retienen lo recaudado.",
            "PE", ["BO"], null,
            [Victim("DEMO-008", "0-8", "male", "BO", ["forced-begging"], ["takes-earnings", "threatens-children-family"]), Victim("DEMO-009", "9-17", "female", "BO", ["forced-begging"], ["takes-earnings"])]),
            "protection"),
        (6, new OpenCaseCommand("trafficking-case", "Trabajo doméstico forzado en Arequipa",
            "Adolescente boliviana trabajando sin pago y sin salir del domicilio empleador durante dos años.",
            "PE", ["BO"], null,
            [Victim("DEMO-010", "9-17", "female", "BO", ["forced-labour"], ["withholds-necessities", "excessive-working-hours"])]),
            "prosecution"),
        (7, new OpenCaseCommand("trafficking-case", "Matrimonio forzado concertado en frontera",
            "Denuncia de una ONG sobre una adolescente prometida en matrimonio a cambio de una deuda familiar.",
            "PE", ["BO"], "desaguadero",
            [Victim("DEMO-011", "9-17", "female", "PE", ["forced-marriage"], ["debt-bondage"])]),
            "trial"),
        (8, new OpenCaseCommand("smuggling-case", "Falsificación de documentos de viaje en Tacna",
            "Red que proveía documentos falsos para cruzar hacia Chile; se identificó a tres personas trasladadas.",
            "PE", [], null,
            [Victim("DEMO-012", "30-38", "male", "BO", [], [])]),
            "report"),
    ];

    private static VictimFields Victim(string code, string ageGroup, string sex, string citizenship, string[] exploitation, string[] meansOfControl)
    {
        var number = int.Parse(code[5..], System.Globalization.CultureInfo.InvariantCulture);
        var identity = number % 3 == 0 ? null
            : new PersonIdentity(Names[number % Names.Length], $"{citizenship}-{7_300_000 + (number * 7_919)}", null);
        return new VictimFields(
            number % 5 == 0 ? "identified" : "presumed", ageGroup, sex == "male" ? "masculine" : "feminine", citizenship,
            CountryOfExploitation: null, [.. exploitation], MeansOfControl: [.. meansOfControl],
            Languages: [number % 4 == 0 ? "ay" : number % 4 == 1 ? "qu" : "es"], Unaccompanied: ageGroup is "0-8" or "9-17" ? number % 2 == 0 : null,
            Identity: identity);
    }

    // Built on first use, after every static member above is set.
    private static readonly Lazy<IReadOnlyList<(int Number, OpenCaseCommand Command, string TargetState)>> Cases = new(() => [.. Written, .. Themed()]);
}
