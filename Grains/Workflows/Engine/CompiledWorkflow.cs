using Enlace.Grains.ReferenceData;
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
    private readonly Dictionary<string, StateDefinition> _states;

    /// <summary>Compiles <paramref name="definition"/>, which must have passed validation.</summary>
    public CompiledWorkflow(WorkflowDefinition definition, ReferenceDataSet? reference = null)
    {
        Definition = definition;
        _triggers = definition.Triggers.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _states = definition.States.ToDictionary(s => s.Name, StringComparer.Ordinal);
        _triggersFrom = definition.States.ToDictionary(
            s => s.Name,
            s => definition.Triggers.Where(t => t.From.Contains(s.Name)).ToArray(),
            StringComparer.Ordinal);
        _guards = definition.Triggers.ToDictionary(t => t.Name, t => WorkflowTexts.Compile(definition, t.Guards, reference), StringComparer.Ordinal);
    }

    /// <summary>The definition.</summary>
    public WorkflowDefinition Definition { get; }

    /// <summary>The trigger named <paramref name="name"/>, or null.</summary>
    public TriggerDefinition? FindTrigger(string name) => _triggers.GetValueOrDefault(name);

    /// <summary>The state named <paramref name="name"/>, or null.</summary>
    public StateDefinition? FindState(string name) => _states.GetValueOrDefault(name);

    /// <summary>The triggers that leave <paramref name="state"/>.</summary>
    public IReadOnlyList<TriggerDefinition> TriggersFrom(string state) => _triggersFrom.GetValueOrDefault(state) ?? [];

    /// <summary>The guards of a trigger.</summary>
    public IReadOnlyList<CompiledGuard> GuardsOf(string trigger) => _guards.GetValueOrDefault(trigger) ?? [];

    /// <summary>A state's title in both languages (its name when unknown).</summary>
    public Localized StateTitle(string state) =>
        FindState(state) is { } s ? new Localized(s.Title.Es, s.Title.En) : new Localized(state, state);

    /// <summary>A trigger's title in both languages.</summary>
    public static Localized TitleOf(TriggerDefinition trigger) => new(trigger.Title.Es, trigger.Title.En);
}
