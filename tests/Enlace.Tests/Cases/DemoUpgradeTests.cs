using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Enlace.Silo.Demo;
using Enlace.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Enlace.Tests.Cases;

/// <summary>
/// The demo loaded with its cases left on v1 (<c>seed-demo --keep-v1</c>), then upgraded to v2
/// the way an administrator would: a dry run that changes nothing, the run, a second run that
/// changes nothing, and chains that still verify.
/// </summary>
public sealed class DemoUpgradeTests
{
    private static readonly Caller Admin = new("admin-upgrade", "Administración", [Caller.Admin], null, []);

    [Fact]
    public async Task TheDemosRunningV1CasesDryRunThenMoveToV2OnceWithTheirChainsIntact()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("demo-upgrade");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Workflow"] = connectionString,
            ["Cluster:ServiceId"] = "svc-demo-upgrade",
            ["Cluster:ClusterId"] = "demo-upgrade",
            ["Privacy:MasterKeyFile"] = TestKeys.MasterKeyFile,
        }).Build();
        Assert.Equal(0, await SeedDemoCommand.RunAsync(configuration, TestCatalog.Shipped, TextWriter.Null, upgrade: false));
        await using var cluster = await EnlaceTestCluster.StartAsync(connectionString, "svc-demo-upgrade");
        var grains = cluster.Client;
        var running = DemoCases.All.Where(d => d.TargetState != "closed").ToList();
        var traffickingMap = ImmutableDictionary<string, string>.Empty.Add("protection", "investigation");
        UpgradeSpec Spec(string workflow, bool dryRun) =>
            new(workflow, 1, 2, workflow == "trafficking-case" ? traffickingMap : ImmutableDictionary<string, string>.Empty, dryRun);

        // The dry run reports every running v1 case, each able to move, and changes nothing.
        var before = await SnapshotAsync(connectionString);
        var dry = new List<UpgradeItem>();
        foreach (var workflow in new[] { "trafficking-case", "smuggling-case" })
        {
            var report = await WorkflowUpgrades.RunAsync(grains, new CommandContext(Admin), Spec(workflow, dryRun: true), []);
            Assert.Equal(CaseOutcome.Ok, report.Outcome);
            dry.AddRange(report.Items);
        }

        Assert.Equal(running.Select(d => DemoLoader.CaseId(d.Number)).Order(), dry.Select(i => i.CaseId).Order());
        Assert.All(dry, i => Assert.Equal(UpgradeOutcomes.CanMove, i.Outcome));
        Assert.Contains(dry, i => i.FromState == "protection" && i.ToState == "investigation");
        Assert.Equal(before, await SnapshotAsync(connectionString));

        // The run moves them all; a second run finds nothing on v1 and changes nothing.
        var moved = new List<UpgradeItem>();
        foreach (var workflow in new[] { "trafficking-case", "smuggling-case" })
        {
            moved.AddRange((await WorkflowUpgrades.RunAsync(grains, new CommandContext(Admin), Spec(workflow, dryRun: false), [])).Items);
        }

        Assert.Equal(dry.Count, moved.Count(i => i.Outcome == UpgradeOutcomes.Moved));
        var afterRun = await SnapshotAsync(connectionString);
        foreach (var workflow in new[] { "trafficking-case", "smuggling-case" })
        {
            Assert.Empty((await WorkflowUpgrades.RunAsync(grains, new CommandContext(Admin), Spec(workflow, dryRun: false), [])).Items);
            var listed = await WorkflowUpgrades.RunAsync(grains, new CommandContext(Admin), Spec(workflow, dryRun: false),
                [.. moved.Where(i => DemoCases.All.Single(d => DemoLoader.CaseId(d.Number) == i.CaseId).Command.WorkflowId == workflow).Select(i => i.CaseId)]);
            Assert.All(listed.Items, i => Assert.Equal(UpgradeOutcomes.Moved, i.Outcome));
        }

        Assert.Equal(afterRun, await SnapshotAsync(connectionString));

        // Each moved case: on v2, one upgrade event, a care track per victim, a chain that verifies.
        foreach (var demo in running)
        {
            var id = DemoLoader.CaseId(demo.Number);
            var coordinator = new Caller($"coord-{demo.Command.LeadCountry.ToLowerInvariant()}", "Coordinación", [Caller.Coordinator], null, [demo.Command.LeadCountry]);
            var view = (await grains.GetGrain<ICaseGrain>(id).Get(coordinator)).Case!;
            Assert.Equal(2, view.WorkflowVersion);
            Assert.All(view.Victims, v => Assert.NotNull(v.Care));
            var history = (await History.ReadAsync(grains, connectionString, id, coordinator))!.Value;
            Assert.Single(history, e => e.Kind == "definition-upgraded");
            Assert.Null(AuditChain.FirstBroken(history));
        }
    }

    // Every grain state row and every audit event, as text: equal snapshots mean nothing was written.
    private static async Task<string> SnapshotAsync(string connectionString)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var command = database.CreateCommand("""
            SELECT (SELECT md5(coalesce(string_agg(s::text, '|' ORDER BY s::text), '')) FROM orleans_grain_state s)
                || (SELECT md5(coalesce(string_agg(e::text, '|' ORDER BY e.case_id, e.seq), '')) FROM rm_audit_events e)
            """);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
