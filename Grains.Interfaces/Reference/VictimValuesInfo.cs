using System.Collections.Immutable;

namespace Enlace.Grains.Interfaces.Reference;

/// <summary>The value list of one victim or perpetrator field, with the standard it follows.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.VictimValuesInfo")]
public sealed record VictimValuesInfo(
    [property: Id(0)] string Field,
    [property: Id(1)] string Standard,
    [property: Id(2)] string Version,
    [property: Id(3)] ImmutableArray<ValueInfo> Values);

/// <summary>One value: its code and its title in Spanish and English.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.ValueInfo")]
public sealed record ValueInfo(
    [property: Id(0)] string Code,
    [property: Id(1)] string Title,
    [property: Id(2)] string TitleEn);
