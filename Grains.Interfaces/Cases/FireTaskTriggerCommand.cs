namespace Enlace.Grains.Interfaces.Cases;

/// <summary>Moves a task: accept, start, complete, decline (agency); reassign, cancel, reopen (coordinators).</summary>
[GenerateSerializer, Immutable, Alias("Enlace.FireTaskTriggerCommand")]
public sealed record FireTaskTriggerCommand(
    [property: Id(0)] string TaskId,
    [property: Id(1)] string Trigger,
    [property: Id(2)] string? Note = null,
    [property: Id(3)] string? EvidenceRef = null,
    [property: Id(4)] string? Agency = null);
