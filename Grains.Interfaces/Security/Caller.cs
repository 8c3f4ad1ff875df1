using System.Collections.Immutable;

namespace Enlace.Grains.Interfaces.Security;

/// <summary>
/// Who is asking: every grain command carries it so that the grain checks
/// authority itself, whatever the gateway already checked.
/// </summary>
[GenerateSerializer, Immutable, Alias("Enlace.Caller")]
public sealed record Caller(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Name,
    [property: Id(2)] ImmutableArray<string> Roles,
    [property: Id(3)] string? Agency,
    [property: Id(4)] ImmutableArray<string> Countries,
    [property: Id(5)] string? Language = null)
{
    /// <summary>Role names of the API contract.</summary>
    public const string Coordinator = "coordinator";

    /// <summary>An officer of an agency.</summary>
    public const string Agent = "agent";

    /// <summary>Monitors; changes nothing.</summary>
    public const string Manager = "manager";

    /// <summary>Manages agencies, users and workflow definitions.</summary>
    public const string Admin = "admin";

    /// <summary>Enlace itself, as the actor of what timers, reminders and data upgrades do.</summary>
    /// <summary>True when the caller reads English; Spanish, the users' language, otherwise.</summary>
    public bool English => Language == "en";

    public static readonly Caller System = new("system", "Enlace", [], null, []);

    /// <summary>True when the caller holds <paramref name="role"/>.</summary>
    public bool Is(string role) => !Roles.IsDefault && Roles.Contains(role);

    /// <summary>True when the caller works for <paramref name="country"/>.</summary>
    public bool CoversCountry(string country) => !Countries.IsDefault && Countries.Contains(country);
}
