namespace Enlace.Grains.Workflows.Definitions;

/// <summary>Exit criteria of a trigger; all must hold.</summary>
public sealed class GuardDefinition
{
    /// <summary>Every task carrying one of these tags exists and is completed (cancelled ones aside).</summary>
    public List<string> TasksCompleted { get; set; } = [];

    /// <summary>These fields of the instance are filled in.</summary>
    public List<string> FieldsPresent { get; set; } = [];

    /// <summary>True when there is nothing to check.</summary>
    public bool IsEmpty => TasksCompleted.Count == 0 && FieldsPresent.Count == 0;
}
