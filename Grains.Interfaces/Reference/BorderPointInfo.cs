using System.Collections.Immutable;

namespace Enlace.Grains.Interfaces.Reference;

/// <summary>A configured border point: its code, its name in Spanish and English, the countries it joins.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.BorderPointInfo")]
public sealed record BorderPointInfo(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string NameEn,
    [property: Id(3)] ImmutableArray<string> Countries);
