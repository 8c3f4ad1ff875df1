namespace Enlace.Grains.Interfaces.Cases;

/// <summary>A note on the case, or on one of its tasks when <see cref="TaskId"/> is given.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.AddNoteCommand")]
public sealed record AddNoteCommand(
    [property: Id(0)] string Text,
    [property: Id(1)] string? TaskId = null,
    [property: Id(2)] string? EvidenceRef = null);
