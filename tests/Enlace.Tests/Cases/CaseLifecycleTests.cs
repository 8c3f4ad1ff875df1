using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Enlace.Tests.Cases;

/// <summary>Whole case lifecycles across silo restarts and definition versions, each on its own database.</summary>
public sealed class CaseLifecycleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 4, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ATraffickingCaseWalksItsWholePathAcrossAgenciesOfTwoCountriesAndARestartLosesNothing()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("walk");
        var id = $"c{Guid.NewGuid():N}";
        var cluster = await EnlaceTestCluster.StartAsync(connectionString, "svc-walk", time: _time);
        try
        {
            var grain = cluster.Client.GetGrain<ICaseGrain>(id);
            Expect(await grain.Open(new CommandContext(Callers.Coordinator()), Samples.TraffickingCase(version: null)), CaseOutcome.Created, "open");
            await CompleteAsync(grain, "intake", "PE-PNP-DIRCTPTIM");
            await FireAsync(grain, "assess", Callers.Coordinator(), "assessment");
            await CompleteAsync(grain, "victim-identification", "PE-MIMP");
            await FireAsync(grain, "open-investigation", Callers.Agent("PE-MP-FISTRAP"), "investigation");
            await CompleteAsync(grain, "investigation", "PE-MP-FISTRAP");

            // A full restart of the cluster in the middle of the case.
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
            cluster = await EnlaceTestCluster.StartAsync(connectionString, "svc-walk", time: _time);
            grain = cluster.Client.GetGrain<ICaseGrain>(id);
            var afterRestart = (await grain.Get(Callers.Coordinator())).Case!;
            Assert.Equal("investigation", afterRestart.State);
            Assert.All(afterRestart.Tasks.Where(t => t.Tags.Contains("investigation")), t => Assert.Equal("completed", t.State));

            await CompleteAsync(grain, "police-report", "PE-PNP-DIRCTPTIM");
            await CompleteAsync(grain, "cross-border", "BO-FGE-FETT", "BO-FELCC-DTTP");
            await FireAsync(grain, "indict", Callers.Agent("PE-MP-FISTRAP"), "prosecution");
            await CompleteAsync(grain, "indictment", "PE-MP-FISTRAP");
            await FireAsync(grain, "send-to-trial", Callers.Agent("PE-MP-FISTRAP"), "trial");
            await CompleteAsync(grain, "hearing", "PE-PJ");
            var closed = await grain.Fire(new CommandContext(Callers.Agent("PE-PJ")), new FireCaseTriggerCommand("close", "Sentencia de 15 años", "convicted", "Sentencia N.º 45-2026-JPU"));

            Expect(closed, CaseOutcome.Ok, "close");
            Assert.Equal(("closed", "convicted"), (closed.Case!.State, closed.Case.Resolution));
            Assert.Equal(_time.GetUtcNow(), closed.Case.ClosedAt);
            Assert.Empty(closed.Case.PermittedTriggers);
            Assert.All(closed.Case.Victims, v => Assert.Null(v.Care!.ClosedAt));
            var agencies = (await grain.Get(Callers.Coordinator())).Case!.Tasks.Select(t => t.Agency).Distinct().ToList();
            Assert.True(agencies.Count >= 4 && agencies.Any(a => a.StartsWith("BO-", StringComparison.Ordinal)) && agencies.Any(a => a.StartsWith("PE-", StringComparison.Ordinal)),
                $"tasks went to {string.Join(", ", agencies)}");
            var afterClosure = await grain.FireTask(new CommandContext(Callers.Coordinator()), new FireTaskTriggerCommand("t1", "reopen"));
            Assert.Equal(CaseOutcome.NotPermitted, afterClosure.Outcome);
            var history = (await History.ReadAsync(cluster.Client, connectionString, id, Callers.Coordinator()))!.Value;
            Assert.Null(AuditChain.FirstBroken(history));
            Assert.Equal(
                ["report", "assessment", "investigation", "prosecution", "trial", "closed"],
                history.Where(e => e.Kind is "case-opened" or "transition").Select(e => e.To));
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task ACaseOpenedOnV1KeepsV1AfterV2IsLoadedAndMovesWhenAnAdministratorAsks()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("versions");
        var v1 = TestCatalog.ShippedYaml("trafficking-case.v1.yaml");
        var v2 = v1.Replace("version: 1", "version: 2").Replace("name: report", "name: intake").Replace("initialState: report", "initialState: intake")
            .Replace("from: [report]", "from: [intake]").Replace("from: [report, assessment", "from: [intake, assessment");
        var oldCase = $"c{Guid.NewGuid():N}";

        await using (var first = await EnlaceTestCluster.StartAsync(connectionString, "svc-versions", CatalogOf(("trafficking-case.v1.yaml", v1)), _time))
        {
            Expect(await first.Client.GetGrain<ICaseGrain>(oldCase).Open(new CommandContext(Callers.Coordinator()), Samples.TraffickingCase()), CaseOutcome.Created, "open on v1");
        }

        await using var second = await EnlaceTestCluster.StartAsync(connectionString, "svc-versions", CatalogOf(("trafficking-case.v1.yaml", v1), ("trafficking-case.v2.yaml", v2)), _time);
        var grain = second.Client.GetGrain<ICaseGrain>(oldCase);
        var newCase = await second.Client.GetGrain<ICaseGrain>($"c{Guid.NewGuid():N}").Open(new CommandContext(Callers.Coordinator()), Samples.TraffickingCase(version: null));

        var kept = (await grain.Get(Callers.Coordinator())).Case!;
        Assert.Equal((1, "report"), (kept.WorkflowVersion, kept.State));
        Assert.Equal((2, "intake"), (newCase.Case!.WorkflowVersion, newCase.Case.State));

        var upgrader = second.Client.GetGrain<IWorkflowUpgradeGrain>(0);
        var dryRun = new UpgradeSpec("trafficking-case", 1, 2, ImmutableDictionary<string, string>.Empty, DryRun: true);
        var invalid = await upgrader.RunBatch(new CommandContext(Callers.Admin()), dryRun, [oldCase, "12345"], null);
        Assert.Equal((CaseOutcome.Invalid, "caseIds[1]"), (invalid.Outcome, invalid.Errors!.Keys.Single()));
        var planned = await upgrader.RunBatch(new CommandContext(Callers.Admin()), dryRun, [oldCase, newCase.Case.Id], null);
        Assert.Equal(
            [(oldCase, UpgradeOutcomes.NeedsMapping, "report"), (newCase.Case.Id, UpgradeOutcomes.Moved, "intake")],
            planned.Items.OrderBy(i => i.CaseId == oldCase ? 0 : 1).Select(p => (p.CaseId, p.Outcome, p.FromState)));
        Assert.Equal(CaseOutcome.Forbidden, (await upgrader.RunBatch(new CommandContext(Callers.Coordinator()), dryRun, [oldCase], null)).Outcome);
        Assert.Equal((UpgradeOutcomes.Refused, UpgradeOutcomes.Forbidden), await grain.Upgrade(new CommandContext(Callers.Coordinator()), dryRun) is var byCoordinator
            ? (byCoordinator.Outcome, byCoordinator.ReasonCode) : default);

        var mapped = dryRun with { DryRun = false, StateMap = ImmutableDictionary<string, string>.Empty.Add("report", "intake") };
        var applied = await upgrader.RunBatch(new CommandContext(Callers.Admin()), mapped, [oldCase], null);
        var moved = Assert.Single(applied.Items);

        Assert.Equal((UpgradeOutcomes.Moved, "report", "intake"), (moved.Outcome, moved.FromState, moved.ToState));
        var after = (await grain.Get(Callers.Coordinator())).Case!;
        Assert.Equal((2, "intake"), (after.WorkflowVersion, after.State));
        var last = (await History.ReadAsync(second.Client, connectionString, oldCase, Callers.Coordinator()))!.Value[^1];
        Assert.Equal(("definition-upgraded", "report", "intake"), (last.Kind, last.From, last.To));
    }

    private static WorkflowCatalog CatalogOf(params (string File, string Yaml)[] definitions) =>
        WorkflowCatalog.FromSources(definitions, TestCatalog.Reference);

    private static async Task CompleteAsync(ICaseGrain grain, string tag, params string[] agencies)
    {
        foreach (var agency in agencies)
        {
            var agent = Callers.Agent(agency);
            var view = (await grain.Get(agent)).Case ?? throw new InvalidOperationException($"{agency} does not see the case");
            var tasks = view.Tasks.Where(t => t.Tags.Contains(tag) && t.Agency == agency).ToList();
            Assert.True(tasks.Count > 0, $"{agency} has no task tagged {tag}; it has {string.Join(", ", view.Tasks.Select(t => $"{t.Id}:{string.Join('/', t.Tags)}"))}");
            foreach (var task in tasks)
            {
                foreach (var trigger in new[] { "accept", "start", "complete" })
                {
                    var note = trigger == "complete" ? "Informe adjunto" : null;
                    Expect(await grain.FireTask(new CommandContext(agent), new FireTaskTriggerCommand(task.Id, trigger, note, trigger == "complete" ? "doc://expediente/123" : null)),
                        CaseOutcome.Ok, $"{trigger} {task.Id} by {agency}");
                }
            }
        }
    }

    private static async Task FireAsync(ICaseGrain grain, string trigger, Caller caller, string expectedState)
    {
        var result = await grain.Fire(new CommandContext(caller), new FireCaseTriggerCommand(trigger));
        Expect(result, CaseOutcome.Ok, trigger);
        Assert.Equal(expectedState, result.Case!.State);
    }

    private static void Expect(CaseResult result, CaseOutcome outcome, string phase) =>
        Assert.True(result.Outcome == outcome, $"{phase}: expected {outcome}, got {result.Outcome}: {result.Detail} {string.Join("; ", result.Errors?.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}") ?? [])}");
}
