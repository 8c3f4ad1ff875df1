using System.Collections.Immutable;

namespace Enlace.Grains.Interfaces.Cases;

/// <summary>
/// A trigger leaving the current state, whether the caller may fire it now and,
/// if not, why: <c>wrong-state</c>, <c>role-not-allowed</c> or <c>guard-unmet</c> with the unmet guards.
/// Title, message and guards are in the caller's language; the flags say what the command must carry.
/// </summary>
[GenerateSerializer, Immutable, Alias("Enlace.TriggerAvailability")]
public sealed record TriggerAvailability(
    [property: Id(0)] string Trigger,
    [property: Id(1)] bool Permitted,
    [property: Id(2)] string? Reason,
    [property: Id(3)] ImmutableArray<string> UnmetGuards,
    [property: Id(4)] string Message,
    [property: Id(5)] string? Title,
    [property: Id(6)] bool RequiresNote,
    [property: Id(7)] bool RequiresResolution,
    [property: Id(8)] bool RequiresDecisionRef,
    [property: Id(9)] ImmutableArray<string> Resolutions,
    [property: Id(10)] string? Effect);
