namespace Enlace.Grains.Interfaces.Victims;

/// <summary>The pseudonymous fields of a perpetrator record (HTCDS 2.0); <see cref="Identity"/> is sealed apart.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.PerpetratorFields")]
public sealed record PerpetratorFields(
    [property: Id(0)] string? Role,
    [property: Id(1)] string? Sex = null,
    [property: Id(2)] string? Citizenship = null,
    [property: Id(3)] string? AgeGroup = null,
    [property: Id(4)] string? ProceduralStatus = null,
    [property: Id(5)] PersonIdentity? Identity = null);

/// <summary>A perpetrator as a case view shows it, never with the identity.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.PerpetratorView")]
public sealed record PerpetratorView(
    [property: Id(0)] string Code,
    [property: Id(1)] string Role,
    [property: Id(2)] string? Sex,
    [property: Id(3)] string? Citizenship,
    [property: Id(4)] string? AgeGroup,
    [property: Id(5)] string? ProceduralStatus,
    [property: Id(6)] bool HasIdentity,
    [property: Id(7)] bool IdentityErased,
    [property: Id(8)] int Version);
