using System.Diagnostics;
using Enlace.Bench.Seed;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Enlace.Bench;

/// <summary>
/// Cold activation and memory: a silo in this process (PostgreSQL storage and read model,
/// as in production) activates <c>N</c> stored, never-activated generated cases with a read
/// each, at <see cref="Callers"/> concurrent callers. The latency of that first read is the
/// cold activation; the managed heap after a full collection, before and after, divided by
/// the cases, is the memory per active case.
/// </summary>
public static class ActivationBenchmark
{
    /// <summary>Concurrent callers while activating.</summary>
    public const int Callers = 8;

    /// <summary>The outcome.</summary>
    public sealed record Result(int Activated, double P50, double P95, double P99, double BytesPerCase, long ActivationsReported);

    /// <summary>Activates <paramref name="count"/> stored cases (the first the read model lists by id).</summary>
    public static async Task<Result> RunAsync(string connectionString, int count)
    {
        var ids = await StoredCasesAsync(connectionString, count + 500);
        if (ids.Count < count + 500)
        {
            throw new InvalidOperationException($"only {ids.Count:N0} stored cases; load at least {count + 500:N0} (./benchmark seed --cases N).");
        }

        var builder = BenchHost.Create(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Workflow"] = connectionString,
            ["Privacy:MasterKeyFile"] = BenchHost.MasterKey(),
            ["Cluster:ClusterId"] = $"bench-activation-{Environment.ProcessId}",
            ["Cluster:SiloPort"] = "22211",
            ["Cluster:GatewayPort"] = "41100",
        });
        builder.UseOrleans(silo => silo.UseEnlace(builder.Configuration, SeedCommand.LoadCatalog()));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        // Warm the code paths (JIT, pools) on cases that are not measured.
        await ActivateAsync(grains, ids[count..]);
        var before = Heap();
        var latencies = await ActivateAsync(grains, ids[..count]);
        var after = Heap();
        var activations = await grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount();
        GC.KeepAlive(grains);
        await host.StopAsync();
        latencies.Sort();
        return new Result(count, Stats.Percentile(latencies, 0.5), Stats.Percentile(latencies, 0.95), Stats.Percentile(latencies, 0.99),
            (after - before) / (double)count, activations);
    }

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<List<double>> ActivateAsync(IGrainFactory grains, List<string> ids)
    {
        var next = -1;
        var times = await Task.WhenAll(Enumerable.Range(0, Callers).Select(async _ =>
        {
            var mine = new List<double>();
            for (var i = Interlocked.Increment(ref next); i < ids.Count; i = Interlocked.Increment(ref next))
            {
                var clock = Stopwatch.StartNew();
                var result = await grains.GetGrain<ICaseGrain>(ids[i]).Get(BenchCallers.Reader);
                mine.Add(clock.Elapsed.TotalMilliseconds);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"{ids[i]}: {result.Outcome} {result.Detail}");
                }
            }

            return mine;
        }));
        return [.. times.SelectMany(t => t)];
    }

    private static async Task<List<string>> StoredCasesAsync(string connectionString, int count)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var command = database.CreateCommand("SELECT case_id FROM rm_cases ORDER BY case_id LIMIT $1");
        command.Parameters.AddWithValue(count);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>(count);
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
