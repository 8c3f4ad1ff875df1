using System.Collections.Immutable;

namespace Enlace.Grains.Interfaces.Cases;

/// <summary>
/// What a caller may read of a case's audit trail in the read model, and the chain's
/// head as the case holds it (so a verification can tell a truncated trail).
/// </summary>
[GenerateSerializer, Immutable, Alias("Enlace.HistoryScope")]
public sealed record HistoryScope(
    [property: Id(0)] long LastSeq,
    [property: Id(1)] string LastHash,
    [property: Id(2)] bool AllTasks,
    [property: Id(3)] ImmutableArray<string> VisibleTasks);
