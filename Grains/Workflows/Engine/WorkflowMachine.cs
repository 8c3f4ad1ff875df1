using Stateless;
using Stateless.Graph;

namespace Enlace.Grains.Workflows.Engine;

/// <summary>
/// A Stateless machine over a subject's external state, configured from a compiled
/// definition. Guards come from the definition; who may fire a trigger is checked
/// against the caller's capacities in the instance (coordinator, an agency kind, …).
/// A trigger without a target keeps the instance where it is (a re-entry). What may be
/// fired now and why not is the compiled definition's per-state answer
/// (<see cref="CompiledWorkflow.Check"/>, the same for views); the machine itself is
/// configured only when it fires or draws.
/// </summary>
public sealed class WorkflowMachine
{
    private readonly CompiledWorkflow _workflow;
    private readonly IWorkflowSubject _subject;
    private StateMachine<string, string>? _machine;

    /// <summary>The machine for <paramref name="subject"/>.</summary>
    public WorkflowMachine(CompiledWorkflow workflow, IWorkflowSubject subject)
    {
        _workflow = workflow;
        _subject = subject;
    }

    private StateMachine<string, string> Machine => _machine ??= Configure();

    /// <summary>Whether <paramref name="trigger"/> can be fired now by someone holding <paramref name="capacities"/>.</summary>
    public TriggerCheck Check(string trigger, IReadOnlyCollection<string> capacities) => _workflow.Check(trigger, capacities, _subject);

    /// <summary>A check for every trigger that leaves the current state.</summary>
    public IReadOnlyList<TriggerCheck> Availability(IReadOnlyCollection<string> capacities) => _workflow.Availability(capacities, _subject);

    /// <summary>The triggers the holder of <paramref name="capacities"/> can fire now.</summary>
    public IReadOnlyList<string> PermittedTriggers(IReadOnlyCollection<string> capacities) => _workflow.PermittedTriggers(capacities, _subject);

    /// <summary>
    /// What Stateless itself says of <paramref name="trigger"/> now: whether it would fire (state and
    /// guards; callers' roles are not its concern) and the English descriptions of the guards it finds
    /// unmet (none when the current state has no transition on it) — what the per-state answers of
    /// <see cref="CompiledWorkflow.Check"/> are tested against.
    /// </summary>
    public (bool CanFire, IReadOnlyList<string> UnmetGuards) AskMachine(string trigger)
    {
        var canFire = Machine.CanFire(trigger, out var unmet);
        return (canFire, unmet is null ? [] : [.. unmet]);
    }

    /// <summary>Fires a trigger the caller has checked; returns the state before and after.</summary>
    /// <exception cref="InvalidOperationException">The trigger is not permitted now.</exception>
    public async Task<(string From, string To)> FireAsync(string trigger)
    {
        var from = _subject.State;
        await Machine.FireAsync(trigger);
        return (from, _subject.State);
    }

    /// <summary>The state graph as Mermaid text, guards as labels.</summary>
    public string ToMermaid() => MermaidGraph.Format(Machine.GetInfo());

    /// <summary>The state graph as DOT text, guards as labels.</summary>
    public string ToDot() => UmlDotGraph.Format(Machine.GetInfo());

    private StateMachine<string, string> Configure()
    {
        var machine = new StateMachine<string, string>(() => _subject.State, state => _subject.State = state);
        foreach (var state in _workflow.Definition.States)
        {
            var configuration = machine.Configure(state.Name);
            foreach (var trigger in _workflow.TriggersFrom(state.Name))
            {
                var guards = _workflow.GuardsOf(trigger.Name)
                    .Select(g => Tuple.Create<Func<bool>, string>(() => g.Holds(_subject), g.Description.En))
                    .ToArray();
                switch (trigger.StaysInState, guards.Length)
                {
                    case (true, 0):
                        configuration.PermitReentry(trigger.Name);
                        break;
                    case (true, _):
                        configuration.PermitReentryIf(trigger.Name, guards);
                        break;
                    case (false, 0):
                        configuration.Permit(trigger.Name, trigger.To);
                        break;
                    default:
                        configuration.PermitIf(trigger.Name, trigger.To, guards);
                        break;
                }
            }
        }

        return machine;
    }
}
