namespace Enlace.Grains.Interfaces.Cases;

/// <summary>Whether a case can move to another version of its workflow, or which state needs a mapping.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.UpgradePlan")]
public sealed record UpgradePlan(
    [property: Id(0)] string CaseId,
    [property: Id(1)] bool Found,
    [property: Id(2)] int FromVersion,
    [property: Id(3)] int ToVersion,
    [property: Id(4)] bool CanMove,
    [property: Id(5)] string? StateNeedingMapping,
    [property: Id(6)] string Message);
