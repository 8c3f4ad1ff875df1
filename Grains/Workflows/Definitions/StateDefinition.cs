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

    /// <summary>
    /// The instance counts as closed here (its closure time and resolution are set) though
    /// a trigger may still leave the state, e.g. an archived case that is reopened.
    /// </summary>
    public bool Closed { get; set; }

    /// <summary>Terminal or closed: entering it closes the instance.</summary>
    public bool Closes => Terminal || Closed;

    /// <summary>Tasks created when an instance enters this state.</summary>
    public List<TaskTemplate> Tasks { get; set; } = [];
}
