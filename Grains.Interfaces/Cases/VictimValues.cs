namespace Enlace.Grains.Interfaces.Cases;

/// <summary>
/// Value lists of a victim record. Age groups, exploitation types and means of control
/// follow the Human Trafficking Case Data Standard (HTCDS) and the Counter-Trafficking
/// Data Collaborative's codebook built on it, written as lower-case codes.
/// </summary>
public static class VictimValues
{
    /// <summary>Age groups (years).</summary>
    public static readonly IReadOnlyList<string> AgeGroups = ["0-8", "9-17", "18-20", "21-23", "24-26", "27-29", "30-38", "39-47", "48+", "unknown"];

    /// <summary>Sex / gender as recorded.</summary>
    public static readonly IReadOnlyList<string> Sexes = ["female", "male", "transgender", "unknown"];

    /// <summary>Forms of exploitation.</summary>
    public static readonly IReadOnlyList<string> Exploitation =
        ["forced-labour", "sexual-exploitation", "forced-marriage", "forced-criminality", "forced-begging", "slavery-and-practices", "organ-removal", "other"];

    /// <summary>Means of control.</summary>
    public static readonly IReadOnlyList<string> MeansOfControl =
    [
        "debt-bondage", "takes-earnings", "restricts-financial-access", "threats", "psychological-abuse",
        "physical-abuse", "sexual-abuse", "false-promises", "psychoactive-substances", "restricts-movement",
        "restricts-medical-care", "excessive-working-hours", "uses-children", "threat-of-law-enforcement",
        "withholds-necessities", "withholds-documents", "other",
    ];
}
