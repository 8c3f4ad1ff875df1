using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Enlace.Grains.Interfaces.Cases;
using Enlace.WebGateway.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Enlace.Bench;

/// <summary>
/// <c>suite --url URL</c>: every figure of the benchmark issue in one run, against a running
/// silo and gateway on a throwaway PostgreSQL: (1) the machine's limit — durable single-row
/// upserts through Npgsql at 1, 8 and 32 connections; (2) durable task transitions from an
/// Orleans client straight to case grains; (3) the same through the gateway driven by wrk,
/// at full and at half load; (4) the six-step lifecycle against WorkflowCore; (5) cold
/// activation and memory per active case; (6) the cost of a transition as history grows;
/// (7) the read model's latency (<see cref="ReadModelBenchmark"/>); (8) the read routes and the
/// floor under wrk, as ratios to <c>/health/live</c> (<see cref="ReadFloorBenchmark"/>). Rounds interleave (1)–(3)
/// so that a noisy moment touches all of them; figures are medians of rounds, and the
/// ratios are what carries across machines.
/// </summary>
public static class SuiteBenchmark
{
    private const int Concurrency = 32;

    /// <summary>Runs the suite and writes its report.</summary>
    public static async Task<int> RunAsync(string connectionString, Options options)
    {
        var seconds = options.Int("seconds", 10);
        var rounds = options.Int("rounds", 3);
        var active = options.Int("active", 100_000);
        var lifecycles = options.Int("lifecycles", 2_000);
        var url = options.Get("url") ?? "http://127.0.0.1:8080";
        var folder = options.Get("out") ?? Path.Combine("bench", "results");
        var wrk = options.Get("wrk") ?? "wrk";
        var builder = BenchHost.Create();
        builder.AddEnlaceOrleansClient();
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IClusterClient>();
        await using var database = NpgsqlDataSource.Create(connectionString);
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        var scratch = Directory.CreateTempSubdirectory("enlace-wrk-");
        var load = new HttpTransitions(http, wrk, scratch.FullName);

        var raw = new Dictionary<int, List<double>> { [1] = [], [8] = [], [Concurrency] = [] };
        var grainRates = new List<double>();
        var grainLatencies = new List<double>();
        var httpRuns = new List<HttpTransitions.Run>();
        await load.RunAsync(Concurrency, 2);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var concurrency in raw.Keys)
            {
                raw[concurrency].Add(await UpsertsPerSecondAsync(database, concurrency, seconds));
                Console.WriteLine($"round {round + 1}: raw upserts at {concurrency}: {raw[concurrency][^1]:0} /s");
            }

            var (rate, latencies) = await GrainTransitionsAsync(grains, Concurrency, seconds);
            grainRates.Add(rate);
            grainLatencies.AddRange(latencies);
            Console.WriteLine($"round {round + 1}: grain transitions at {Concurrency}: {rate:0} /s");
            httpRuns.Add(await load.RunAsync(Concurrency, seconds));
            Console.WriteLine($"round {round + 1}: HTTP transitions at {Concurrency} (wrk): {httpRuns[^1].PerSecond:0} /s, p99 {httpRuns[^1].P99:0.0} ms, {httpRuns[^1].Errors} errors");
        }

        // Half of the full HTTP rate: each connection pauses so that 32 of them together offer half.
        var fullHttp = Stats.Median(httpRuns.Select(r => r.PerSecond));
        var pauseMs = Math.Max(0, (Concurrency / (fullHttp / 2) * 1000) - Stats.Median(httpRuns.Select(r => r.P50)) / 2);
        var halfRuns = new List<HttpTransitions.Run>();
        for (var round = 0; round < rounds; round++)
        {
            halfRuns.Add(await load.RunAsync(Concurrency, seconds, pauseMs));
            Console.WriteLine($"round {round + 1}: HTTP transitions at half load: {halfRuns[^1].PerSecond:0} /s, p99 {halfRuns[^1].P99:0.0} ms, {halfRuns[^1].Errors} errors");
        }

        Console.WriteLine("Read routes and the floor (wrk)...");
        var reads = await ReadFloorBenchmark.RunAsync(connectionString, options);

        var (at10, at1000) = await GrowthAsync(grains);
        Console.WriteLine($"growth: {at10:0.00} ms per transition at 10 events, {at1000:0.00} ms at 1,000");
        await host.StopAsync();

        var (enlace, workflowCore) = await PeerBenchmark.RunAsync(lifecycles, rounds);
        Console.WriteLine($"Activating {active:N0} stored cases...");
        var activation = await ActivationBenchmark.RunAsync(connectionString, active);
        Console.WriteLine($"cold activation p50 {activation.P50:0.0} ms, p99 {activation.P99:0.0} ms; {activation.BytesPerCase / 1024:0.0} KB per active case");
        scratch.Delete(recursive: true);

        var readModel = new List<Verdict>();
        await ReadModelBenchmark.RunAsync(connectionString, options, readModel);

        grainLatencies.Sort();
        var raw32 = Stats.Median(raw[Concurrency]);
        var grainRate = Stats.Median(grainRates);
        var httpErrors = httpRuns.Sum(r => r.Errors) + halfRuns.Sum(r => r.Errors);
        var half = new { perSecond = Stats.Median(halfRuns.Select(r => r.PerSecond)), p50 = Stats.Median(halfRuns.Select(r => r.P50)), p95 = Stats.Median(halfRuns.Select(r => r.P95)), p99 = Stats.Median(halfRuns.Select(r => r.P99)) };
        var peerRatio = Stats.Median(enlace) / Stats.Median(workflowCore);
        var verdicts = new List<Verdict>
        {
            new("HTTP transitions/s ≥ 50 % of raw upserts at 32, zero errors", $"{fullHttp / raw32:P0} ({fullHttp:0} ÷ {raw32:0} /s), {httpErrors} errors", fullHttp / raw32 >= 0.5 && httpErrors == 0),
            new("p99 ≤ 50 ms at half that load", $"{half.p99:0.0} ms at {half.perSecond:0} /s", half.p99 <= 50),
            new("memory per active case ≤ 20 KB", $"{activation.BytesPerCase / 1024:0.0} KB ({activation.Activated:N0} cases)", activation.BytesPerCase <= 20 * 1024),
            new("cold activation p99 ≤ 20 ms", $"{activation.P99:0.0} ms", activation.P99 <= 20),
            new("cost per transition at 1,000 events ≤ 1.5 × at 10", $"{at1000 / at10:0.00} ×", at1000 / at10 <= 1.5),
            new("Enlace (memory storage) ≥ 3 × WorkflowCore", $"{peerRatio:0.00} ×", peerRatio >= 3),
        };
        verdicts.AddRange(readModel);
        verdicts.AddRange(reads.Verdicts);

        var report = new
        {
            date = DateTime.UtcNow,
            machine = await MachineAsync(database),
            method = new { rounds, secondsPerMeasure = seconds, concurrency = Concurrency, activeCases = active, lifecycles },
            rawUpsertsPerSecond = raw.ToDictionary(r => r.Key.ToString(CultureInfo.InvariantCulture), r => Stats.Median(r.Value)),
            grain = new { perSecond = grainRate, p50 = Stats.Percentile(grainLatencies, 0.5), p95 = Stats.Percentile(grainLatencies, 0.95), p99 = Stats.Percentile(grainLatencies, 0.99), rounds = grainRates },
            http = new { perSecond = fullHttp, p50 = Stats.Median(httpRuns.Select(r => r.P50)), p95 = Stats.Median(httpRuns.Select(r => r.P95)), p99 = Stats.Median(httpRuns.Select(r => r.P99)), errors = httpRuns.Sum(r => r.Errors), rounds = httpRuns },
            httpHalfLoad = new { half.perSecond, half.p50, half.p95, half.p99, pauseMs, errors = halfRuns.Sum(r => r.Errors), rounds = halfRuns },
            peer = new { enlacePerSecond = Stats.Median(enlace), workflowCorePerSecond = Stats.Median(workflowCore), enlace, workflowCore },
            activation,
            growth = new { msAt10Events = at10, msAt1000Events = at1000 },
            reads = reads.Json,
            ratios = new { httpOverRaw32 = fullHttp / raw32, grainOverRaw32 = grainRate / raw32, httpOverGrain = fullHttp / grainRate, enlaceOverWorkflowCore = peerRatio, growth = at1000 / at10 },
            targets = verdicts,
        };

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Enlace benchmarks — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {report.machine.Cores} cores, {report.machine.MemoryGiB} GiB, {report.machine.Postgres} ({report.machine.Settings}); PostgreSQL, silo, gateway, wrk and this client on the same cores.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Method: {rounds} rounds of {seconds} s per throughput measure, interleaved; medians of rounds. {Concurrency} concurrent callers/connections.");
        md.AppendLine();
        md.AppendLine("## Targets");
        md.AppendLine();
        md.AppendLine("| target | this run | result |");
        md.AppendLine("|---|---|---|");
        foreach (var v in verdicts)
        {
            md.AppendLine(v.Row);
        }

        md.AppendLine();
        md.AppendLine("## Figures");
        md.AppendLine();
        md.AppendLine("| measure | figure |");
        md.AppendLine("|---|---:|");
        foreach (var (concurrency, rate) in report.rawUpsertsPerSecond)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| (1) raw durable upserts/s, {concurrency} connection(s) | {rate:0} |");
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"| (2) grain task transitions/s, {Concurrency} callers (Orleans client → case grain → state write + outbox + projection) | {grainRate:0} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| (2) grain transition latency p50 / p95 / p99 (ms) | {report.grain.p50:0.0} / {report.grain.p95:0.0} / {report.grain.p99:0.0} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| (3) HTTP task transitions/s, wrk {Concurrency} connections, bearer token + Idempotency-Key | {fullHttp:0} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| (3) HTTP latency p50 / p95 / p99 (ms), errors | {report.http.p50:0.0} / {report.http.p95:0.0} / {report.http.p99:0.0}, {report.http.errors} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| (3) at half load ({half.perSecond:0} /s offered by pacing each connection {pauseMs:0.0} ms): p50 / p95 / p99 (ms), errors | {half.p50:0.0} / {half.p95:0.0} / {half.p99:0.0}, {report.httpHalfLoad.errors} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| (4) six-step lifecycles/s, {PeerBenchmark.InFlight} in flight: Enlace (memory storage) / WorkflowCore (in-memory) | {report.peer.enlacePerSecond:0} / {report.peer.workflowCorePerSecond:0} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| (5) cold activation of a stored case, {ActivationBenchmark.Callers} callers: p50 / p95 / p99 (ms) | {activation.P50:0.0} / {activation.P95:0.0} / {activation.P99:0.0} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| (5) managed memory per active case ({activation.Activated:N0} activated; silo reports {activation.ActivationsReported:N0} activations) | {activation.BytesPerCase / 1024:0.0} KB |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| (6) cost per transition at 10 / 1,000 history events (ms, median) | {at10:0.00} / {at1000:0.00} |");
        md.AppendLine();
        md.AppendLine("## Ratios");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- HTTP transitions ÷ raw upserts at {Concurrency}: **{report.ratios.httpOverRaw32:0.00}**");
        md.AppendLine(CultureInfo.InvariantCulture, $"- grain transitions ÷ raw upserts at {Concurrency}: **{report.ratios.grainOverRaw32:0.00}**");
        md.AppendLine(CultureInfo.InvariantCulture, $"- HTTP ÷ grain transitions: {report.ratios.httpOverGrain:0.00}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Enlace ÷ WorkflowCore (six-step lifecycle, memory): **{peerRatio:0.00}**");
        md.AppendLine(CultureInfo.InvariantCulture, $"- growth (1,000 ÷ 10 events): {report.ratios.growth:0.00}");
        md.Append(reads.Markdown);
        md.AppendLine();
        md.AppendLine("(7) Read model: see the read-model report of the same run (targets above).");
        Console.WriteLine(md);
        Directory.CreateDirectory(folder);
        var stem = Path.Combine(folder, $"{DateTime.UtcNow:yyyy-MM-dd}-benchmark{(options.Get("quick") is null ? "" : "-quick")}");
        await File.WriteAllTextAsync(stem + ".md", md.ToString());
        await File.WriteAllTextAsync(stem + ".json", JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        Console.WriteLine($"Report: {stem}.md and {stem}.json");
        Console.WriteLine($"{verdicts.Count(v => v.Pass)} targets passed, {verdicts.Count(v => !v.Pass)} failed");
        return 0;
    }

    private static async Task<Machine> MachineAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("""
            SELECT split_part(version(), ' on ', 1),
                   string_agg(name || '=' || setting, ', ' ORDER BY name)
            FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'max_connections', 'wal_sync_method')
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Machine(Environment.ProcessorCount, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30), reader.GetString(0), reader.GetString(1));
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
                var result = await grains.GetGrain<ICaseGrain>(c.Id).FireTask(new CommandContext(trigger == "reopen" ? BenchCallers.Coordinator : BenchCallers.Police), new FireTaskTriggerCommand(c.TaskId, trigger));
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
                await grain.FireTask(new CommandContext(trigger == "reopen" ? BenchCallers.Coordinator : BenchCallers.Police), new FireTaskTriggerCommand(taskId, trigger));
                times.Add(clock.Elapsed.TotalMilliseconds);
                events++;
            }

            return times;
        }

        await RunAsync(8);
        var early = await RunAsync(100);
        await RunAsync(1_000 - events);
        var late = await RunAsync(100);
        return (Stats.Median(early), Stats.Median(late));
    }

    private static async Task<(string Id, string TaskId)> OpenAsync(IClusterClient grains)
    {
        var id = CaseIds.New();
        var opened = await grains.GetGrain<ICaseGrain>(id).Open(new CommandContext(BenchCallers.Coordinator), new OpenCaseCommand(
            "trafficking-case", "Caso de medición", "Caso creado por el banco de pruebas", "PE", [], null, []));
        return opened.Succeeded ? (id, opened.Case!.Tasks[0].Id) : throw new InvalidOperationException($"open: {opened.Outcome} {opened.Detail}");
    }



    private sealed record Machine(int Cores, long MemoryGiB, string Postgres, string Settings);
}
