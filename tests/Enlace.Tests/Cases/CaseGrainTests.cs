using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.Interfaces.Victims;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Cases;

/// <summary>The case grain on PostgreSQL: commands, refusals, authorization, idempotency and concurrency.</summary>
[Collection(CaseCollection.Name)]
public sealed class CaseGrainTests(CaseClusterFixture fixture)
{
    [Fact]
    public async Task OpeningACaseGivesAReferenceAndCreatesTheFirstStageTasks()
    {
        var (id, result) = await fixture.OpenTraffickingCaseAsync();

        var view = result.Case!;
        Assert.Matches(@"^PE-2026-\d{6}$", view.Reference);
        Assert.Equal("report", view.State);
        Assert.Equal(1, view.WorkflowVersion);
        Assert.Equal(1, view.Version);
        var task = Assert.Single(view.Tasks);
        Assert.Equal(("PE-PNP-DIRCTPTIM", "assigned", "urgent"), (task.Agency, task.State, task.Priority));
        Assert.Equal(fixture.Time.GetUtcNow().AddDays(2), task.DueAt);
        Assert.Equal(["archive"], view.PermittedTriggers.ToArray());
        var assess = Assert.Single(view.Triggers, t => t.Trigger == "assess");
        Assert.Equal("guard-unmet", assess.Reason);
        Assert.Equal(["completar «Registrar la denuncia y adoptar medidas urgentes»"], assess.UnmetGuards.ToArray());
        Assert.Equal(id, view.Id);
    }

    [Fact]
    public async Task ReferencesNeverRepeat()
    {
        var references = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            references.Add((await fixture.OpenTraffickingCaseAsync()).Result.Case!.Reference);
        }

        Assert.Equal(references.Count, references.Distinct().Count());
    }

    [Fact]
    public async Task ARepeatedIdempotencyKeyAppliesOnce()
    {
        var (id, _) = await fixture.OpenTraffickingCaseAsync();
        var grain = fixture.Case(id);
        var coordinator = new CommandContext(Callers.Coordinator(), "assign-migration-1");
        var command = new CreateTaskCommand("Verificar antecedentes migratorios", null, "PE-MIGRACIONES", fixture.Time.GetUtcNow().AddDays(5), "high");

        var first = await grain.CreateTask(coordinator, command);
        var retry = await grain.CreateTask(coordinator, command);
        var reuse = await grain.CreateTask(coordinator, command with { Title = "Otra tarea" });

        Assert.Equal((CaseOutcome.Created, false), (first.Outcome, first.Replayed));
        Assert.Equal((CaseOutcome.Created, true, first.TaskId), (retry.Outcome, retry.Replayed, retry.TaskId));
        Assert.Equal(CaseOutcome.IdempotencyConflict, reuse.Outcome);
        var view = (await grain.Get(Callers.Coordinator())).Case!;
        Assert.Equal(2, view.Tasks.Length);
        Assert.Equal(first.Case!.Version, view.Version);
    }

    [Fact]
    public async Task ARepeatedOpenWithTheSameKeyAnswersTheFirstResult()
    {
        var id = $"c{Guid.NewGuid():N}";
        var context = new CommandContext(Callers.Coordinator(), "open-1");

        var first = await fixture.Case(id).Open(context, Samples.TraffickingCase());
        var retry = await fixture.Case(id).Open(context, Samples.TraffickingCase());

        Assert.Equal(CaseOutcome.Created, retry.Outcome);
        Assert.True(retry.Replayed);
        Assert.Equal(first.Case!.Reference, retry.Case!.Reference);
        Assert.Equal(1, retry.Case.Version);
    }

    [Fact]
    public async Task AStaleExpectedVersionIsRefusedAndChangesNothing()
    {
        var (id, opened) = await fixture.OpenTraffickingCaseAsync();
        var grain = fixture.Case(id);
        await grain.CreateTask(new CommandContext(Callers.Coordinator(), ExpectedVersion: opened.Case!.Version),
            new CreateTaskCommand("Entrevista", null, "PE-MIMP", fixture.Time.GetUtcNow().AddDays(1)));

        var stale = await grain.Fire(new CommandContext(Callers.Coordinator(), ExpectedVersion: opened.Case.Version),
            new FireCaseTriggerCommand("archive", "duplicado", "duplicate"));

        Assert.Equal(CaseOutcome.VersionMismatch, stale.Outcome);
        var view = (await grain.Get(Callers.Coordinator())).Case!;
        Assert.Equal(("report", 2), (view.State, view.Version));
    }

    [Fact]
    public async Task ANotPermittedTriggerIsRefusedWithThePermittedOnes()
    {
        var (id, _) = await fixture.OpenTraffickingCaseAsync();

        var result = await fixture.Case(id).Fire(new CommandContext(Callers.Coordinator()), new FireCaseTriggerCommand("assess"));

        Assert.Equal(CaseOutcome.NotPermitted, result.Outcome);
        Assert.Equal("Para «Iniciar la evaluación preliminar» falta: completar «Registrar la denuncia y adoptar medidas urgentes»", result.Detail);
        Assert.Equal(["archive"], result.PermittedTriggers.ToArray());
    }

    [Fact]
    public async Task AnUnknownTriggerAndAMissingResolutionAreInvalidInput()
    {
        var (id, _) = await fixture.OpenTraffickingCaseAsync();
        var grain = fixture.Case(id);

        var unknown = await grain.Fire(new CommandContext(Callers.Coordinator()), new FireCaseTriggerCommand("teleport"));
        var noResolution = await grain.Fire(new CommandContext(Callers.Coordinator()), new FireCaseTriggerCommand("archive", "sin mérito"));

        Assert.Equal(CaseOutcome.Invalid, unknown.Outcome);
        Assert.Contains("trigger", unknown.Errors!.Keys);
        Assert.Equal(CaseOutcome.Invalid, noResolution.Outcome);
        Assert.StartsWith("'archive' needs a resolution", noResolution.Errors!["resolution"][0], StringComparison.Ordinal);
        Assert.Equal(1, (await grain.Get(Callers.Coordinator())).Case!.Version);
    }

    [Fact]
    public async Task InvalidOpenInputNamesEachFieldAndCreatesNothing()
    {
        var id = $"c{Guid.NewGuid():N}";
        var bad = Samples.TraffickingCase() with
        {
            WorkflowId = "nope",
            Title = "",
            LeadCountry = "XX",
            PartnerCountries = ["BO", "BO"],
            Victims = [new VictimFields("maybe", "adult", "f", "bolivia", Exploitation: ["slavery"])],
        };

        var result = await fixture.Case(id).Open(new CommandContext(Callers.Coordinator()), bad);

        Assert.Equal(CaseOutcome.Invalid, result.Outcome);
        Assert.Superset(
            new HashSet<string> { "workflowId", "title", "leadCountry", "partnerCountries[1]", "victims[0].identificationStatus", "victims[0].ageGroup", "victims[0].sex", "victims[0].citizenship", "victims[0].exploitation" },
            result.Errors!.Keys.ToHashSet());
        Assert.Equal(CaseOutcome.NotFound, (await fixture.Case(id).Get(Callers.Coordinator())).Outcome);
    }

    [Fact]
    public async Task AgentsSeeOnlyCasesAndTasksOfTheirAgency()
    {
        var (id, _) = await fixture.OpenTraffickingCaseAsync();
        var grain = fixture.Case(id);
        await grain.CreateTask(new CommandContext(Callers.Coordinator()), new CreateTaskCommand("Entrevista", null, "PE-MIMP", fixture.Time.GetUtcNow().AddDays(1)));

        var police = (await grain.Get(Callers.Agent("PE-PNP-DIRCTPTIM"))).Case!;
        var protection = (await grain.Get(Callers.Agent("PE-MIMP"))).Case!;
        var migration = await grain.Get(Callers.Agent("PE-MIGRACIONES"));
        var otherCountryCoordinator = await grain.Get(new Caller("c-ar", "AR", [Caller.Coordinator], null, ["AR"]));

        Assert.Equal(["PE-PNP-DIRCTPTIM"], police.Tasks.Select(t => t.Agency));
        Assert.Equal(["PE-MIMP"], protection.Tasks.Select(t => t.Agency));
        Assert.Equal(CaseOutcome.NotFound, migration.Outcome);
        Assert.Equal(CaseOutcome.NotFound, otherCountryCoordinator.Outcome);
        Assert.Null(await grain.OpenHistory(Callers.Agent("PE-MIGRACIONES")));
    }

    [Fact]
    public async Task NoCaseViewCarriesAnIdentityWhoeverAsks()
    {
        var (id, _) = await fixture.OpenTraffickingCaseAsync();
        var grain = fixture.Case(id);
        await grain.CreateTask(new CommandContext(Callers.Coordinator()), new CreateTaskCommand("Entrevista", null, "PE-MIMP", fixture.Time.GetUtcNow().AddDays(1)));

        foreach (var caller in new[] { Callers.Coordinator(), Callers.Agent("PE-MIMP"), Callers.Agent("PE-PNP-DIRCTPTIM"), Callers.Manager() })
        {
            var view = (await grain.Get(caller)).Case!;
            var json = System.Text.Json.JsonSerializer.Serialize(view);
            Assert.DoesNotContain("Quispe", json, StringComparison.Ordinal);
            Assert.DoesNotContain("7788123", json, StringComparison.Ordinal);
            Assert.True(view.Victims[0].HasIdentity, $"{caller.UserId} sees that V-1 has an identity");
        }
    }

    [Fact]
    public async Task ManagersSeeButChangeNothing()
    {
        var (id, _) = await fixture.OpenTraffickingCaseAsync();
        var grain = fixture.Case(id);

        var fire = await grain.Fire(new CommandContext(Callers.Manager()), new FireCaseTriggerCommand("archive", "x", "duplicate"));
        var task = await grain.CreateTask(new CommandContext(Callers.Manager()), new CreateTaskCommand("x", null, "PE-MIMP", fixture.Time.GetUtcNow().AddDays(1)));
        var view = (await grain.Get(Callers.Manager())).Case!;

        Assert.Equal(CaseOutcome.Forbidden, fire.Outcome);
        Assert.Equal(CaseOutcome.Forbidden, task.Outcome);
        Assert.Empty(view.PermittedTriggers);
        Assert.Equal(1, view.Version);
    }

    [Fact]
    public async Task DecliningATaskNeedsAReasonAndReturnsItToTheCoordinator()
    {
        var (id, opened) = await fixture.OpenTraffickingCaseAsync();
        var grain = fixture.Case(id);
        var police = new CommandContext(Callers.Agent("PE-PNP-DIRCTPTIM"));
        var taskId = opened.Case!.Tasks[0].Id;

        var withoutReason = await grain.FireTask(police, new FireTaskTriggerCommand(taskId, "decline"));
        var declined = await grain.FireTask(police, new FireTaskTriggerCommand(taskId, "decline", "Corresponde a la unidad de Puno"));
        var coordinatorView = (await grain.Get(Callers.Coordinator())).Case!.Tasks.Single(t => t.Id == taskId);
        var reassigned = await grain.FireTask(new CommandContext(Callers.Coordinator()), new FireTaskTriggerCommand(taskId, "reassign", Agency: "PE-MIGRACIONES"));

        Assert.Equal(CaseOutcome.Invalid, withoutReason.Outcome);
        Assert.Equal(CaseOutcome.Ok, declined.Outcome);
        Assert.Equal("declined", coordinatorView.State);
        Assert.Equal(["reassign", "cancel"], coordinatorView.PermittedTriggers.ToArray());
        Assert.Equal("Corresponde a la unidad de Puno", coordinatorView.Notes.Single().Text);
        Assert.Equal(CaseOutcome.Ok, reassigned.Outcome);
        Assert.Equal(CaseOutcome.NotFound, (await grain.Get(Callers.Agent("PE-PNP-DIRCTPTIM"))).Outcome);
        Assert.Equal(("PE-MIGRACIONES", "assigned"), (reassigned.Case!.Tasks.Single(t => t.Id == taskId).Agency, reassigned.Case.Tasks.Single(t => t.Id == taskId).State));
    }

    [Fact]
    public async Task OnlyTheAssignedAgencyMovesItsTask()
    {
        var (id, opened) = await fixture.OpenTraffickingCaseAsync();
        var grain = fixture.Case(id);
        var taskId = opened.Case!.Tasks[0].Id;

        var byCoordinator = await grain.FireTask(new CommandContext(Callers.Coordinator()), new FireTaskTriggerCommand(taskId, "accept"));
        var byOtherAgency = await grain.FireTask(new CommandContext(Callers.Agent("BO-FELCC-DTTP")), new FireTaskTriggerCommand(taskId, "accept"));
        var completeTooEarly = await grain.FireTask(new CommandContext(Callers.Agent("PE-PNP-DIRCTPTIM")), new FireTaskTriggerCommand(taskId, "complete"));

        Assert.Equal(CaseOutcome.NotPermitted, byCoordinator.Outcome);
        Assert.Equal(CaseOutcome.NotFound, byOtherAgency.Outcome);
        Assert.Equal(CaseOutcome.NotPermitted, completeTooEarly.Outcome);
        Assert.Equal(["accept", "decline"], completeTooEarly.PermittedTriggers.ToArray());
    }

    [Fact]
    public async Task TheAuditTrailIsHashChainedAndFilteredForAgents()
    {
        var (id, opened) = await fixture.OpenTraffickingCaseAsync();
        var grain = fixture.Case(id);
        await grain.CreateTask(new CommandContext(Callers.Coordinator()), new CreateTaskCommand("Entrevista", null, "PE-MIMP", fixture.Time.GetUtcNow().AddDays(1)));
        await grain.FireTask(new CommandContext(Callers.Agent("PE-PNP-DIRCTPTIM")), new FireTaskTriggerCommand(opened.Case!.Tasks[0].Id, "accept", "Recibido"));

        var full = (await History.ReadAsync(fixture.Client, fixture.ConnectionString, id, Callers.Coordinator()))!.Value;
        var forProtection = (await History.ReadAsync(fixture.Client, fixture.ConnectionString, id, Callers.Agent("PE-MIMP")))!.Value;

        Assert.Equal(
            ["case-opened", "victim-added", "identity-recorded", "victim-added", "task-created", "task-created", "task-transition"],
            full.Select(e => e.Kind));
        Assert.Equal(["V-1", "V-1", "V-2"], full.Where(e => e.Subject is not null).Select(e => e.Subject));
        Assert.Null(AuditChain.FirstBroken(full));
        Assert.Equal(AuditChain.Genesis, full[0].PreviousHash);
        Assert.Equal(("coord-pe", "PE-CMNP-ST"), (full[0].Actor, full[0].Agency));
        Assert.Equal(("assigned", "accepted", "Recibido"), (full[6].From, full[6].To, full[6].Note));
        Assert.DoesNotContain(forProtection, e => e.TaskId == opened.Case.Tasks[0].Id);

        var tampered = full.SetItem(1, full[1] with { Note = "otra cosa" });
        Assert.Equal(2, AuditChain.FirstBroken(tampered));
    }

    [Fact]
    public async Task NotesGoOnTheCaseOrATaskAndIntoTheAuditTrail()
    {
        var (id, opened) = await fixture.OpenTraffickingCaseAsync();
        var grain = fixture.Case(id);
        var taskId = opened.Case!.Tasks[0].Id;

        var onTask = await grain.AddNote(new CommandContext(Callers.Agent("PE-PNP-DIRCTPTIM")), new AddNoteCommand("Se coordinó con la comisaría de Desaguadero", taskId));
        var onCase = await grain.AddNote(new CommandContext(Callers.Coordinator()), new AddNoteCommand("Reunión binacional el lunes"));
        var byManager = await grain.AddNote(new CommandContext(Callers.Manager()), new AddNoteCommand("x"));
        var empty = await grain.AddNote(new CommandContext(Callers.Coordinator()), new AddNoteCommand("  "));

        Assert.Equal((CaseOutcome.Ok, CaseOutcome.Ok, CaseOutcome.Forbidden, CaseOutcome.Invalid), (onTask.Outcome, onCase.Outcome, byManager.Outcome, empty.Outcome));
        Assert.Equal("Se coordinó con la comisaría de Desaguadero", onCase.Case!.Tasks.Single(t => t.Id == taskId).Notes.Single().Text);
        var history = (await History.ReadAsync(fixture.Client, fixture.ConnectionString, id, Callers.Coordinator()))!.Value;
        Assert.Equal([(taskId, "Se coordinó con la comisaría de Desaguadero"), (null, "Reunión binacional el lunes")],
            history.Where(e => e.Kind == "note").Select(e => (e.TaskId, e.Note)));
    }
}
