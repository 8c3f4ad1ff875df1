using CsCheck;
using Enlace.Grains.Workflows.Engine;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Workflows;

/// <summary>
/// Views answer "what may be fired now, and why not" from the compiled definition's per-state
/// tables (<see cref="CompiledWorkflow.Check"/>) instead of building a Stateless machine per request.
/// Over every shipped definition and version, generated instances (any state, any tasks completed
/// or accepted, any fields, consents and victim conditions) and callers (any set of roles) get from
/// the tables what the machine itself says: fired or not, the same unmet guards, and the role check
/// the engine adds. Task triggers likewise: the table of <see cref="TaskLifecycle.Leaves"/> is the
/// task machine's.
/// </summary>
public sealed class TriggerAnswerTests
{
    private const string Unknown = "no-such-trigger";

    public static TheoryData<string, int> Definitions
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var definition in TestCatalog.Shipped.All)
            {
                data.Add(definition.Id, definition.Version);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void TheTablesAnswerAsTheMachineDoes(string id, int version)
    {
        var workflow = TestCatalog.Shipped.Compile(TestCatalog.Shipped.Find(id, version)!);
        var definition = workflow.Definition;
        string[] states = [.. definition.States.Select(s => s.Name)];
        string[] tags = [.. definition.States.SelectMany(s => s.Tasks).Concat(definition.Triggers.SelectMany(t => t.Tasks)).SelectMany(t => t.Tags).Distinct()];
        string[] fields = [.. Grains.Workflows.Definitions.WorkflowValidator.KnownFields[definition.Kind]];
        string[] purposes = [.. TestCatalog.Reference.VictimValues.Codes("consentPurpose")];
        string[] conditions = [.. Grains.Victims.VictimConditions.Meanings.Keys];
        string[] roles = [.. definition.Triggers.SelectMany(t => t.Roles.Concat(t.RecordedBy)).Append("manager").Distinct()];
        string[] triggers = [.. definition.Triggers.Select(t => t.Name), Unknown];
        var visited = new HashSet<(string State, RefusalReason Reason)>();

        var instances =
            from state in Gen.OneOf(states)
            from completed in Gen.Bool.Array[tags.Length]
            from accepted in Gen.Bool.Array[tags.Length]
            from filled in Gen.Bool.Array[fields.Length]
            from consents in Gen.Bool.Array[purposes.Length]
            from holds in Gen.Bool.Array[conditions.Length]
            from held in Gen.Bool.Array[roles.Length]
            select new Instance(
                state,
                Pick(tags, completed), Pick(tags, accepted), Pick(fields, filled), Pick(purposes, consents), Pick(conditions, holds),
                [.. Pick(roles, held)]);

        instances.Sample(instance =>
        {
            var machine = new WorkflowMachine(workflow, instance);
            foreach (var trigger in triggers)
            {
                var answer = workflow.Check(trigger, instance.Capacities, instance);
                visited.Add((instance.State, answer.Reason));
                var found = workflow.FindTrigger(trigger);
                if (found is null)
                {
                    Assert.Equal(RefusalReason.UnknownTrigger, answer.Reason);
                    continue;
                }

                var (canFire, unmet) = machine.AskMachine(trigger);
                // Stateless has a transition for the trigger in this state exactly when it fires or names unmet guards.
                var configured = canFire || unmet.Count > 0;
                Assert.Equal(!configured, answer.Reason == RefusalReason.WrongState);
                if (!configured)
                {
                    continue;
                }

                var holdsRole = found.Roles.Any(instance.Capacities.Contains);
                var recordsIt = !holdsRole && found.RecordedBy.Any(instance.Capacities.Contains);
                if (!holdsRole && !recordsIt)
                {
                    Assert.Equal(RefusalReason.RoleNotAllowed, answer.Reason);
                    continue;
                }

                Assert.Equal(canFire, answer.Permitted);
                Assert.Equal(canFire ? RefusalReason.None : RefusalReason.GuardUnmet, answer.Reason);
                Assert.Equal(unmet, answer.UnmetGuards.Select(g => g.En));
                Assert.Equal(recordsIt, answer.RecordsOnBehalf);
            }

            // The view's list: a check for each trigger leaving the state, as asked one by one.
            var leaving = workflow.TriggersFrom(instance.State).Select(t => t.Name).ToList();
            var availability = workflow.Availability(instance.Capacities, instance);
            Assert.Equal(leaving, availability.Select(a => a.Trigger));
            Assert.Equal(leaving.Select(t => workflow.Check(t, instance.Capacities, instance)), availability);
            Assert.Equal(availability.Where(a => a.Permitted).Select(a => a.Trigger), machine.PermittedTriggers(instance.Capacities));
        }, iter: 3_000, threads: 1, print: i => i.ToString());

        // The generator must have reached every state and every kind of answer the definition can give.
        Assert.Equal(states.Order(), visited.Select(v => v.State).Distinct().Order());
        Assert.Contains(visited, v => v.Reason == RefusalReason.None);
        Assert.Contains(visited, v => v.Reason == RefusalReason.WrongState);
        Assert.Contains(visited, v => v.Reason == RefusalReason.RoleNotAllowed);
        Assert.Contains(visited, v => v.Reason == RefusalReason.UnknownTrigger);
        if (definition.Triggers.Any(t => workflow.GuardsOf(t.Name).Count > 0))
        {
            Assert.Contains(visited, v => v.Reason == RefusalReason.GuardUnmet);
        }
    }

    [Fact]
    public void TheTaskTableIsTheTaskMachine()
    {
        string[] states = [.. TaskLifecycle.States.Open, TaskLifecycle.States.Completed, TaskLifecycle.States.Cancelled, "no-such-state"];
        foreach (var state in states)
        {
            var current = state;
            var machine = new TaskLifecycle(() => current, s => current = s);
            foreach (var trigger in TaskLifecycle.Triggers.Roles.Keys.Append(Unknown))
            {
                Assert.True(machine.CanFire(trigger) == TaskLifecycle.Leaves(state, trigger), $"task state '{state}', trigger '{trigger}'");
            }
        }

        // Spot checks, so that an empty table cannot pass.
        Assert.True(TaskLifecycle.Leaves(TaskLifecycle.States.Assigned, "accept"));
        Assert.True(TaskLifecycle.Leaves(TaskLifecycle.States.Assigned, "reassign"));
        Assert.False(TaskLifecycle.Leaves(TaskLifecycle.States.Completed, "accept"));
        Assert.True(TaskLifecycle.Leaves(TaskLifecycle.States.Cancelled, "reopen"));
    }

    private static HashSet<string> Pick(string[] values, bool[] chosen) => [.. values.Where((_, i) => chosen[i])];

    // An instance whose facts are given outright: the tags whose tasks are completed or accepted, the
    // fields present, the consents given, the victim conditions that hold, and the caller's capacities.
    private sealed class Instance(
        string state, HashSet<string> completed, HashSet<string> accepted, HashSet<string> fields, HashSet<string> consents, HashSet<string> conditions,
        List<string> capacities) : IWorkflowSubject
    {
        public string State { get; set; } = state;

        public IReadOnlyCollection<string> Capacities => capacities;

        public bool TasksCompleted(string tag) => completed.Contains(tag);

        public bool TasksAccepted(string tag) => accepted.Contains(tag);

        public bool FieldPresent(string field) => fields.Contains(field);

        public bool ConsentGiven(string purpose) => consents.Contains(purpose);

        public bool VictimIs(string condition) => conditions.Contains(condition);

        public override string ToString() =>
            $"state {State}; completed [{string.Join(", ", completed)}]; accepted [{string.Join(", ", accepted)}]; fields [{string.Join(", ", fields)}]; "
            + $"consents [{string.Join(", ", consents)}]; conditions [{string.Join(", ", conditions)}]; capacities [{string.Join(", ", capacities)}]";
    }
}
