using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Victims;

namespace Enlace.Tests.Cases;

/// <summary>Sample commands with realistic, fictitious data.</summary>
public static class Samples
{
    /// <summary>
    /// A trafficking case detected at Desaguadero: led by Peru, Bolivia partner, victims of both
    /// nationalities; on version 1 of the definition, as running cases of a first deployment are
    /// (the tests of the grain's mechanisms keep its short path; v2 has tests of its own).
    /// </summary>
    public static OpenCaseCommand TraffickingCase(string workflowId = "trafficking-case", int? version = 1) => new(
        workflowId,
        "Captación de adolescentes para explotación laboral en Puno",
        "Denuncia anónima sobre captación de adolescentes bolivianas y peruanas con ofertas falsas de empleo en minería informal.",
        "PE",
        ["BO"],
        "desaguadero",
        [
            Child() with { Identity = new PersonIdentity("María Quispe Mamani", "BO-7788123", "2010-05-14") },
            Adult(),
        ],
        WorkflowVersion: version);

    /// <summary>A Bolivian girl, presumed victim of forced labour.</summary>
    public static VictimFields Child() => new(
        "presumed", "9-17", "feminine", "BO", "PE", ["forced-labour"], "b-mining-and-quarrying", null, ["false-promises", "withholds-documents"],
        "through-online-social-networks", "BO", "unaquainted", ["es", "ay"], Unaccompanied: true);

    /// <summary>A Peruvian woman, presumed victim of forced labour and sexual exploitation.</summary>
    public static VictimFields Adult() => new(
        "presumed", "18-20", "feminine", "PE", "PE", ["forced-labour", "sexual-exploitation"], null, "prostitution", ["debt-bondage"],
        Languages: ["es"]);
}
