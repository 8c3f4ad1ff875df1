using System.Collections.Immutable;

namespace Enlace.Grains.Interfaces.Cases;

/// <summary>
/// One batch of an upgrade: <see cref="CaseOutcome.Ok"/> with the cases of the batch and the
/// cursor of the next one (<paramref name="Next"/>, null after the last); or
/// <see cref="CaseOutcome.Forbidden"/> / <see cref="CaseOutcome.Invalid"/> with why, changing nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("Enlace.UpgradeBatch")]
public sealed record UpgradeBatch(
    [property: Id(0)] CaseOutcome Outcome,
    [property: Id(1)] ImmutableArray<UpgradeItem> Items,
    [property: Id(2)] string? Next = null,
    [property: Id(3)] string? Detail = null,
    [property: Id(4)] ImmutableDictionary<string, string[]>? Errors = null);
