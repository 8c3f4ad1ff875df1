using Enlace.Grains.Workflows.Definitions;
using Enlace.Grains.Workflows.Engine;

namespace Enlace.Tests.Workflows;

/// <summary>
/// A workflow subject without Orleans: entering a state creates its tasks' tags as open
/// work; tests complete them by tag. Fields also stand for consents (<c>consent:assistance</c>)
/// and victim conditions (<c>is:minor</c>). Version counts accepted transitions.
/// </summary>
public sealed class SimulatedSubject : IWorkflowSubject
{
    private readonly WorkflowDefinition _definition;
    private readonly Dictionary<string, bool> _tags = [];
    private readonly HashSet<string> _fields = [];

    /// <summary>Starts in the definition's initial state with its tasks open.</summary>
    public SimulatedSubject(WorkflowDefinition definition, params string[] fields)
    {
        _definition = definition;
        State = definition.InitialState;
        _fields.UnionWith(fields);
        Enter(State);
    }

    /// <inheritdoc />
    public string State { get; set; }

    /// <summary>Number of accepted transitions.</summary>
    public int Version { get; private set; }

    /// <summary>Tags of tasks still open.</summary>
    public IEnumerable<string> OpenTags => _tags.Where(t => !t.Value).Select(t => t.Key);

    /// <inheritdoc />
    public bool TasksCompleted(string tag) => !_tags.TryGetValue(tag, out var completed) || completed;

    /// <inheritdoc />
    public bool FieldPresent(string field) => _fields.Contains(field);

    /// <inheritdoc />
    public bool TasksAccepted(string tag) => TasksCompleted(tag);

    /// <inheritdoc />
    public bool ConsentGiven(string purpose) => _fields.Contains($"consent:{purpose}");

    /// <inheritdoc />
    public bool VictimIs(string condition) => _fields.Contains($"is:{condition}");

    /// <summary>Completes the tasks tagged <paramref name="tag"/>.</summary>
    public void Complete(string tag) => _tags[tag] = true;

    /// <summary>Fills in a field.</summary>
    public void Fill(string field) => _fields.Add(field);

    /// <summary>Records an accepted transition into <see cref="State"/>.</summary>
    public void Transitioned()
    {
        Version++;
        Enter(State);
    }

    // A state's tasks open on entry: those for some victims only when the victim meets their 'when'.
    private void Enter(string state)
    {
        foreach (var tag in _definition.FindState(state)!.Tasks.Where(t => t.When.Count == 0 || t.When.Any(VictimIs)).SelectMany(t => t.Tags))
        {
            _tags[tag] = false;
        }
    }
}
