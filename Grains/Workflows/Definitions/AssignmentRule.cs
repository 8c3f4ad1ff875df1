namespace Enlace.Grains.Workflows.Definitions;

/// <summary>
/// Picks the receiving agencies of a task: the agencies of a kind in the countries
/// that play a role in the case.
/// </summary>
public sealed class AssignmentRule
{
    /// <summary>Country roles a rule may name.</summary>
    public static readonly IReadOnlyList<string> CountryRoles = ["lead", "partner", "victim-nationality", "victim-stay"];

    /// <summary>Country roles that depend on a victim.</summary>
    public static readonly IReadOnlyList<string> VictimRoles = ["victim-nationality", "victim-stay"];

    /// <summary>Agency kind, e.g. <c>police</c>.</summary>
    public string AgencyKind { get; set; } = "";

    /// <summary>
    /// <c>lead</c>, <c>partner</c> (one task per partner country), <c>victim-nationality</c> (the
    /// victim's citizenship; in a case-wide task, one per distinct nationality) or
    /// <c>victim-stay</c> (the country where the victim is; per-victim tasks only).
    /// </summary>
    public string Country { get; set; } = "lead";
}
