using System.Globalization;
using System.Text;

namespace Enlace.Bench;

/// <summary>
/// <c>telemetry --off URL --metrics URL [--sampled URL] [--traces URL]</c>: what telemetry costs a
/// durable HTTP command. The same wrk load as the suite's HTTP figure (<see cref="HttpTransitions"/>)
/// against silo-and-gateway pairs that differ only in their telemetry settings — off
/// (<c>Telemetry__Enabled=false</c>), as shipped (metrics and the Prometheus endpoint; traces only
/// when an OTLP endpoint is set), traces recorded for one request in ten (the standard
/// <c>OTEL_TRACES_SAMPLER=parentbased_traceidratio</c>, the setting docs/OPERATIONS.md gives for
/// production) and every trace recorded — each pair on a fresh database of its own in one PostgreSQL.
/// The first two carry the target; every trace recorded is reported, as the cost of debugging. Rounds interleave the pairs so that a noisy moment of
/// the shared machine touches each of them; figures are medians of rounds.
/// </summary>
public static class TelemetryBenchmark
{
    private const int Concurrency = 32;

    /// <summary>Most that telemetry may cost: the on figure is at least this share of the off figure.</summary>
    public const double Floor = 0.9;

    /// <summary>Runs the comparison, prints its targets and appends them to <c>--report</c> when given.</summary>
    public static async Task<int> RunAsync(Options options)
    {
        var seconds = options.Int("seconds", 10);
        var rounds = options.Int("rounds", 3);
        var scratch = Directory.CreateTempSubdirectory("enlace-wrk-");
        var wrk = options.Get("wrk") ?? "wrk";
        var variants = new List<(string Name, string Description, string Url)>
        {
            ("off", "telemetry off (Telemetry__Enabled=false)", options.Get("off") ?? throw new ArgumentException("--off URL is required")),
            ("metrics", "telemetry on as shipped (metrics, Prometheus endpoint; no OTLP endpoint, so no traces)", options.Get("metrics") ?? throw new ArgumentException("--metrics URL is required")),
        };
        if (options.Get("sampled") is { } sampled)
        {
            variants.Add(("sampled", "telemetry on, one trace in ten recorded (Telemetry__Tracing=true, OTEL_TRACES_SAMPLER=parentbased_traceidratio, ARG 0.1; no exporter)", sampled));
        }

        if (options.Get("traces") is { } traced)
        {
            variants.Add(("traces", "telemetry on, every trace recorded (Telemetry__Tracing=true; no exporter)", traced));
        }

        var clients = variants.Select(v => new HttpClient { BaseAddress = new Uri(v.Url), Timeout = TimeSpan.FromSeconds(30) }).ToList();
        try
        {
            var loads = clients.Select(c => new HttpTransitions(c, wrk, scratch.FullName)).ToList();
            var runs = variants.Select(_ => new List<HttpTransitions.Run>()).ToList();
            foreach (var load in loads)
            {
                await load.RunAsync(Concurrency, 2);
            }

            for (var round = 0; round < rounds; round++)
            {
                // Each round starts with another variant, so none always runs first or last.
                for (var k = 0; k < loads.Count; k++)
                {
                    var i = (round + k) % loads.Count;
                    runs[i].Add(await loads[i].RunAsync(Concurrency, seconds));
                    Console.WriteLine($"round {round + 1}: HTTP transitions, {variants[i].Name}: {runs[i][^1].PerSecond:0} /s, p99 {runs[i][^1].P99:0.0} ms, {runs[i][^1].Errors} errors");
                }
            }

            var rates = runs.Select(r => Stats.Median(r.Select(x => x.PerSecond))).ToList();
            var off = rates[0];
            var verdicts = Enumerable.Range(1, variants.Count - 1).Where(i => variants[i].Name != "traces").Select(i => new Verdict(
                $"HTTP transitions/s with {variants[i].Name} within 10 % of telemetry off",
                $"{rates[i] / off:P0} ({rates[i]:0} ÷ {off:0} /s)",
                rates[i] >= Floor * off && runs[i].Sum(r => r.Errors) == 0)).ToList();

            var md = new StringBuilder();
            md.AppendLine();
            md.AppendLine("## Telemetry's cost");
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"The HTTP task transitions of (3), wrk {Concurrency} connections, {rounds} interleaved rounds of {seconds} s, against silo-and-gateway pairs on fresh databases of their own that differ only in their telemetry settings. Every trace recorded is the cost of debugging, not a production setting: reported, no target.");
            md.AppendLine();
            md.AppendLine("| target | this run | result |");
            md.AppendLine("|---|---|---|");
            foreach (var v in verdicts)
            {
                md.AppendLine(v.Row);
            }

            md.AppendLine();
            md.AppendLine("| pair | transitions/s (median) | p50 / p99 (ms) | rounds (/s) | errors |");
            md.AppendLine("|---|---:|---:|---|---:|");
            for (var i = 0; i < variants.Count; i++)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {variants[i].Description} | {rates[i]:0} | {Stats.Median(runs[i].Select(r => r.P50)):0.0} / {Stats.Median(runs[i].Select(r => r.P99)):0.0} | {string.Join(", ", runs[i].Select(r => r.PerSecond.ToString("0", CultureInfo.InvariantCulture)))} | {runs[i].Sum(r => r.Errors)} |");
            }

            Console.WriteLine(md);
            if (options.Get("report") is { } report)
            {
                await File.AppendAllTextAsync(report, md.ToString());
                Console.WriteLine($"Appended to {report}");
            }

            Console.WriteLine($"{verdicts.Count(v => v.Pass)} telemetry targets passed, {verdicts.Count(v => !v.Pass)} failed");
            return 0;
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
            scratch.Delete(recursive: true);
        }
    }
}
