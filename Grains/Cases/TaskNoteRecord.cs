namespace Enlace.Grains.Cases;

/// <summary>A note on a task as persisted.</summary>
[GenerateSerializer, Alias("Enlace.State.TaskNote")]
public sealed class TaskNoteRecord
{
    /// <summary>When.</summary>
    [Id(0)] public DateTimeOffset At { get; set; }

    /// <summary>User id of the author.</summary>
    [Id(1)] public string Author { get; set; } = "";

    /// <summary>Author's agency.</summary>
    [Id(2)] public string? Agency { get; set; }

    /// <summary>The trigger that carried the note.</summary>
    [Id(3)] public string Trigger { get; set; } = "";

    /// <summary>Text.</summary>
    [Id(4)] public string Text { get; set; } = "";

    /// <summary>Evidence reference.</summary>
    [Id(5)] public string? EvidenceRef { get; set; }
}
