using Enlace.Grains.Workflows.Engine;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Workflows;

/// <summary>
/// For each shipped definition, 10,000 random sequences of triggers, task completions
/// and callers: the machine never reaches an undefined state, a refused trigger changes
/// nothing, and an accepted trigger was among the permitted ones.
/// </summary>
public sealed class WorkflowPropertyTests
{
    private const int Sequences = 10_000;
    private const int StepsPerSequence = 40;

    public static TheoryData<string> Definitions => new(TestCatalog.Shipped.All.Select(d => d.Id).Distinct());

    [Theory]
    [MemberData(nameof(Definitions))]
    public async Task RandomTriggerSequencesKeepTheMachineConsistent(string id)
    {
        var workflow = TestCatalog.Shipped.Compile(TestCatalog.Shipped.Latest(id)!);
        var states = workflow.Definition.States.Select(s => s.Name).ToHashSet();
        var triggers = workflow.Definition.Triggers.Select(t => t.Name).Append("no-such-trigger").ToArray();
        var roles = workflow.Definition.Triggers.SelectMany(t => t.Roles).Append("manager").Distinct().ToArray();
        // Fields stand for consents and victim conditions too (SimulatedSubject), so that care tracks get deep.
        var fields = Grains.Workflows.Definitions.WorkflowValidator.KnownFields[workflow.Definition.Kind]
            .Concat(TestCatalog.Reference.VictimValues.Codes("consentPurpose").Select(p => $"consent:{p}"))
            .Concat(Grains.Victims.VictimConditions.Meanings.Keys.Select(c => $"is:{c}")).ToArray();
        var random = new Random(20261127 + id.Length);
        var visited = new HashSet<string>();

        for (var sequence = 0; sequence < Sequences; sequence++)
        {
            var subject = new SimulatedSubject(workflow.Definition);
            var machine = new WorkflowMachine(workflow, subject);
            for (var step = 0; step < StepsPerSequence; step++)
            {
                switch (random.Next(3))
                {
                    case 0 when subject.OpenTags.Any():
                        var open = subject.OpenTags.ToArray();
                        subject.Complete(open[random.Next(open.Length)]);
                        continue;
                    case 1:
                        subject.Fill(fields[random.Next(fields.Length)]);
                        continue;
                }

                // Half the time a trigger that leaves the current state, so that walks get deep.
                var leaving = workflow.TriggersFrom(subject.State);
                var trigger = random.Next(2) == 0 && leaving.Count > 0
                    ? leaving[random.Next(leaving.Count)].Name
                    : triggers[random.Next(triggers.Length)];
                var capacities = roles.Where(_ => random.Next(3) == 0).ToArray();
                var permitted = machine.PermittedTriggers(capacities);
                var check = machine.Check(trigger, capacities);
                var (stateBefore, versionBefore) = (subject.State, subject.Version);
                Assert.Equal(permitted.Contains(trigger), check.Permitted);
                if (check.Permitted)
                {
                    await machine.FireAsync(trigger);
                    subject.Transitioned();
                    var fired = workflow.FindTrigger(trigger)!;
                    Assert.Equal(fired.StaysInState ? stateBefore : fired.To, subject.State);
                }
                else
                {
                    Assert.Equal(stateBefore, subject.State);
                    Assert.Equal(versionBefore, subject.Version);
                    // Firing it anyway must throw and leave the state alone. A role refusal is the
                    // engine's own check (Stateless does not know callers), so it has nothing to fire.
                    if (check.Reason != RefusalReason.RoleNotAllowed)
                    {
                        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => machine.FireAsync(trigger));
                        Assert.Equal(stateBefore, subject.State);
                    }
                }

                Assert.Contains(subject.State, states);
                visited.Add(subject.State);
            }
        }

        // The random walk must have explored the whole definition, or it proves little.
        Assert.Equal(states.Order(), visited.Order());
    }
}
