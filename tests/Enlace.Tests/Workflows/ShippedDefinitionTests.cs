using Enlace.Grains.Workflows.Engine;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Workflows;

/// <summary>The shipped definitions, walked without Orleans: the happy path and each kind of refusal.</summary>
public sealed class ShippedDefinitionTests
{
    public static TheoryData<string> Definitions => new(TestCatalog.Shipped.All.Select(d => $"{d.Id}.v{d.Version}"));

    // Everything a simulated person may have given or be: all consents, a foreigner, no asylum claim.
    private static readonly string[] Person =
        [.. TestCatalog.Reference.VictimValues.Codes("consentPurpose").Select(p => $"consent:{p}"), "is:foreign", "is:not-asylum-seeker", "is:adult"];

    [Fact]
    public async Task ATraffickingCaseV1WalksFromReportToClosure()
    {
        var workflow = Compiled("trafficking-case", 1);
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
        var workflow = Compiled("trafficking-case", 1);
        var machine = new WorkflowMachine(workflow, new SimulatedSubject(workflow.Definition));

        var check = machine.Check("assess", ["coordinator"]);

        Assert.Equal(RefusalReason.GuardUnmet, check.Reason);
        Assert.Equal(["complete “Register the report and take urgent measures”"], check.UnmetGuards.Select(g => g.En));
        Assert.Equal("'Start the preliminary assessment' needs: complete “Register the report and take urgent measures”", check.Message);
        Assert.Equal("Para «Iniciar la evaluación preliminar» falta: completar «Registrar la denuncia y adoptar medidas urgentes»", check.Explanation.Es);
    }

    [Fact]
    public void ARoleNotAllowedIsExplained()
    {
        var workflow = Compiled("trafficking-case", 1);
        var subject = new SimulatedSubject(workflow.Definition);
        subject.Complete("intake");
        var machine = new WorkflowMachine(workflow, subject);

        var check = machine.Check("assess", ["protection"]);

        Assert.Equal(RefusalReason.RoleNotAllowed, check.Reason);
        Assert.Equal("«Iniciar la evaluación preliminar» lo decide la coordinación (secretaría técnica) o la policía", check.Explanation.Es);
        Assert.DoesNotContain("assess", machine.PermittedTriggers(["protection"]));
    }

    [Fact]
    public void ATriggerOfAnotherStateIsRefused()
    {
        var workflow = Compiled("trafficking-case", 1);
        var machine = new WorkflowMachine(workflow, new SimulatedSubject(workflow.Definition));

        var check = machine.Check("send-to-trial", ["prosecutor"]);

        Assert.Equal(RefusalReason.WrongState, check.Reason);
        Assert.Equal("«Enviar a juicio» no se puede hacer en la etapa «Denuncia recibida»", check.Explanation.Es);
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
        var workflow = Compiled("smuggling-case", 1);
        var subject = new SimulatedSubject(workflow.Definition);
        var machine = new WorkflowMachine(workflow, subject);
        subject.Complete("intake");
        Assert.Equal(["complete “Verify migration status”"], machine.Check("open-investigation", ["coordinator"]).UnmetGuards.Select(g => g.En));

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
        var workflow = Named(id);
        var subject = new SimulatedSubject(workflow.Definition, [.. Grains.Workflows.Definitions.WorkflowValidator.KnownFields[workflow.Definition.Kind], .. Person]);
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
                .Where(t => !t.StaysInState)
                .OrderBy(t => workflow.Definition.FindState(t.To)!.Closes)
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
        var workflow = Named(id);
        var definition = workflow.Definition;
        var subject = new SimulatedSubject(definition);
        var machine = new WorkflowMachine(workflow, subject);
        var allRoles = definition.Triggers.SelectMany(t => t.Roles).Distinct().ToList();

        if (definition.Triggers.FirstOrDefault(t => !t.From.Contains(subject.State)) is { } elsewhere)
        {
            Assert.Equal(RefusalReason.WrongState, machine.Check(elsewhere.Name, allRoles).Reason);
        }

        Assert.Equal(RefusalReason.UnknownTrigger, machine.Check("no-such-trigger", allRoles).Reason);
        var leaving = workflow.TriggersFrom(subject.State)[0];
        Assert.Equal(RefusalReason.RoleNotAllowed, machine.Check(leaving.Name, ["manager"]).Reason);

        // Walk forward to the first state with a guarded trigger: refused until its criteria hold.
        while (!workflow.TriggersFrom(subject.State).Any(t => !t.Guards.IsEmpty))
        {
            var next = workflow.TriggersFrom(subject.State).First(t => !t.StaysInState && !definition.FindState(t.To)!.Terminal);
            await machine.FireAsync(next.Name);
            subject.Transitioned();
        }

        var guarded = workflow.TriggersFrom(subject.State).First(t => !t.Guards.IsEmpty);
        var check = machine.Check(guarded.Name, guarded.Roles);
        Assert.Equal(RefusalReason.GuardUnmet, check.Reason);
        Assert.NotEmpty(check.UnmetGuards);
        Assert.DoesNotContain(guarded.Name, machine.PermittedTriggers(guarded.Roles));
    }

    [Fact]
    public async Task ATraffickingCaseV2IsDecidedByProsecutorsAndTheJudiciaryAndRecordedByCoordinatorsWithTheirNumber()
    {
        var workflow = Compiled("trafficking-case", 2);
        var subject = new SimulatedSubject(workflow.Definition);
        var machine = new WorkflowMachine(workflow, subject);
        var path = new (string Trigger, string Capacity, string Expected)[]
        {
            ("assess", "police", "assessment"),
            ("open-investigation", "prosecutor", "investigation"),
            ("indict", "prosecutor", "prosecution"),
            ("send-to-trial", "prosecutor", "trial"),
            ("close", "judiciary", "closed"),
        };

        foreach (var (trigger, capacity, expected) in path)
        {
            foreach (var tag in subject.OpenTags.ToList())
            {
                subject.Complete(tag);
            }

            Assert.Equal(RefusalReason.RoleNotAllowed, machine.Check(trigger, ["migration"]).Reason);
            var byCoordinator = machine.Check(trigger, ["coordinator"]);
            Assert.Equal(trigger != "assess", byCoordinator.RecordsOnBehalf);
            Assert.False(machine.Check(trigger, [capacity]).RecordsOnBehalf);
            var (_, to) = await machine.FireAsync(trigger);
            subject.Transitioned();
            Assert.Equal(expected, to);
        }

        Assert.Equal(RefusalReason.RoleNotAllowed, new WorkflowMachine(workflow, new SimulatedSubject(workflow.Definition) { State = "assessment" }).Check("open-investigation", ["police"]).Reason);
    }

    [Fact]
    public void NoCriminalCaseGuardWaitsOnCare()
    {
        var workflow = Compiled("trafficking-case", 2);
        var tags = workflow.Definition.Triggers.SelectMany(t => t.Guards.TasksCompleted.Concat(t.Guards.TasksAccepted)).ToHashSet();
        var care = Compiled("victim-care", 1).Definition.States.SelectMany(s => s.Tasks).SelectMany(t => t.Tags);

        Assert.Empty(tags.Intersect(care));
        Assert.DoesNotContain(workflow.Definition.States, s => s.Tasks.Any(t => t.Tags.Contains("care-plan")));
        Assert.True(workflow.FindState("archived")!.Closed);
        Assert.Contains("reopen", workflow.TriggersFrom("archived").Select(t => t.Name));
    }

    [Fact]
    public async Task AChildsReturnWaitsForTheBestInterestDeterminationAndTheReceivingAgency()
    {
        var workflow = Compiled("victim-care", 1);
        var child = new SimulatedSubject(workflow.Definition, "consent:assistance", "consent:cross-border-transfer", "legalRepresentative", "is:minor", "is:foreign");
        var machine = new WorkflowMachine(workflow, child);
        Assert.Contains("child-protection-notified", child.OpenTags);

        foreach (var trigger in new[] { "start-reflection", "assess-needs" })
        {
            foreach (var tag in child.OpenTags.ToList())
            {
                child.Complete(tag);
            }

            await machine.FireAsync(trigger);
            child.Transitioned();
        }

        Assert.Contains("best-interest", child.OpenTags);
        child.Complete("care-plan");
        await machine.FireAsync("start-care");
        child.Transitioned();
        var refused = machine.Check("plan-return", ["protection"]);
        Assert.Equal(RefusalReason.GuardUnmet, refused.Reason);
        Assert.Equal(["completar «Determinar el interés superior de la niña, niño o adolescente»"], refused.UnmetGuards.Select(g => g.Es));

        child.Complete("best-interest");
        await machine.FireAsync("plan-return");
        child.Transitioned();
        Assert.Equal(RefusalReason.GuardUnmet, machine.Check("complete-return", ["protection"]).Reason);
        child.Complete("return-referral");
        child.Complete("consular-return");
        await machine.FireAsync("complete-return");
        Assert.Equal("reintegration", child.State);
    }

    [Fact]
    public void AnAdultWithoutConsentToAssistanceStaysInReflection()
    {
        var workflow = Compiled("victim-care", 1);
        var adult = new SimulatedSubject(workflow.Definition, "legalRepresentative", "is:adult") { State = "reflection" };
        var machine = new WorkflowMachine(workflow, adult);

        var check = machine.Check("assess-needs", ["protection"]);

        Assert.Equal(RefusalReason.GuardUnmet, check.Reason);
        Assert.Equal("Para «Pasar a la evaluación y el plan de atención» falta: el consentimiento para «Asistencia y protección»", check.Explanation.Es);
    }

    private static CompiledWorkflow Compiled(string id, int? version = null) =>
        TestCatalog.Shipped.Compile(version is { } v ? TestCatalog.Shipped.Find(id, v)! : TestCatalog.Shipped.Latest(id)!);

    private static CompiledWorkflow Named(string name)
    {
        var cut = name.LastIndexOf(".v", StringComparison.Ordinal);
        return Compiled(name[..cut], int.Parse(name[(cut + 2)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
