namespace Enlace.Grains.Workflows.Definitions;

/// <summary>
/// Picks the receiving agencies of a task: the agencies of a kind in the countries
/// that play a role in the case.
/// </summary>
public sealed class AssignmentRule
{
    /// <summary>Country roles a rule may name.</summary>
    public static readonly IReadOnlyList<string> CountryRoles = ["lead", "partner", "victim-nationality"];

    /// <summary>Agency kind, e.g. <c>police</c>.</summary>
    public string AgencyKind { get; set; } = "";

    /// <summary><c>lead</c>, <c>partner</c> (one task per partner country) or <c>victim-nationality</c>.</summary>
    public string Country { get; set; } = "lead";
}
