using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Roadmaps;
using Enlace.Grains.Interfaces.Victims;
using Enlace.Silo.Demo;
using Enlace.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Orleans.TestingHost;

namespace Enlace.Tests.Cases;

/// <summary>
/// Loads the demo as <c>./run</c> does — <c>seed-demo</c> with its own silo and demo clock,
/// twice — into a database of its own, then starts a cluster on the system clock over it.
/// </summary>
public sealed class DemoSeedFixture : IAsyncLifetime
{
    /// <summary>The database's connection string.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The cluster started after the load, on the system clock.</summary>
    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>What the two loads printed and returned.</summary>
    public (int Code, string Output) First { get; private set; }

    /// <inheritdoc cref="First" />
    public (int Code, string Output) Second { get; private set; }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        ConnectionString = await server.CreateDatabaseAsync("demo");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Workflow"] = ConnectionString,
            ["Cluster:ServiceId"] = "svc-demo",
            ["Cluster:ClusterId"] = "demo-tests",
            ["Privacy:MasterKeyFile"] = TestKeys.MasterKeyFile,
        }).Build();
        First = await SeedAsync(configuration);
        Second = await SeedAsync(configuration);
        Cluster = await EnlaceTestCluster.StartAsync(ConnectionString, "svc-demo");
    }

    /// <inheritdoc />
    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private static async Task<(int, string)> SeedAsync(IConfiguration configuration)
    {
        var output = new StringWriter();
        var code = await SeedDemoCommand.RunAsync(configuration, TestCatalog.Shipped, output);
        return (code, output.ToString());
    }
}

/// <summary>The demo data ./run loads on first start: months of history, people, consents, roadmaps.</summary>
public sealed class DemoDataTests(DemoSeedFixture fixture) : IClassFixture<DemoSeedFixture>
{
    private IClusterClient Client => fixture.Cluster.Client;

    private static DemoLoader Users => new(null!, TestCatalog.Shipped, new DemoClock(DateTimeOffset.UtcNow), TextWriter.Null);

    [Fact]
    public async Task TheDemoCasesReachTheirStatesAndLoadingTwiceAddsNothing()
    {
        Assert.Equal(0, fixture.First.Code);
        Assert.Contains($"{DemoCases.All.Count} demo cases loaded.", fixture.First.Output);
        Assert.Equal(0, fixture.Second.Code);
        Assert.Contains("The demo cases were already there.", fixture.Second.Output);
        Assert.Contains("The demo roadmaps were already there.", fixture.Second.Output);
        foreach (var demo in DemoCases.All)
        {
            var view = (await Client.GetGrain<ICaseGrain>(DemoLoader.CaseId(demo.Number)).Get(Users.Coordinator(demo.Command.LeadCountry))).Case!;

            // Running cases were upgraded to v2 at the end of the load (v1's protection stage
            // became the investigation it sat in, and each victim got a care track); closed ones stay on v1.
            var expected = demo.TargetState == "protection" ? "investigation" : demo.TargetState;
            Assert.True(view.State == expected, $"demo case {demo.Number} is in {view.State}, not {expected}");
            Assert.Equal(demo.TargetState == "closed" ? 1 : 2, view.WorkflowVersion);
            Assert.All(view.Victims, v => Assert.Equal(demo.TargetState != "closed", v.Care is not null));
            Assert.Equal(demo.Command.Title, view.Title);
            Assert.Equal(demo.Perpetrators.Length, view.Perpetrators.Length);
            Assert.Equal(demo.TargetState == "closed", view.Resolution is not null);
        }

        Assert.All(DemoCases.All, d => Assert.True(d.Command.BorderPoint is null or "desaguadero" or "yunguyo-kasani" or "lago-titicaca", d.Command.BorderPoint));
    }

    [Fact]
    public async Task TheHistoriesSpanMonthsWithOverdueAndEscalatedWorkAndMediansPerStage()
    {
        await using var database = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var span = database.CreateCommand("SELECT extract(epoch FROM max(at) - min(at)) / 86400 FROM rm_audit_events");
        var days = Convert.ToDouble(await span.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        var summary = await new WebGateway.Dashboard.DashboardQueries(database).SummaryAsync(null, CancellationToken.None);

        Assert.True(days > 150, $"the demo's events span {days:0} days");
        Assert.True(summary.Tasks.Overdue > 0, "no overdue task");
        Assert.True(summary.Tasks.Escalated > 0, "no escalated task");
        Assert.NotEmpty(summary.MedianHoursPerStage);
        Assert.Contains(summary.MedianHoursPerStage, m => m.MedianHours > 24);
        Assert.Equal(DemoCases.All.Count, summary.TotalCases);
    }

    [Fact]
    public async Task EveryVictimWithAnIdentityHasOneACoordinatorCanReadThroughTheAuditedRoute()
    {
        var read = 0;
        var withdrawn = 0;
        foreach (var demo in DemoCases.All)
        {
            var coordinator = Users.Coordinator(demo.Command.LeadCountry);
            var grain = Client.GetGrain<ICaseGrain>(DemoLoader.CaseId(demo.Number));
            var view = (await grain.Get(coordinator)).Case!;
            foreach (var victim in view.Victims.Where(v => v.HasIdentity))
            {
                var consented = victim.Consents.Any(c => c.Purpose == "data-processing" && c.Given);
                withdrawn += consented ? 0 : 1;
                var result = await grain.ReadIdentity(new Grains.Interfaces.Cases.CommandContext(coordinator),
                    new ReadIdentityCommand(victim.Code, "Verificación de los datos de la demostración", Override: !consented));
                Assert.True(result.Identity is { FullName.Length: > 0, DocumentNumber.Length: > 0 }, $"case {demo.Number} {victim.Code}: {result.Outcome} {result.Detail}");
                read++;
            }

            Assert.Equal(demo.Command.Victims.Count(v => v.Identity is not null), view.Victims.Count(v => v.HasIdentity));
        }

        Assert.True(read >= 20, $"only {read} identities");
        Assert.True(withdrawn > 0, "every victim consented to data processing");
        Assert.Contains(DemoCases.All, d => d.Command.Victims.Any(v => v.AgeGroup is "0-8" or "9-17"));
    }

    [Fact]
    public async Task TheRoadmapsCarryTheInstrumentsFactsAndBinationalVerification()
    {
        var coordinator = Users.Coordinator("BO");
        var current = (await Client.GetGrain<IRoadmapGrain>("hr-bo-pe-2025-2026").Get(coordinator)).Roadmap!;
        var previous = (await Client.GetGrain<IRoadmapGrain>("hr-bo-pe-2021-2022").Get(coordinator)).Roadmap!;

        Assert.StartsWith("Hoja de Ruta Binacional", current.Title);
        Assert.EndsWith("contra la trata de personas, el tráfico ilícito de migrantes y delitos conexos", current.Title);
        Assert.Equal(new DateOnly(2025, 4, 24), current.SignedOn);
        Assert.Contains("CEBAF Desaguadero", current.SignedAt);
        Assert.Equal(["Planificación y monitoreo", "Prevención", "Atención y protección", "Investigación y sanción"], current.Areas.Select(a => a.Title));
        Assert.Equal(11, current.Actions);
        var rapidResponse = DemoRoadmaps.All[0].Actions.Single(a => a.Command.Title.Contains("respuesta rápida", StringComparison.Ordinal));
        Assert.Equal("atencion", rapidResponse.Command.Area);
        Assert.DoesNotContain(DemoRoadmaps.All.SelectMany(r => r.Actions), a => a.Command.ResponsibleAgencies.Contains("PE-CEBAF-DESAGUADERO"));

        await using var database = NpgsqlDataSource.Create(fixture.ConnectionString);
        var queries = new WebGateway.Roadmaps.RoadmapQueries(database);
        foreach (var (roadmap, demo) in new[] { (current, DemoRoadmaps.All[0]), (previous, DemoRoadmaps.All[1]) })
        {
            var progress = await queries.ProgressAsync(roadmap, CancellationToken.None);
            Assert.Equal(
                demo.Roadmap.Areas.Select(a => (a.Code, demo.Actions.Where(x => x.Command.Area == a.Code).GroupBy(x => x.State).ToDictionary(g => g.Key, g => g.Count()))),
                progress.Select(p => (p.Code, p.ByState.ToDictionary(s => s.Key, s => s.Value))));
        }

        var previousProgress = await queries.ProgressAsync(previous, CancellationToken.None);
        Assert.Equal(92, Math.Round(100.0 * previousProgress.Sum(p => p.Verified) / previousProgress.Sum(p => p.Actions)));

        var actions = new List<ActionView>();
        for (var i = 1; i <= current.Actions; i++)
        {
            actions.Add((await Client.GetGrain<IRoadmapActionGrain>($"{current.Id}/a{i}").Get(coordinator)).Action!);
        }

        Assert.Contains(actions, a => a.State == "verified" && a.Verifications.Select(v => v.Country).Order().SequenceEqual(["BO", "PE"]));
        Assert.Contains(actions, a => a.State == "reported_done" && a.Verifications.Single().Country == "PE" && a.AwaitingVerification.SequenceEqual(["BO"]));
        Assert.Contains(actions, a => a.Overdue && a.Escalated);
    }
}
