using System.Collections.Immutable;

namespace Enlace.Grains.Interfaces.Cases;

/// <summary>
/// A pseudonymous victim record; field names and value lists follow the Human
/// Trafficking Case Data Standard where it has one. <see cref="Identity"/> is null
/// in any view given to a caller not entitled to it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Enlace.Victim")]
public sealed record Victim(
    [property: Id(0)] string Code,
    [property: Id(1)] string AgeGroup,
    [property: Id(2)] string Sex,
    [property: Id(3)] string Nationality,
    [property: Id(4)] ImmutableArray<string> Exploitation,
    [property: Id(5)] ImmutableArray<string> MeansOfControl,
    [property: Id(6)] bool ConsentToDataProcessing,
    [property: Id(7)] VictimIdentity? Identity);
