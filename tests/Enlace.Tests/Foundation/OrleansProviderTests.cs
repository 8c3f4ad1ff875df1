using Enlace.Grains.Hosting;
using Enlace.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;

namespace Enlace.Tests.Foundation;

/// <summary>
/// The project's own PostgreSQL schema and query texts, exercised through the
/// real Orleans ADO.NET providers: persistence, reminders and clustering.
/// </summary>
public sealed class OrleansProviderTests
{
    [Fact]
    public async Task GrainStateSurvivesAFullRestartOfTheSilo()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("restart");
        var key = "probe-restart";

        await using (var first = await EnlaceTestCluster.StartAsync(connectionString, "svc-restart"))
        {
            await first.Client.GetGrain<IProbeGrain>(key).SetAsync("before restart");
            await first.StopAllSilosAsync();
        }

        await using var second = await EnlaceTestCluster.StartAsync(connectionString, "svc-restart");
        var value = await second.Client.GetGrain<IProbeGrain>(key).GetAsync();

        Assert.Equal("before restart", value);
    }

    [Fact]
    public async Task StateRoundTripsAndAStaleETagIsRefused()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("etag");
        await using var cluster = await EnlaceTestCluster.StartAsync(connectionString, "svc-etag");
        var storage = StorageOf(cluster);
        var grainId = GrainId.Create("probe", "etag-grain");

        var writer = new GrainState<ProbeState>(new ProbeState { Value = "one" });
        await storage.WriteStateAsync("probe", grainId, writer);
        var staleETag = writer.ETag;
        writer.State!.Value = "two";
        await storage.WriteStateAsync("probe", grainId, writer);

        var reader = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync("probe", grainId, reader);
        Assert.Equal("two", reader.State!.Value);
        Assert.Equal(writer.ETag, reader.ETag);
        Assert.True(reader.RecordExists);

        var stale = new GrainState<ProbeState>(new ProbeState { Value = "stale" }) { ETag = staleETag };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("probe", grainId, stale));

        var after = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync("probe", grainId, after);
        Assert.Equal("two", after.State!.Value);
    }

    [Fact]
    public async Task OfTwoConcurrentFirstWritesExactlyOneWins()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("firstwrite");
        await using var cluster = await EnlaceTestCluster.StartAsync(connectionString, "svc-first");
        var storage = StorageOf(cluster);

        for (var round = 0; round < 20; round++)
        {
            var grainId = GrainId.Create("probe", $"race-{round}");
            var writes = Enumerable.Range(0, 2)
                .Select(i => Task.Run(() => storage.WriteStateAsync("probe", grainId, new GrainState<ProbeState>(new ProbeState { Value = $"writer {i}" }))))
                .ToArray();
            var outcomes = await Task.WhenAll(writes.Select(async w =>
            {
                try
                {
                    await w;
                    return true;
                }
                catch (InconsistentStateException)
                {
                    return false;
                }
            }));

            Assert.True(outcomes.Count(won => won) == 1, $"round {round}: {outcomes.Count(won => won)} first writes succeeded for {grainId}");
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM orleans_grain_state WHERE grain_id_string = @key", connection);
            count.Parameters.AddWithValue("key", $"race-{round}");
            Assert.Equal(1L, await count.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task ClearingStateKeepsTheVersionMovingAndRefusesStaleClears()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("clear");
        await using var cluster = await EnlaceTestCluster.StartAsync(connectionString, "svc-clear");
        var storage = StorageOf(cluster);
        var grainId = GrainId.Create("probe", "clear-grain");

        var state = new GrainState<ProbeState>(new ProbeState { Value = "to clear" });
        await storage.WriteStateAsync("probe", grainId, state);
        var stale = new GrainState<ProbeState>(new ProbeState()) { ETag = state.ETag, RecordExists = true };
        await storage.ClearStateAsync("probe", grainId, state);
        Assert.False(state.RecordExists);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("probe", grainId, stale));
        var reread = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync("probe", grainId, reread);
        Assert.Null(reread.State!.Value);
    }

    [Fact]
    public async Task AReminderFiresAfterTheClusterRestarts()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("reminder");
        var key = "reminder-restart";

        await using (var first = await EnlaceTestCluster.StartAsync(connectionString, "svc-reminder"))
        {
            await first.Client.GetGrain<IReminderProbeGrain>(key).ArmAsync(TimeSpan.FromSeconds(8));
            await first.StopAllSilosAsync();
        }

        Assert.Equal(1L, await ScalarAsync(connectionString, "SELECT count(*) FROM orleans_reminders WHERE service_id = 'svc-reminder'"));

        await using var second = await EnlaceTestCluster.StartAsync(connectionString, "svc-reminder");
        var grain = second.Client.GetGrain<IReminderProbeGrain>(key);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var ticks = 0;
        while (ticks == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            ticks = await grain.GetTicksAsync();
        }

        Assert.True(ticks >= 1, $"the reminder of {key} did not fire within 60 s of the restart");
    }

    [Fact]
    public async Task ASecondSiloAndAClientJoinThroughTheMembershipTable()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("membership");
        using var first = await RealHosts.StartSiloAsync(connectionString, "svc-membership", "cluster-membership");
        using var second = await RealHosts.StartSiloAsync(connectionString, "svc-membership", "cluster-membership");
        using var clientHost = await RealHosts.StartClientAsync(connectionString, "svc-membership", "cluster-membership");
        try
        {
            var active = await ScalarAsync(connectionString, "SELECT count(*) FROM orleans_membership WHERE deployment_id = 'cluster-membership' AND status = 3");
            Assert.Equal(2L, active);

            var client = clientHost.Services.GetRequiredService<IClusterClient>();
            var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            Assert.Equal(2, hosts.Count);

            await client.GetGrain<IProbeGrain>("membership").SetAsync("through the membership table");
            Assert.Equal("through the membership table", await client.GetGrain<IProbeGrain>("membership").GetAsync());
        }
        finally
        {
            await clientHost.StopAsync();
            await second.StopAsync();
            await first.StopAsync();
        }
    }

    private static IGrainStorage StorageOf(Orleans.TestingHost.InProcessTestCluster cluster) =>
        cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Workflow);

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
