namespace Enlace.Grains.Workflows.Definitions;

/// <summary>Exit criteria of a trigger; all must hold.</summary>
public sealed class GuardDefinition
{
    /// <summary>Every task carrying one of these tags exists and is completed (cancelled ones aside).</summary>
    public List<string> TasksCompleted { get; set; } = [];

    /// <summary>These fields of the instance are filled in.</summary>
    public List<string> FieldsPresent { get; set; } = [];

    /// <summary>Every task carrying one of these tags has been accepted by its agency (or is further on).</summary>
    public List<string> TasksAccepted { get; set; } = [];

    /// <summary>For care tracks: the victim's latest decision for each of these purposes gives consent.</summary>
    public List<string> ConsentGiven { get; set; } = [];

    /// <summary>For care tracks: each of these victim conditions holds (<c>VictimConditions</c>).</summary>
    public List<string> VictimIs { get; set; } = [];

    /// <summary>True when there is nothing to check.</summary>
    public bool IsEmpty => TasksCompleted.Count == 0 && FieldsPresent.Count == 0 && TasksAccepted.Count == 0 && ConsentGiven.Count == 0 && VictimIs.Count == 0;
}
