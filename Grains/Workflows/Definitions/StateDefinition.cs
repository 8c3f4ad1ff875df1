namespace Enlace.Grains.Workflows.Definitions;

/// <summary>A state (stage) of a workflow.</summary>
public sealed class StateDefinition
{
    /// <summary>Name used by triggers and stored in instances.</summary>
    public string Name { get; set; } = "";

    /// <summary>Title shown to users.</summary>
    public LocalizedText Title { get; set; } = new();

    /// <summary>A terminal state ends the instance: no trigger leaves it.</summary>
    public bool Terminal { get; set; }

    /// <summary>Tasks created when an instance enters this state.</summary>
    public List<TaskTemplate> Tasks { get; set; } = [];
}
