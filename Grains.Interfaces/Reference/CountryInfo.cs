namespace Enlace.Grains.Interfaces.Reference;

/// <summary>A configured country: its names, IANA time zone and locale (e.g. <c>America/Lima</c>, <c>es-PE</c>).</summary>
[GenerateSerializer, Immutable, Alias("Enlace.CountryInfo")]
public sealed record CountryInfo(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string NameEn,
    [property: Id(3)] string TimeZone,
    [property: Id(4)] string Locale);
