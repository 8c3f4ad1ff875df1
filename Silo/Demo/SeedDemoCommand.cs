using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Hosting;
using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Silo.Database;
using Enlace.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Enlace.Silo.Demo;

/// <summary>
/// <c>seed-demo</c>: loads the demo into a database of its own, before the cluster starts.
/// It runs a silo of its own — its own cluster id, so no silo or gateway of the real
/// cluster ever meets it — on the same database and service id, whose clock is a
/// <see cref="DemoClock"/> that the stories move from months ago to the present. Every
/// event is written by the real grains and commands at its instant in the story; then the
/// clock catches up, each case and activity looks at its deadlines once (late work is
/// escalated, reminders are set again on the system clock) and the silo stops. The real
/// silos, started afterwards, find the state, the read model and the reminders as if the
/// months had passed. Nothing else can write at a past instant: no route, no setting —
/// only this command constructs a <see cref="DemoClock"/>, and it refuses while a silo of
/// the cluster is alive or when the database holds cases that are not the demo's.
/// </summary>
public static class SeedDemoCommand
{
    /// <summary>Runs the command; returns the process exit code.</summary>
    /// <param name="upgrade">
    /// Move the running v1 cases to the newest definitions at the end (the default); false leaves
    /// them on v1, for an administrator to try the upgrade by hand (<c>seed-demo --keep-v1</c>).
    /// </param>
    public static async Task<int> RunAsync(IConfiguration configuration, WorkflowCatalog catalog, TextWriter? output = null, bool upgrade = true)
    {
        var log = output ?? Console.Out;
        var cluster = configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new ClusterSettings();
        var connectionString = configuration.GetConnectionString(ClusterSettings.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString) || cluster.Localhost)
        {
            await Console.Error.WriteLineAsync($"seed-demo needs ConnectionStrings:{ClusterSettings.ConnectionStringName}: the demo is loaded into PostgreSQL before the silos start.");
            return 2;
        }

        await DatabaseMigrator.EnsureDatabaseAsync(connectionString);
        await DatabaseMigrator.MigrateAsync(connectionString);
        if (await RefusalAsync(connectionString, cluster) is { } refusal)
        {
            await Console.Error.WriteLineAsync("seed-demo refuses: " + refusal);
            return 3;
        }

        // The clock starts where the earliest story does: the first roadmap's period.
        var clock = new DemoClock(new DateTimeOffset(DemoRoadmaps.All.Min(r => r.Roadmap.PeriodStart).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        using var host = BuildSeedingSilo(configuration, catalog, clock, cluster);
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var present = DateTimeOffset.UtcNow;
            var cases = new DemoLoader(grains, catalog, clock, log);
            var roadmaps = new DemoRoadmapLoader(grains, cases, log);
            var timeline = new DemoTimeline(clock);
            await roadmaps.AddStoriesAsync(timeline, present);
            await cases.AddStoriesAsync(timeline, present);
            log.WriteLine("Loading the demo: cases and roadmaps along their months...");
            await timeline.RunAsync();

            clock.CatchUp();
            await cases.TickDeadlinesAsync();
            await roadmaps.TickDeadlinesAsync();
            if (upgrade)
            {
                await AfterLoadAsync(grains, catalog, log);
            }
            log.WriteLine(cases.Created == 0 ? "The demo cases were already there." : $"{cases.Created} demo cases loaded.");
            log.WriteLine(roadmaps.Created == 0 ? "The demo roadmaps were already there." : $"{roadmaps.Created} demo roadmaps loaded.");
        }
        finally
        {
            await host.StopAsync();
        }

        return 0;
    }

    /// <summary>
    /// The last step of the demo load, on the system clock, with every demo case and activity
    /// in place: where the running v1 cases are moved to the v2 definitions (issue #16).
    /// </summary>
    public static async Task AfterLoadAsync(IGrainFactory grains, WorkflowCatalog catalog, TextWriter log)
    {
        // The upgrade an administrator would run (the same path as the API and the upgrade
        // command): every running case of a v1 definition to the newest version, v1's
        // 'protection' stage (gone in v2: protection is each victim's care track) onto the
        // investigation it sat in.
        var admin = new Caller("demo-upgrade", "Carga de demostración", [Caller.Admin], null, []);
        foreach (var latest in catalog.All.Where(d => d.Kind == "case" && d.Version > 1).GroupBy(d => d.Id).Select(g => g.MaxBy(d => d.Version)!))
        {
            var map = ImmutableDictionary<string, string>.Empty;
            if (catalog.Find(latest.Id, 1) is { } first)
            {
                foreach (var gone in first.States.Where(s => latest.FindState(s.Name) is null && !s.Terminal))
                {
                    map = map.Add(gone.Name, gone.Name == "protection" && latest.FindState("investigation") is not null ? "investigation" : latest.InitialState);
                }
            }

            var report = await WorkflowUpgrades.RunAsync(grains, new CommandContext(admin), new UpgradeSpec(latest.Id, 1, latest.Version, map, DryRun: false), []);
            var moved = report.Items.Count(i => i.Outcome == UpgradeOutcomes.Moved);
            var stuck = report.Items.Where(i => i.Outcome != UpgradeOutcomes.Moved).ToList();
            log.WriteLine($"Upgraded {moved} running {latest.Id} cases from v1 to v{latest.Version}" + (stuck.Count == 0 ? "." : $"; {stuck.Count} did not move: {string.Join("; ", stuck.Select(i => $"{i.Reference} {i.Reason}"))}"));
            if (report.Outcome != CaseOutcome.Ok)
            {
                throw new InvalidOperationException($"Demo data: upgrading {latest.Id} failed: {report.Detail}");
            }
        }
    }

    private static IHost BuildSeedingSilo(IConfiguration configuration, WorkflowCatalog catalog, DemoClock clock, ClusterSettings cluster)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ClusterSettings.SectionName}:ClusterId"] = cluster.ClusterId + "-demo-seed",
            [$"{ClusterSettings.SectionName}:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"{ClusterSettings.SectionName}:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"{ClusterSettings.SectionName}:AdvertisedIP"] = IPAddress.Loopback.ToString(),
        });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.None).AddFilter("Orleans", LogLevel.Error);

        // Registered before the grains' services, which only add the system clock when none is.
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.UseOrleans(silo => silo.UseEnlace(builder.Configuration, catalog));
        return builder.Build();
    }

    private static async Task<string?> RefusalAsync(string connectionString, ClusterSettings cluster)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using (var alive = database.CreateCommand(
            "SELECT count(*) FROM orleans_membership WHERE deployment_id = @cluster AND status = 3 AND i_am_alive_time > now() - interval '2 minutes'"))
        {
            alive.Parameters.AddWithValue("cluster", cluster.ClusterId);
            if ((long)(await alive.ExecuteScalarAsync())! > 0)
            {
                return $"a silo of cluster '{cluster.ClusterId}' is running. The demo is loaded before the silos start (./run does it on the first start of a data folder).";
            }
        }

        await using var others = database.CreateCommand("SELECT count(*) FROM rm_cases WHERE NOT (case_id = ANY (@demo))");
        others.Parameters.AddWithValue("demo", DemoCases.All.Select(c => DemoLoader.CaseId(c.Number)).ToArray());
        return (long)(await others.ExecuteScalarAsync())! > 0
            ? "the database holds cases that are not the demo's. The demo is loaded only into a database of its own."
            : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
