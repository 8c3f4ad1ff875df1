namespace Enlace.Grains.Workflows.Definitions;

/// <summary>
/// A versioned workflow, as declared in a file of <c>workflows/</c>: its states, the
/// triggers between them and the tasks that entering a state creates.
/// </summary>
public sealed class WorkflowDefinition
{
    /// <summary>The kinds a definition may have.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["case", "victim-care", "roadmap-action"];

    /// <summary>Stable identifier, e.g. <c>trafficking-case</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>Version number, from 1; running instances keep the version they started with.</summary>
    public int Version { get; set; }

    /// <summary><c>case</c> or <c>roadmap-action</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Title shown to users.</summary>
    public LocalizedText Title { get; set; } = new();

    /// <summary>The state a new instance starts in.</summary>
    public string InitialState { get; set; } = "";

    /// <summary>Resolutions a closing trigger may record (codes).</summary>
    public List<string> Resolutions { get; set; } = [];

    /// <summary>The states.</summary>
    public List<StateDefinition> States { get; set; } = [];

    /// <summary>The triggers.</summary>
    public List<TriggerDefinition> Triggers { get; set; } = [];

    /// <summary>For a case: the <c>victim-care</c> definition each victim's care track follows (null: no care tracks).</summary>
    public string? Care { get; set; }

    /// <summary>
    /// Where a task goes when its assignment rule finds no agency (a nationality with no
    /// configured agency, a kind a country lacks): flagged <c>unmatchedRule</c> and audited.
    /// </summary>
    public AssignmentRule? Fallback { get; set; }

    /// <summary>The file the definition was read from (for error messages).</summary>
    public string SourceFile { get; set; } = "";

    /// <summary>The state named <paramref name="name"/>, or null.</summary>
    public StateDefinition? FindState(string name) => States.Find(s => s.Name == name);
}
