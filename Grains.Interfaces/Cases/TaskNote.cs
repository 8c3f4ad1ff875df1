namespace Enlace.Grains.Interfaces.Cases;

/// <summary>A note left on a task by a trigger (decline reason, completion note, …).</summary>
[GenerateSerializer, Immutable, Alias("Enlace.TaskNote")]
public sealed record TaskNote(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Author,
    [property: Id(2)] string? Agency,
    [property: Id(3)] string Trigger,
    [property: Id(4)] string Text,
    [property: Id(5)] string? EvidenceRef);
