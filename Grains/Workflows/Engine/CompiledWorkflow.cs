using System.Collections.Concurrent;
using Enlace.Grains.ReferenceData;
using Enlace.Grains.Workflows.Definitions;

namespace Enlace.Grains.Workflows.Engine;

/// <summary>
/// A definition prepared for execution: triggers indexed by name and by source state,
/// guards turned into described predicates, and the answers about them — whether a trigger
/// may be fired now and why not — from those per-state tables, without building a state
/// machine (<see cref="WorkflowMachine"/> fires; it asks these tables too). Built once per
/// definition version; the answers' texts are made once and shared (they are immutable).
/// </summary>
public sealed class CompiledWorkflow
{
    private readonly Dictionary<string, TriggerDefinition> _triggers;
    private readonly Dictionary<string, TriggerDefinition[]> _triggersFrom;
    private readonly Dictionary<string, CompiledGuard[]> _guards;
    private readonly Dictionary<string, StateDefinition> _states;
    private readonly Dictionary<string, TriggerAnswers> _answers;

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
        _answers = definition.Triggers.ToDictionary(t => t.Name, t => new TriggerAnswers(t), StringComparer.Ordinal);
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

    /// <summary>
    /// Whether <paramref name="trigger"/> can be fired now on <paramref name="subject"/> by someone
    /// holding <paramref name="capacities"/>, and if not why: unknown, not from this state, no role
    /// for it, or guards unmet (each named).
    /// </summary>
    public TriggerCheck Check(string trigger, IReadOnlyCollection<string> capacities, IWorkflowSubject subject)
    {
        if (!_answers.TryGetValue(trigger, out var answers))
        {
            return new TriggerCheck(trigger, RefusalReason.UnknownTrigger, [],
                new($"«{trigger}» no es una acción de este flujo de trabajo", $"'{trigger}' is not a trigger of {Definition.Id}"));
        }

        var definition = answers.Trigger;
        if (!definition.From.Contains(subject.State))
        {
            return answers.WrongState(subject.State, this);
        }

        var holdsRole = HoldsAny(definition.Roles, capacities);
        var onBehalf = !holdsRole && HoldsAny(definition.RecordedBy, capacities);
        if (!holdsRole && !onBehalf)
        {
            return answers.RoleNotAllowed;
        }

        // Which guards do not hold, as a bit set (a definition's trigger has a handful of guards).
        var guards = _guards[definition.Name];
        if (guards.Length > 64)
        {
            return TriggerAnswers.Unmet(definition, answers.Title, Unmet(guards, subject), onBehalf) ?? answers.Permitted(onBehalf);
        }

        var unmet = 0UL;
        for (var i = 0; i < guards.Length; i++)
        {
            if (!guards[i].Holds(subject))
            {
                unmet |= 1UL << i;
            }
        }

        return unmet == 0 ? answers.Permitted(onBehalf) : answers.GuardsUnmet(unmet, onBehalf, guards);
    }

    /// <summary>A check for every trigger that leaves the subject's current state.</summary>
    public IReadOnlyList<TriggerCheck> Availability(IReadOnlyCollection<string> capacities, IWorkflowSubject subject)
    {
        var leaving = TriggersFrom(subject.State);
        var checks = new TriggerCheck[leaving.Count];
        for (var i = 0; i < checks.Length; i++)
        {
            checks[i] = Check(leaving[i].Name, capacities, subject);
        }

        return checks;
    }

    /// <summary>The triggers the holder of <paramref name="capacities"/> can fire now on <paramref name="subject"/>.</summary>
    public IReadOnlyList<string> PermittedTriggers(IReadOnlyCollection<string> capacities, IWorkflowSubject subject) =>
        [.. Availability(capacities, subject).Where(c => c.Permitted).Select(c => c.Trigger)];

    private static List<Localized> Unmet(CompiledGuard[] guards, IWorkflowSubject subject) =>
        [.. guards.Where(g => !g.Holds(subject)).Select(g => g.Description)];

    private static bool HoldsAny(IReadOnlyList<string> roles, IReadOnlyCollection<string> capacities)
    {
        foreach (var role in roles)
        {
            if (capacities.Contains(role))
            {
                return true;
            }
        }

        return false;
    }

    // The answers about one trigger that do not depend on the subject, made once: permitted (as
    // the holder of its role or as one who records it on behalf), refused for the role, and —
    // made the first time they are asked — refused in a state or for a set of unmet guards.
    private sealed class TriggerAnswers
    {
        private readonly TriggerCheck _permitted;
        private readonly TriggerCheck _permittedOnBehalf;
        private readonly ConcurrentDictionary<string, TriggerCheck> _wrongState = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<(ulong Unmet, bool OnBehalf), TriggerCheck> _guardsUnmet = new();

        public TriggerAnswers(TriggerDefinition trigger)
        {
            Trigger = trigger;
            Title = TitleOf(trigger);
            var title = Title;
            var can = new Localized($"«{title.Es}» se puede hacer", $"'{title.En}' can be done");
            _permitted = new TriggerCheck(trigger.Name, RefusalReason.None, [], can);
            _permittedOnBehalf = _permitted with { RecordsOnBehalf = true };
            var roles = trigger.Roles.Select(WorkflowTexts.Role).ToList();
            var recorders = trigger.RecordedBy.Select(WorkflowTexts.Role).ToList();
            var es = $"«{title.Es}» lo decide {string.Join(" o ", roles.Select(r => r.Es))}";
            var en = $"'{title.En}' is decided by {string.Join(" or ", roles.Select(r => r.En))}";
            if (recorders.Count > 0)
            {
                es += $"; {string.Join(" o ", recorders.Select(r => r.Es))} puede registrarlo con el número de la resolución";
                en += $"; {string.Join(" or ", recorders.Select(r => r.En))} may record it with the number of the decision";
            }

            RoleNotAllowed = new TriggerCheck(trigger.Name, RefusalReason.RoleNotAllowed, [], new(es, en));
        }

        public TriggerDefinition Trigger { get; }

        public Localized Title { get; }

        public TriggerCheck RoleNotAllowed { get; }

        public TriggerCheck WrongState(string state, CompiledWorkflow workflow) =>
            _wrongState.GetOrAdd(state, static (s, arg) =>
            {
                var (title, stage, name) = (arg.Answers.Title, arg.Workflow.StateTitle(s), arg.Answers.Trigger.Name);
                return new TriggerCheck(name, RefusalReason.WrongState, [],
                    new($"«{title.Es}» no se puede hacer en la etapa «{stage.Es}»", $"'{title.En}' cannot be done at the stage '{stage.En}'"));
            }, (Answers: this, Workflow: workflow));

        public TriggerCheck GuardsUnmet(ulong unmet, bool onBehalf, CompiledGuard[] guards) =>
            _guardsUnmet.GetOrAdd((unmet, onBehalf), static (key, arg) =>
                Unmet(arg.Answers.Trigger, arg.Answers.Title, [.. arg.Guards.Where((_, i) => (key.Unmet & (1UL << i)) != 0).Select(g => g.Description)], key.OnBehalf)!,
                (Answers: this, Guards: guards));

        public static TriggerCheck? Unmet(TriggerDefinition trigger, Localized title, List<Localized> missing, bool onBehalf) =>
            missing.Count == 0 ? null : new TriggerCheck(trigger.Name, RefusalReason.GuardUnmet, missing,
                new($"Para «{title.Es}» falta: {string.Join("; ", missing.Select(g => g.Es))}", $"'{title.En}' needs: {string.Join("; ", missing.Select(g => g.En))}"))
            {
                RecordsOnBehalf = onBehalf,
            };

        public TriggerCheck Permitted(bool onBehalf) => onBehalf ? _permittedOnBehalf : _permitted;
    }
}
