namespace Enlace.Grains.Interfaces.Cases;

/// <summary>Assigns a task of the case to an agency (coordinators).</summary>
[GenerateSerializer, Immutable, Alias("Enlace.CreateTaskCommand")]
public sealed record CreateTaskCommand(
    [property: Id(0)] string Title,
    [property: Id(1)] string? Description,
    [property: Id(2)] string Agency,
    [property: Id(3)] DateTimeOffset DueAt,
    [property: Id(4)] string Priority = "normal",
    [property: Id(5)] string Kind = "task",
    [property: Id(6)] DateTimeOffset? AcknowledgeBy = null);
