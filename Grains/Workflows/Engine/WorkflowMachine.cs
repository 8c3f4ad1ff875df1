using Stateless;
using Stateless.Graph;

namespace Enlace.Grains.Workflows.Engine;

/// <summary>
/// A Stateless machine over a subject's external state, configured from a compiled
/// definition. Guards come from the definition; who may fire a trigger is checked
/// against the caller's capacities in the instance (coordinator, an agency kind, …).
/// </summary>
public sealed class WorkflowMachine
{
    private readonly CompiledWorkflow _workflow;
    private readonly IWorkflowSubject _subject;
    private readonly StateMachine<string, string> _machine;

    /// <summary>Builds the machine for <paramref name="subject"/>.</summary>
    public WorkflowMachine(CompiledWorkflow workflow, IWorkflowSubject subject)
    {
        _workflow = workflow;
        _subject = subject;
        _machine = new StateMachine<string, string>(() => _subject.State, state => _subject.State = state);
        foreach (var state in workflow.Definition.States)
        {
            var configuration = _machine.Configure(state.Name);
            foreach (var trigger in workflow.TriggersFrom(state.Name))
            {
                var guards = workflow.GuardsOf(trigger.Name)
                    .Select(g => Tuple.Create<Func<bool>, string>(() => g.Holds(_subject), g.Description))
                    .ToArray();
                if (guards.Length == 0)
                {
                    configuration.Permit(trigger.Name, trigger.To);
                }
                else
                {
                    configuration.PermitIf(trigger.Name, trigger.To, guards);
                }
            }
        }
    }

    /// <summary>Whether <paramref name="trigger"/> can be fired now by someone holding <paramref name="capacities"/>.</summary>
    public TriggerCheck Check(string trigger, IReadOnlyCollection<string> capacities)
    {
        var definition = _workflow.FindTrigger(trigger);
        if (definition is null)
        {
            return new TriggerCheck(trigger, RefusalReason.UnknownTrigger, [], $"'{trigger}' is not a trigger of {_workflow.Definition.Id}");
        }

        if (!definition.From.Contains(_subject.State))
        {
            return new TriggerCheck(trigger, RefusalReason.WrongState, [], $"'{trigger}' cannot be fired in state '{_subject.State}'");
        }

        if (!definition.Roles.Any(capacities.Contains))
        {
            return new TriggerCheck(trigger, RefusalReason.RoleNotAllowed, [], $"'{trigger}' may be fired only by: {string.Join(", ", definition.Roles)}");
        }

        if (!_machine.CanFire(trigger, out var unmet))
        {
            var guards = unmet.ToList();
            return new TriggerCheck(trigger, RefusalReason.GuardUnmet, guards, $"'{trigger}' needs: {string.Join("; ", guards)}");
        }

        return new TriggerCheck(trigger, RefusalReason.None, [], $"'{trigger}' can be fired");
    }

    /// <summary>A check for every trigger that leaves the current state.</summary>
    public IReadOnlyList<TriggerCheck> Availability(IReadOnlyCollection<string> capacities) =>
        [.. _workflow.TriggersFrom(_subject.State).Select(t => Check(t.Name, capacities))];

    /// <summary>The triggers the holder of <paramref name="capacities"/> can fire now.</summary>
    public IReadOnlyList<string> PermittedTriggers(IReadOnlyCollection<string> capacities) =>
        [.. Availability(capacities).Where(c => c.Permitted).Select(c => c.Trigger)];

    /// <summary>Fires a trigger the caller has checked; returns the state before and after.</summary>
    /// <exception cref="InvalidOperationException">The trigger is not permitted now.</exception>
    public async Task<(string From, string To)> FireAsync(string trigger)
    {
        var from = _subject.State;
        await _machine.FireAsync(trigger);
        return (from, _subject.State);
    }

    /// <summary>The state graph as Mermaid text, guards as labels.</summary>
    public string ToMermaid() => MermaidGraph.Format(_machine.GetInfo());

    /// <summary>The state graph as DOT text, guards as labels.</summary>
    public string ToDot() => UmlDotGraph.Format(_machine.GetInfo());
}
