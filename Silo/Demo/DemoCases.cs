using Enlace.Grains.Interfaces.Cases;

namespace Enlace.Silo.Demo;

/// <summary>Fictitious demo cases, in Spanish, and the state each is taken to.</summary>
public static class DemoCases
{
    /// <summary>The cases: a number (stable, for idempotent loading), the command, who opens it and the target state.</summary>
    public static IReadOnlyList<(int Number, OpenCaseCommand Command, string TargetState)> All { get; } =
    [
        (1, new OpenCaseCommand("trafficking-case", "Explotación laboral en minería informal de La Rinconada",
            "Denuncia de la línea 1818 sobre jóvenes bolivianos captados con ofertas de empleo y retenidos en un campamento minero; se reportan deudas impuestas y retención de documentos.",
            "PE", ["BO"], "Desaguadero",
            [Victim("DEMO-001", "18-20", "male", "BO", ["forced-labour"], ["debt-bondage", "withholds-documents"]), Victim("DEMO-002", "21-23", "male", "BO", ["forced-labour"], ["threats"])]),
            "investigation"),
        (2, new OpenCaseCommand("trafficking-case", "Explotación sexual de adolescentes en locales nocturnos de Desaguadero",
            "Operativo conjunto en el lado boliviano de Desaguadero; dos adolescentes peruanas identificadas como presuntas víctimas.",
            "BO", ["PE"], "Desaguadero",
            [Victim("DEMO-003", "9-17", "female", "PE", ["sexual-exploitation"], ["psychoactive-substances", "restricts-movement"]), Victim("DEMO-004", "9-17", "female", "PE", ["sexual-exploitation"], ["false-promises"])]),
            "assessment"),
        (3, new OpenCaseCommand("trafficking-case", "Captación por redes sociales en El Alto",
            "Perfil falso en redes sociales ofrece trabajo como modelo en Lima; la familia denuncia la desaparición de una joven de 19 años.",
            "BO", ["PE"], null,
            [Victim("DEMO-005", "18-20", "female", "BO", ["sexual-exploitation"], ["false-promises"])]),
            "report"),
        (4, new OpenCaseCommand("smuggling-case", "Traslado irregular de migrantes por el lago Titicaca",
            "Intervención de una embarcación con doce migrantes extranjeros cerca de Copacabana; el conductor cobraba por cruzar la frontera evitando el control migratorio.",
            "BO", ["PE"], "Kasani",
            [Victim("DEMO-006", "27-29", "male", "VE", [], []), Victim("DEMO-007", "24-26", "female", "VE", [], [])]),
            "investigation"),
        (5, new OpenCaseCommand("trafficking-case", "Mendicidad forzada de niños en Juliaca",
            "Niños bolivianos obligados a pedir limosna en la vía pública; los adultos que los acompañan retienen lo recaudado.",
            "PE", ["BO"], null,
            [Victim("DEMO-008", "0-8", "male", "BO", ["forced-begging"], ["takes-earnings", "uses-children"]), Victim("DEMO-009", "9-17", "female", "BO", ["forced-begging"], ["takes-earnings"])]),
            "protection"),
        (6, new OpenCaseCommand("trafficking-case", "Trabajo doméstico forzado en Arequipa",
            "Adolescente boliviana trabajando sin pago y sin salir del domicilio empleador durante dos años.",
            "PE", ["BO"], null,
            [Victim("DEMO-010", "9-17", "female", "BO", ["forced-labour"], ["restricts-movement", "excessive-working-hours"])]),
            "prosecution"),
        (7, new OpenCaseCommand("trafficking-case", "Matrimonio forzado concertado en frontera",
            "Denuncia de una ONG sobre una adolescente prometida en matrimonio a cambio de una deuda familiar.",
            "PE", ["BO"], "Desaguadero",
            [Victim("DEMO-011", "9-17", "female", "PE", ["forced-marriage"], ["debt-bondage"])]),
            "trial"),
        (8, new OpenCaseCommand("smuggling-case", "Falsificación de documentos de viaje en Tacna",
            "Red que proveía documentos falsos para cruzar hacia Chile; se identificó a tres personas trasladadas.",
            "PE", [], null,
            [Victim("DEMO-012", "30-38", "male", "BO", [], [])]),
            "report"),
    ];

    private static Victim Victim(string code, string ageGroup, string sex, string nationality, string[] exploitation, string[] meansOfControl) =>
        new(code, ageGroup, sex, nationality, [.. exploitation], [.. meansOfControl], true, null);
}
