using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Enlace.WebGateway.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Enlace.Bench;

/// <summary>
/// <c>transitions</c>: against a running silo, in one run, (1) the machine's limit — durable
/// single-row upserts through Npgsql at 1, 8 and 32 connections; (2) durable task
/// transitions from an Orleans client straight to case grains at 32 concurrent callers;
/// (6) the cost of a transition as a case's history grows from 10 to 1,000 events.
/// Figures are medians of rounds; ratios are what carries across machines.
/// </summary>
public static class TransitionsBenchmark
{
    private static readonly Caller Coordinator = new("bench-coord", "Coordinación", [Caller.Coordinator], "PE-CMNP-ST", ["PE"]);
    private static readonly Caller Police = new("bench-police", "Policía", [Caller.Agent], "PE-PNP-DIRCTPTIM", ["PE"]);

    /// <summary>Runs the benchmark and writes its report.</summary>
    public static async Task<int> RunAsync(string connectionString, Options options)
    {
        var seconds = options.Int("seconds", 10);
        var rounds = options.Int("rounds", 3);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddEnlaceOrleansClient();
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IClusterClient>();
        await using var database = NpgsqlDataSource.Create(connectionString);

        var raw = new Dictionary<int, List<double>> { [1] = [], [8] = [], [32] = [] };
        var grainRates = new List<double>();
        var grainLatencies = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var concurrency in raw.Keys)
            {
                raw[concurrency].Add(await UpsertsPerSecondAsync(database, concurrency, seconds));
                Console.WriteLine($"round {round + 1}: raw upserts at {concurrency}: {raw[concurrency][^1]:0} /s");
            }

            var (rate, latencies) = await GrainTransitionsAsync(grains, 32, seconds);
            grainRates.Add(rate);
            grainLatencies.AddRange(latencies);
            Console.WriteLine($"round {round + 1}: grain transitions at 32: {rate:0} /s");
        }

        var (at10, at1000) = await GrowthAsync(grains);
        Console.WriteLine($"growth: {at10:0.00} ms per transition at 10 events, {at1000:0.00} ms at 1,000");

        grainLatencies.Sort();
        var report = new
        {
            date = DateTime.UtcNow,
            machine = new { cores = Environment.ProcessorCount, memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30) },
            method = new { rounds, secondsPerMeasure = seconds },
            rawUpsertsPerSecond = raw.ToDictionary(r => r.Key.ToString(CultureInfo.InvariantCulture), r => Median(r.Value)),
            grainTransitionsPerSecond = Median(grainRates),
            grainLatencyMs = new { p50 = Percentile(grainLatencies, 0.5), p95 = Percentile(grainLatencies, 0.95), p99 = Percentile(grainLatencies, 0.99) },
            grainOverRaw32 = Median(grainRates) / Median(raw[32]),
            growth = new { msAt10Events = at10, msAt1000Events = at1000, ratio = at1000 / at10, target = 1.5, pass = at1000 / at10 <= 1.5 },
        };
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Durable transitions — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {report.machine.cores} cores, {report.machine.memoryGiB} GiB; PostgreSQL, silo and this client on the same cores. {rounds} rounds of {seconds} s per measure; medians of rounds.");
        md.AppendLine();
        md.AppendLine("| measure | figure |");
        md.AppendLine("|---|---:|");
        foreach (var (concurrency, rate) in report.rawUpsertsPerSecond)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| raw durable upserts/s, {concurrency} connection(s) | {rate:0} |");
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"| grain task transitions/s, 32 callers (Orleans client → case grain → state write + outbox + projection) | {report.grainTransitionsPerSecond:0} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| grain transition latency p50 / p95 / p99 (ms) | {report.grainLatencyMs.p50:0.0} / {report.grainLatencyMs.p95:0.0} / {report.grainLatencyMs.p99:0.0} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **ratio** grain transitions ÷ raw upserts at 32 | {report.grainOverRaw32:0.00} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| cost per transition at 10 / 1,000 history events (ms, median) | {at10:0.00} / {at1000:0.00} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| growth ratio (target ≤ 1.5) | {report.growth.ratio:0.00} **{(report.growth.pass ? "PASS" : "FAIL")}** |");
        Console.WriteLine(md);
        var folder = options.Get("out") ?? Path.Combine("bench", "results");
        Directory.CreateDirectory(folder);
        var stem = Path.Combine(folder, $"{DateTime.UtcNow:yyyy-MM-dd}-transitions");
        await File.WriteAllTextAsync(stem + ".md", md.ToString());
        await File.WriteAllTextAsync(stem + ".json", JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        Console.WriteLine($"Report: {stem}.md and {stem}.json");
        await host.StopAsync();
        return report.growth.pass ? 0 : 1;
    }

    // The limit: one durable single-row upsert per statement, each connection on its own rows.
    private static async Task<double> UpsertsPerSecondAsync(NpgsqlDataSource database, int concurrency, int seconds)
    {
        await using (var create = database.CreateCommand("CREATE TABLE IF NOT EXISTS bench_upserts (id text PRIMARY KEY, payload bytea NOT NULL, version integer NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var payload = new byte[1024];
        Random.Shared.NextBytes(payload);
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var counts = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            await using var connection = await database.OpenConnectionAsync();
            await using var upsert = new NpgsqlCommand("""
                INSERT INTO bench_upserts (id, payload, version) VALUES (@id, @payload, 1)
                ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload, version = bench_upserts.version + 1
                """, connection);
            var id = upsert.Parameters.AddWithValue("id", "");
            upsert.Parameters.AddWithValue("payload", payload);
            await upsert.PrepareAsync();
            var done = 0L;
            while (DateTime.UtcNow < deadline)
            {
                id.Value = $"w{worker}-{done % 64}";
                await upsert.ExecuteNonQueryAsync();
                done++;
            }

            return done;
        }));
        return counts.Sum() / (double)seconds;
    }

    // Each caller owns a case and cycles one task through accept → start → complete → reopen.
    private static async Task<(double Rate, List<double> Latencies)> GrainTransitionsAsync(IClusterClient grains, int callers, int seconds)
    {
        var cases = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => OpenAsync(grains)));
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var latencies = await Task.WhenAll(cases.Select(async c =>
        {
            var times = new List<double>();
            string[] cycle = ["accept", "start", "complete", "reopen"];
            for (var i = 0; DateTime.UtcNow < deadline; i++)
            {
                var trigger = cycle[i % cycle.Length];
                var clock = Stopwatch.StartNew();
                var result = await grains.GetGrain<ICaseGrain>(c.Id).FireTask(new CommandContext(trigger == "reopen" ? Coordinator : Police), new FireTaskTriggerCommand(c.TaskId, trigger));
                times.Add(clock.Elapsed.TotalMilliseconds);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"{trigger}: {result.Outcome} {result.Detail}");
                }
            }

            return times;
        }));
        return (latencies.Sum(l => l.Count) / (double)seconds, [.. latencies.SelectMany(l => l)]);
    }

    // One case, sequential transitions: the median cost around 10 events and around 1,000.
    private static async Task<(double At10, double At1000)> GrowthAsync(IClusterClient grains)
    {
        var (id, taskId) = await OpenAsync(grains);
        var grain = grains.GetGrain<ICaseGrain>(id);
        string[] cycle = ["accept", "start", "complete", "reopen"];
        var events = 2;
        async Task<List<double>> RunAsync(int count)
        {
            var times = new List<double>();
            for (var i = 0; i < count; i++)
            {
                var trigger = cycle[events % cycle.Length];
                var clock = Stopwatch.StartNew();
                await grain.FireTask(new CommandContext(trigger == "reopen" ? Coordinator : Police), new FireTaskTriggerCommand(taskId, trigger));
                times.Add(clock.Elapsed.TotalMilliseconds);
                events++;
            }

            return times;
        }

        await RunAsync(8);
        var early = await RunAsync(100);
        await RunAsync(1_000 - events);
        var late = await RunAsync(100);
        return (Median(early), Median(late));
    }

    private static async Task<(string Id, string TaskId)> OpenAsync(IClusterClient grains)
    {
        var id = CaseIds.New();
        var opened = await grains.GetGrain<ICaseGrain>(id).Open(new CommandContext(Coordinator), new OpenCaseCommand(
            "trafficking-case", "Caso de medición", "Caso creado por el banco de pruebas", "PE", [], null, []));
        return opened.Succeeded ? (id, opened.Case!.Tasks[0].Id) : throw new InvalidOperationException($"open: {opened.Outcome} {opened.Detail}");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
