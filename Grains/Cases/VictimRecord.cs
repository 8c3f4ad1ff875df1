namespace Enlace.Grains.Cases;

/// <summary>A pseudonymous victim record as persisted.</summary>
[GenerateSerializer, Alias("Enlace.State.Victim")]
public sealed class VictimRecord
{
    /// <summary>Pseudonymous code.</summary>
    [Id(0)] public string Code { get; set; } = "";

    /// <summary>Age group.</summary>
    [Id(1)] public string AgeGroup { get; set; } = "";

    /// <summary>Sex.</summary>
    [Id(2)] public string Sex { get; set; } = "";

    /// <summary>Nationality (ISO 3166 alpha-2).</summary>
    [Id(3)] public string Nationality { get; set; } = "";

    /// <summary>Forms of exploitation.</summary>
    [Id(4)] public List<string> Exploitation { get; set; } = [];

    /// <summary>Means of control.</summary>
    [Id(5)] public List<string> MeansOfControl { get; set; } = [];

    /// <summary>Consent to data processing.</summary>
    [Id(6)] public bool ConsentToDataProcessing { get; set; }
}
