using Enlace.Grains.Workflows.Engine;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Workflows;

/// <summary>The shipped definitions, walked without Orleans: the happy path and each kind of refusal.</summary>
public sealed class ShippedDefinitionTests
{
    public static TheoryData<string> Definitions => new(TestCatalog.Shipped.All.Select(d => d.Id));

    [Fact]
    public async Task ATraffickingCaseWalksFromReportToClosure()
    {
        var workflow = Compiled("trafficking-case");
        var subject = new SimulatedSubject(workflow.Definition, "victims");
        var machine = new WorkflowMachine(workflow, subject);
        var path = new (string Trigger, string Capacity, string[] Complete, string Expected)[]
        {
            ("assess", "coordinator", ["intake"], "assessment"),
            ("open-investigation", "prosecutor", ["victim-identification"], "investigation"),
            ("start-protection", "protection", ["investigation-opened"], "protection"),
            ("indict", "prosecutor", ["police-report", "cross-border", "care-plan"], "prosecution"),
            ("send-to-trial", "prosecutor", ["indictment"], "trial"),
            ("close", "judiciary", ["hearing"], "closed"),
        };

        foreach (var (trigger, capacity, complete, expected) in path)
        {
            foreach (var tag in complete)
            {
                subject.Complete(tag);
            }

            Assert.Contains(trigger, machine.PermittedTriggers([capacity]));
            var (_, to) = await machine.FireAsync(trigger);
            subject.Transitioned();
            Assert.Equal(expected, to);
        }

        Assert.Empty(machine.Availability(["coordinator", "prosecutor"]));
    }

    [Fact]
    public void AnUnmetGuardIsExplainedWithItsDescription()
    {
        var workflow = Compiled("trafficking-case");
        var machine = new WorkflowMachine(workflow, new SimulatedSubject(workflow.Definition));

        var check = machine.Check("assess", ["coordinator"]);

        Assert.Equal(RefusalReason.GuardUnmet, check.Reason);
        Assert.Equal(["tasks tagged 'intake' are completed"], check.UnmetGuards);
        Assert.Equal("'assess' needs: tasks tagged 'intake' are completed", check.Message);
    }

    [Fact]
    public void ARoleNotAllowedIsExplained()
    {
        var workflow = Compiled("trafficking-case");
        var subject = new SimulatedSubject(workflow.Definition);
        subject.Complete("intake");
        var machine = new WorkflowMachine(workflow, subject);

        var check = machine.Check("assess", ["protection"]);

        Assert.Equal(RefusalReason.RoleNotAllowed, check.Reason);
        Assert.Equal("'assess' may be fired only by: coordinator, police", check.Message);
        Assert.DoesNotContain("assess", machine.PermittedTriggers(["protection"]));
    }

    [Fact]
    public void ATriggerOfAnotherStateIsRefused()
    {
        var workflow = Compiled("trafficking-case");
        var machine = new WorkflowMachine(workflow, new SimulatedSubject(workflow.Definition));

        var check = machine.Check("send-to-trial", ["prosecutor"]);

        Assert.Equal(RefusalReason.WrongState, check.Reason);
        Assert.Equal("'send-to-trial' cannot be fired in state 'report'", check.Message);
    }

    [Fact]
    public void AnUnknownTriggerIsRefused()
    {
        var workflow = Compiled("smuggling-case");
        var machine = new WorkflowMachine(workflow, new SimulatedSubject(workflow.Definition));

        Assert.Equal(RefusalReason.UnknownTrigger, machine.Check("teleport", ["coordinator"]).Reason);
    }

    [Fact]
    public async Task ASmugglingCaseNeedsItsIntakeAndMigrationCheckBeforeInvestigation()
    {
        var workflow = Compiled("smuggling-case");
        var subject = new SimulatedSubject(workflow.Definition);
        var machine = new WorkflowMachine(workflow, subject);
        subject.Complete("intake");
        Assert.Equal(["tasks tagged 'migration-check' are completed"], machine.Check("open-investigation", ["coordinator"]).UnmetGuards);

        subject.Complete("migration-check");
        await machine.FireAsync("open-investigation");
        subject.Transitioned();
        subject.Complete("investigation");
        await machine.FireAsync("close");

        Assert.Equal("closed", subject.State);
    }

    [Fact]
    public async Task ARoadmapActionIsReportedByItsResponsibleAgencyAndVerifiedByACoordinator()
    {
        var workflow = Compiled("roadmap-action");
        var subject = new SimulatedSubject(workflow.Definition);
        var machine = new WorkflowMachine(workflow, subject);
        await machine.FireAsync("start");
        Assert.Equal(RefusalReason.GuardUnmet, machine.Check("report-done", ["responsible"]).Reason);
        subject.Fill("progressReport");
        subject.Fill("evidence");

        Assert.Equal(RefusalReason.RoleNotAllowed, machine.Check("report-done", ["coordinator"]).Reason);
        await machine.FireAsync("report-done");
        Assert.Equal(RefusalReason.RoleNotAllowed, machine.Check("verify", ["responsible"]).Reason);
        Assert.Equal(RefusalReason.GuardUnmet, machine.Check("verify", ["coordinator"]).Reason);
        subject.Fill("verificationByEachCountry");
        await machine.FireAsync("verify");

        Assert.Equal("verified", subject.State);
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public async Task EveryShippedDefinitionReachesATerminalStateAlongItsTriggers(string id)
    {
        var workflow = Compiled(id);
        var subject = new SimulatedSubject(workflow.Definition, [.. Grains.Workflows.Definitions.WorkflowValidator.KnownFields[workflow.Definition.Kind]]);
        var machine = new WorkflowMachine(workflow, subject);
        var allRoles = workflow.Definition.Triggers.SelectMany(t => t.Roles).Distinct().ToList();
        var visited = new HashSet<string>();

        while (!workflow.Definition.FindState(subject.State)!.Terminal)
        {
            Assert.True(visited.Add(subject.State), $"{id}: the forward path loops back to '{subject.State}'");
            foreach (var tag in subject.OpenTags.ToList())
            {
                subject.Complete(tag);
            }

            // Prefer the trigger that moves forward (not the shortcut to a terminal state).
            var next = machine.Availability(allRoles).Where(a => a.Permitted).Select(a => workflow.FindTrigger(a.Trigger)!)
                .OrderBy(t => workflow.Definition.FindState(t.To)!.Terminal)
                .First(t => !visited.Contains(t.To));
            await machine.FireAsync(next.Name);
            subject.Transitioned();
        }

        Assert.True(subject.Version >= 2, $"{id}: the path from the initial state to a terminal state has {subject.Version} steps");
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public async Task EveryShippedDefinitionExplainsEachKindOfRefusal(string id)
    {
        var workflow = Compiled(id);
        var definition = workflow.Definition;
        var subject = new SimulatedSubject(definition);
        var machine = new WorkflowMachine(workflow, subject);
        var allRoles = definition.Triggers.SelectMany(t => t.Roles).Distinct().ToList();

        var elsewhere = definition.Triggers.First(t => !t.From.Contains(subject.State));
        Assert.Equal(RefusalReason.WrongState, machine.Check(elsewhere.Name, allRoles).Reason);
        Assert.Equal(RefusalReason.UnknownTrigger, machine.Check("no-such-trigger", allRoles).Reason);
        var leaving = workflow.TriggersFrom(subject.State)[0];
        Assert.Equal(RefusalReason.RoleNotAllowed, machine.Check(leaving.Name, ["manager"]).Reason);

        // Walk forward to the first state with a guarded trigger: refused until its criteria hold.
        while (!workflow.TriggersFrom(subject.State).Any(t => !t.Guards.IsEmpty))
        {
            var next = workflow.TriggersFrom(subject.State).First(t => !definition.FindState(t.To)!.Terminal);
            await machine.FireAsync(next.Name);
            subject.Transitioned();
        }

        var guarded = workflow.TriggersFrom(subject.State).First(t => !t.Guards.IsEmpty);
        var check = machine.Check(guarded.Name, guarded.Roles);
        Assert.Equal(RefusalReason.GuardUnmet, check.Reason);
        Assert.NotEmpty(check.UnmetGuards);
        Assert.DoesNotContain(guarded.Name, machine.PermittedTriggers(guarded.Roles));
    }

    private static CompiledWorkflow Compiled(string id) => TestCatalog.Shipped.Compile(TestCatalog.Shipped.Latest(id)!);
}
