using Stateless;
using Stateless.Graph;

namespace Enlace.Grains.Workflows.Engine;

/// <summary>
/// A Stateless machine over a subject's external state, configured from a compiled
/// definition. Guards come from the definition; who may fire a trigger is checked
/// against the caller's capacities in the instance (coordinator, an agency kind, …).
/// A trigger without a target keeps the instance where it is (a re-entry).
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
    }

    /// <summary>Whether <paramref name="trigger"/> can be fired now by someone holding <paramref name="capacities"/>.</summary>
    public TriggerCheck Check(string trigger, IReadOnlyCollection<string> capacities)
    {
        var definition = _workflow.FindTrigger(trigger);
        if (definition is null)
        {
            return new TriggerCheck(trigger, RefusalReason.UnknownTrigger, [],
                new($"«{trigger}» no es una acción de este flujo de trabajo", $"'{trigger}' is not a trigger of {_workflow.Definition.Id}"));
        }

        var title = CompiledWorkflow.TitleOf(definition);
        if (!definition.From.Contains(_subject.State))
        {
            var stage = _workflow.StateTitle(_subject.State);
            return new TriggerCheck(trigger, RefusalReason.WrongState, [],
                new($"«{title.Es}» no se puede hacer en la etapa «{stage.Es}»", $"'{title.En}' cannot be done at the stage '{stage.En}'"));
        }

        var holdsRole = definition.Roles.Any(capacities.Contains);
        var onBehalf = !holdsRole && definition.RecordedBy.Any(capacities.Contains);
        if (!holdsRole && !onBehalf)
        {
            var roles = definition.Roles.Select(WorkflowTexts.Role).ToList();
            var recorders = definition.RecordedBy.Select(WorkflowTexts.Role).ToList();
            var es = $"«{title.Es}» lo decide {string.Join(" o ", roles.Select(r => r.Es))}";
            var en = $"'{title.En}' is decided by {string.Join(" or ", roles.Select(r => r.En))}";
            if (recorders.Count > 0)
            {
                es += $"; {string.Join(" o ", recorders.Select(r => r.Es))} puede registrarlo con el número de la resolución";
                en += $"; {string.Join(" or ", recorders.Select(r => r.En))} may record it with the number of the decision";
            }

            return new TriggerCheck(trigger, RefusalReason.RoleNotAllowed, [], new(es, en));
        }

        var unmet = _workflow.GuardsOf(trigger).Where(g => !g.Holds(_subject)).Select(g => g.Description).ToList();
        if (unmet.Count > 0 || !_machine.CanFire(trigger))
        {
            return new TriggerCheck(trigger, RefusalReason.GuardUnmet, unmet,
                new($"Para «{title.Es}» falta: {string.Join("; ", unmet.Select(g => g.Es))}", $"'{title.En}' needs: {string.Join("; ", unmet.Select(g => g.En))}"))
            {
                RecordsOnBehalf = onBehalf,
            };
        }

        return new TriggerCheck(trigger, RefusalReason.None, [], new($"«{title.Es}» se puede hacer", $"'{title.En}' can be done"))
        {
            RecordsOnBehalf = onBehalf,
        };
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
