using Enlace.Grains.Workflows.Definitions;

namespace Enlace.Grains.Workflows.Engine;

/// <summary>
/// A definition prepared for execution: triggers indexed by name and by source state,
/// guards turned into described predicates. Built once per definition version.
/// </summary>
public sealed class CompiledWorkflow
{
    private readonly Dictionary<string, TriggerDefinition> _triggers;
    private readonly Dictionary<string, TriggerDefinition[]> _triggersFrom;
    private readonly Dictionary<string, CompiledGuard[]> _guards;

    /// <summary>Compiles <paramref name="definition"/>, which must have passed validation.</summary>
    public CompiledWorkflow(WorkflowDefinition definition)
    {
        Definition = definition;
        _triggers = definition.Triggers.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _triggersFrom = definition.States.ToDictionary(
            s => s.Name,
            s => definition.Triggers.Where(t => t.From.Contains(s.Name)).ToArray(),
            StringComparer.Ordinal);
        _guards = definition.Triggers.ToDictionary(t => t.Name, t => CompileGuards(t.Guards), StringComparer.Ordinal);
    }

    /// <summary>The definition.</summary>
    public WorkflowDefinition Definition { get; }

    /// <summary>The trigger named <paramref name="name"/>, or null.</summary>
    public TriggerDefinition? FindTrigger(string name) => _triggers.GetValueOrDefault(name);

    /// <summary>The triggers that leave <paramref name="state"/>.</summary>
    public IReadOnlyList<TriggerDefinition> TriggersFrom(string state) => _triggersFrom.GetValueOrDefault(state) ?? [];

    /// <summary>The guards of a trigger.</summary>
    public IReadOnlyList<CompiledGuard> GuardsOf(string trigger) => _guards.GetValueOrDefault(trigger) ?? [];

    private static CompiledGuard[] CompileGuards(GuardDefinition guards) =>
    [
        .. guards.TasksCompleted.Select(tag => new CompiledGuard(
            $"tasks tagged '{tag}' are completed",
            subject => subject.TasksCompleted(tag))),
        .. guards.FieldsPresent.Select(field => new CompiledGuard(
            $"'{field}' is filled in",
            subject => subject.FieldPresent(field))),
    ];
}
