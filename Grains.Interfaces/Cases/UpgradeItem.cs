namespace Enlace.Grains.Interfaces.Cases;

/// <summary>
/// What an upgrade did or would do to one case: its state before and after, the outcome
/// (<see cref="UpgradeOutcomes"/>), and for a case that does not move why, in English
/// (<paramref name="Reason"/>) and as a code a user interface words itself (<paramref name="ReasonCode"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Enlace.UpgradeItem")]
public sealed record UpgradeItem(
    [property: Id(0)] string CaseId,
    [property: Id(1)] string? Reference,
    [property: Id(2)] string? FromState,
    [property: Id(3)] string? ToState,
    [property: Id(4)] string Outcome,
    [property: Id(5)] string? Reason = null,
    [property: Id(6)] string? ReasonCode = null);
