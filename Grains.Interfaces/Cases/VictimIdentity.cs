namespace Enlace.Grains.Interfaces.Cases;

/// <summary>A victim's identity: kept apart from the pseudonymous record and shown only to entitled agency kinds.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.VictimIdentity")]
public sealed record VictimIdentity(
    [property: Id(0)] string FullName,
    [property: Id(1)] string? DocumentNumber);
