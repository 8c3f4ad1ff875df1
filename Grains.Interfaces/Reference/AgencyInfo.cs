namespace Enlace.Grains.Interfaces.Reference;

/// <summary>A configured agency.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.AgencyInfo")]
public sealed record AgencyInfo(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string Country,
    [property: Id(3)] string Kind);
