using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Enlace.Grains.Interfaces.Security;
using Enlace.WebGateway.Cases;
using Enlace.WebGateway.Dashboard;
using Enlace.WebGateway.Http;
using Npgsql;

namespace Enlace.Bench;

/// <summary>
/// <c>read-model --url URL</c>: the inbox of the busiest agency and the dashboards, through
/// HTTP (authentication, authorization, JSON) and, as the baseline of the same run, the
/// same queries called in-process. Each figure is the median over rounds of a round's
/// percentile; targets print PASS or FAIL.
/// </summary>
public static class ReadModelBenchmark
{
    /// <summary>Runs the benchmark and writes its report.</summary>
    public static async Task<int> RunAsync(string connectionString, Options options, List<Verdict>? verdicts = null)
    {
        var url = options.Get("url") ?? "http://127.0.0.1:8080";
        var rounds = options.Int("rounds", 3);
        var requests = options.Int("requests", 200);
        await using var database = NpgsqlDataSource.Create(connectionString);
        var facts = await FactsAsync(database);
        Console.WriteLine($"Read model: {facts.Cases:N0} cases, {facts.Tasks:N0} tasks, {facts.Events:N0} audit events; busiest agency {facts.Agency} ({facts.AgencyOpen:N0} open tasks).");

        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        var agent = await DevToken.IssueAsync(http, new { sub = "bench-agente", name = "Agente", roles = new[] { "agent" }, agency = facts.Agency, countries = new[] { facts.AgencyCountry } });
        var manager = await DevToken.IssueAsync(http, new { sub = "bench-gestora", name = "Gestora", roles = new[] { "manager" }, agency = (string?)null, countries = new[] { "BO", "PE" } });
        var queries = new CaseQueries(database);
        var dashboards = new DashboardQueries(database);
        string[] both = ["BO", "PE"];

        var measures = new List<Measure>
        {
            new("inbox (HTTP)", "GET /api/v1/inbox, page 1 of 50", 50, () => GetAsync(http, "/api/v1/inbox?pageSize=50", agent)),
            new("inbox (in-process query)", "CaseQueries.InboxAsync", null, () => queries.InboxAsync(facts.Agency, null, null, new Paging(1, 50), default)),
            new("dashboard summary (HTTP)", "GET /api/v1/dashboard/summary, manager of BO and PE", 200, () => GetAsync(http, "/api/v1/dashboard/summary", manager)),
            new("dashboard summary (in-process query)", "DashboardQueries.SummaryAsync", null, () => dashboards.SummaryAsync(both, default)),
            new("dashboard agencies (HTTP)", "GET /api/v1/dashboard/agencies, manager of BO and PE", null, () => GetAsync(http, "/api/v1/dashboard/agencies", manager)),
            new("case list (HTTP)", "GET /api/v1/cases, manager, page 1 of 50", null, () => GetAsync(http, "/api/v1/cases?pageSize=50", manager)),
        };

        foreach (var m in measures)
        {
            for (var i = 0; i < 20; i++)
            {
                await m.Run();
            }
        }

        // Rounds interleave the measures so that a noisy moment on the machine touches all of them.
        for (var round = 0; round < rounds; round++)
        {
            foreach (var m in measures)
            {
                var times = new List<double>(requests);
                for (var i = 0; i < requests; i++)
                {
                    var clock = Stopwatch.StartNew();
                    await m.Run();
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }

                times.Sort();
                m.Rounds.Add((Stats.Percentile(times, 0.50), Stats.Percentile(times, 0.95), Stats.Percentile(times, 0.99)));
            }
        }

        var report = Report(facts, measures, rounds, requests);
        Console.WriteLine(report.Markdown);
        var folder = options.Get("out") ?? Path.Combine("bench", "results");
        Directory.CreateDirectory(folder);
        var stem = Path.Combine(folder, $"{DateTime.UtcNow:yyyy-MM-dd}-read-model{(options.Get("quick") is null ? "" : "-quick")}");
        await File.WriteAllTextAsync(stem + ".md", report.Markdown);
        await File.WriteAllTextAsync(stem + ".json", report.Json);
        Console.WriteLine($"Report: {stem}.md and {stem}.json");
        verdicts?.AddRange(measures.Where(m => m.TargetP95 is not null).Select(m =>
            new Verdict($"{m.Name} p95 ≤ {m.TargetP95} ms at {facts.Cases:N0} cases", string.Create(CultureInfo.InvariantCulture, $"{m.P95:0.0} ms"), m.Passes)));
        return measures.All(m => m.Passes) ? 0 : 1;
    }

    private static (string Markdown, string Json) Report(Facts facts, List<Measure> measures, int rounds, int requests)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Read model latency — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB; {facts.PostgresVersion}; PostgreSQL, silo, gateway and this client on the same cores.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Data: {facts.Cases:N0} cases, {facts.Tasks:N0} tasks, {facts.Events:N0} audit events (`./benchmark seed`). Busiest agency: {facts.Agency} with {facts.AgencyOpen:N0} open tasks.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Method: {rounds} rounds of {requests} sequential requests per measure after 20 warm-up requests; each figure is the median of the rounds' percentiles (ms).");
        md.AppendLine();
        md.AppendLine("| measure | what | p50 | p95 | p99 | target | result |");
        md.AppendLine("|---|---|---:|---:|---:|---|---|");
        foreach (var m in measures)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {m.Name} | {m.What} | {m.P50:0.0} | {m.P95:0.0} | {m.P99:0.0} | {(m.TargetP95 is { } t ? $"p95 ≤ {t} ms" : "")} | {(m.TargetP95 is null ? "" : m.Passes ? "PASS" : "FAIL")} |");
        }

        md.AppendLine();
        var inboxRatio = measures[0].P95 / measures[1].P95;
        var summaryRatio = measures[2].P95 / measures[3].P95;
        md.AppendLine(CultureInfo.InvariantCulture, $"Ratios (HTTP ÷ in-process query, p95): inbox {inboxRatio:0.00}, dashboard summary {summaryRatio:0.00}.");
        var json = JsonSerializer.Serialize(new
        {
            date = DateTime.UtcNow,
            machine = new { cores = Environment.ProcessorCount, memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30), postgres = facts.PostgresVersion },
            data = new { facts.Cases, facts.Tasks, facts.Events, busiestAgency = facts.Agency, busiestAgencyOpenTasks = facts.AgencyOpen },
            method = new { rounds, requests },
            measures = measures.Select(m => new { m.Name, m.What, p50 = m.P50, p95 = m.P95, p99 = m.P99, targetP95 = m.TargetP95, pass = m.TargetP95 is null ? (bool?)null : m.Passes, rounds = m.Rounds.Select(r => new { r.P50, r.P95, r.P99 }) }),
            ratios = new { inboxHttpOverQuery = inboxRatio, summaryHttpOverQuery = summaryRatio },
        }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
        return (md.ToString(), json);
    }

    private static async Task<Facts> FactsAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("""
            SELECT (SELECT sum(n)::bigint FROM rm_case_counts), (SELECT sum(n)::bigint FROM rm_task_counts),
                   (SELECT reltuples::bigint FROM pg_class WHERE relname = 'rm_audit_events'), a.agency, a.open, version(),
                   (SELECT country FROM (SELECT unnest(countries) AS country FROM rm_task_counts WHERE agency = a.agency LIMIT 1) x)
            FROM (SELECT agency, sum(n)::bigint AS open FROM rm_task_counts WHERE state IN ('assigned', 'accepted', 'in_progress')
                  GROUP BY agency ORDER BY 2 DESC LIMIT 1) a
            """);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException("The read model is empty: load cases first with ./benchmark seed --cases N.");
        }

        var version = reader.GetString(5);
        return new Facts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetInt64(4),
            version[..Math.Min(version.Length, version.IndexOf(" on ", StringComparison.Ordinal) is var i and > 0 ? i : version.Length)], reader.GetString(6));
    }


    private static async Task GetAsync(HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await response.Content.ReadAsByteArrayAsync();
    }



    private sealed record Facts(long Cases, long Tasks, long Events, string Agency, long AgencyOpen, string PostgresVersion, string AgencyCountry);

    private sealed class Measure(string name, string what, int? targetP95, Func<Task> run)
    {
        public string Name => name;

        public string What => what;

        public int? TargetP95 => targetP95;

        public Func<Task> Run => run;

        public List<(double P50, double P95, double P99)> Rounds { get; } = [];

        public double P50 => Stats.Median(Rounds.Select(r => r.P50));

        public double P95 => Stats.Median(Rounds.Select(r => r.P95));

        public double P99 => Stats.Median(Rounds.Select(r => r.P99));

        public bool Passes => TargetP95 is not { } target || P95 <= target;
    }
}
