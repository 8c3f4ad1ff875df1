namespace Enlace.Grains.Interfaces.Reference;

/// <summary>A configured country.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.CountryInfo")]
public sealed record CountryInfo(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string NameEn);
