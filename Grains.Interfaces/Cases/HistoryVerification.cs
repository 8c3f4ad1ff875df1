namespace Enlace.Grains.Interfaces.Cases;

/// <summary>The result of re-computing a case's audit chain: intact, or where it first breaks.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.HistoryVerification")]
public sealed record HistoryVerification(
    [property: Id(0)] bool Valid,
    [property: Id(1)] int Events,
    [property: Id(2)] long? FirstBrokenSeq);
