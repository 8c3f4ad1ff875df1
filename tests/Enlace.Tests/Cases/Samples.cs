using Enlace.Grains.Interfaces.Cases;

namespace Enlace.Tests.Cases;

/// <summary>Sample commands with realistic, fictitious data.</summary>
public static class Samples
{
    /// <summary>A trafficking case detected at Desaguadero: led by Peru, Bolivia partner, victims of both nationalities.</summary>
    public static OpenCaseCommand TraffickingCase(string workflowId = "trafficking-case") => new(
        workflowId,
        "Captación de adolescentes para explotación laboral en Puno",
        "Denuncia anónima sobre captación de adolescentes bolivianas y peruanas con ofertas falsas de empleo en minería informal.",
        "PE",
        ["BO"],
        "Desaguadero",
        [
            new Victim("V-001", "9-17", "female", "BO", ["forced-labour"], ["false-promises", "withholds-documents"], true, new VictimIdentity("María Quispe Mamani", "BO-7788123")),
            new Victim("V-002", "18-20", "female", "PE", ["forced-labour", "sexual-exploitation"], ["debt-bondage"], true, null),
        ]);
}
