using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Enlace.Bench;

/// <summary>
/// <c>read-model --url URL [--save FILE] [--baseline FILE]</c>: every read route through HTTP
/// (authentication, authorization, the query, JSON), each as the role that uses it, on the
/// cases in the database. Each figure is the median over rounds of a round's percentile.
/// Targets print PASS or FAIL: p95 ≤ 50 ms per route, dashboards ≤ 100 ms; with
/// <c>--baseline</c> (the <c>--save</c> of a run at a smaller size, same database) also
/// growth: p95 here ÷ p95 there ≤ 1.3 per route.
/// </summary>
public static class ReadModelBenchmark
{
    private const double GrowthLimit = 1.3;

    private static readonly TimeSpan RoundBudget = TimeSpan.FromSeconds(15);

    /// <summary>Runs the benchmark and writes its report.</summary>
    public static async Task<int> RunAsync(string connectionString, Options options, List<Verdict>? verdicts = null)
    {
        var url = options.Get("url") ?? "http://127.0.0.1:8080";
        var rounds = options.Int("rounds", 3);
        var requests = options.Int("requests", 200);
        await using var database = NpgsqlDataSource.Create(connectionString);
        var facts = await FactsAsync(database);
        Console.WriteLine($"Read model: {facts.Cases:N0} cases, {facts.Tasks:N0} tasks, {facts.Events:N0} audit events; busiest agency {facts.Agency} ({facts.AgencyOpen:N0} open tasks), most overdue {facts.LateAgency} ({facts.LateOpen:N0} overdue tasks).");

        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        var agent = await DevToken.IssueAsync(http, new { sub = "bench-agente", name = "Agente", roles = new[] { "agent" }, agency = facts.Agency, countries = new[] { facts.AgencyCountry } });
        var lateAgent = await DevToken.IssueAsync(http, new { sub = "bench-agente-atrasado", name = "Agente", roles = new[] { "agent" }, agency = facts.LateAgency, countries = new[] { facts.LateCountry } });
        var manager = await DevToken.IssueAsync(http, new { sub = "bench-gestora", name = "Gestora", roles = new[] { "manager" }, agency = (string?)null, countries = new[] { "BO", "PE" } });
        var coordinator = await DevToken.IssueAsync(http, new { sub = "bench-coordinacion", name = "Coordinación", roles = new[] { "coordinator" }, agency = "PE-CMNP-ST", countries = new[] { "PE" } });

        Console.WriteLine("Writing a long case (1,000 notes) and a roadmap through HTTP...");
        var longCase = await LongCaseAsync(http, coordinator, options.Int("long-case-events", 1_000));
        var roadmap = await RoadmapAsync(http, coordinator);
        var deep = await DeepPageAsync(http, manager, "/api/v1/cases?pageSize=50", 200);

        var measures = new List<Measure>
        {
            new("inbox", "GET /api/v1/inbox, busiest agency, page 1 of 50", 50, () => GetAsync(http, "/api/v1/inbox?pageSize=50", agent)),
            new("inbox, overdue", $"GET /api/v1/inbox?overdue=true, the agency with most overdue tasks", 50, () => GetAsync(http, "/api/v1/inbox?overdue=true&pageSize=50", lateAgent)),
            new("finished inbox", "GET /api/v1/inbox?state=completed, busiest agency", 50, () => GetAsync(http, "/api/v1/inbox?state=completed&pageSize=50", agent)),
            new("agent case list", "GET /api/v1/cases, agent of the busiest agency", 50, () => GetAsync(http, "/api/v1/cases?pageSize=50", agent)),
            new("manager case list", "GET /api/v1/cases, manager of BO and PE", 50, () => GetAsync(http, "/api/v1/cases?pageSize=50", manager)),
            new("manager case list, filtered", $"GET /api/v1/cases?workflowId=trafficking-case&state={facts.CommonStage}&country=PE&overdue=true", 50,
                () => GetAsync(http, $"/api/v1/cases?workflowId=trafficking-case&state={facts.CommonStage}&country=PE&overdue=true&pageSize=50", manager)),
            new("search, rare", $"GET /api/v1/cases?q={facts.RareTerm} (one case's reference)", 50, () => GetAsync(http, $"/api/v1/cases?q={Uri.EscapeDataString(facts.RareTerm)}&pageSize=50", manager)),
            new("search, common", "GET /api/v1/cases?q=migrantes", 50, () => GetAsync(http, "/api/v1/cases?q=migrantes&pageSize=50", manager)),
            new("deep page", $"GET /api/v1/cases, manager, {deep.How}", 50, () => GetAsync(http, deep.Path, manager)),
            new("coordination queue", "GET /api/v1/queue, coordinator of PE", 50, () => GetAsync(http, "/api/v1/queue?pageSize=50", coordinator)),
            new("notifications", "GET /api/v1/notifications, coordinator of PE", 50, () => GetAsync(http, "/api/v1/notifications?pageSize=50", coordinator)),
            new("notifications, unread", "GET /api/v1/notifications?unread=true, coordinator of PE", 50, () => GetAsync(http, "/api/v1/notifications?unread=true&pageSize=50", coordinator)),
            new("history of a long case", $"GET /api/v1/cases/{{id}}/history, {longCase.Events:N0} events, first 100", 50, () => GetAsync(http, $"/api/v1/cases/{longCase.Id}/history?pageSize=100", coordinator)),
            new("dashboard summary", "GET /api/v1/dashboard/summary, manager of BO and PE", 100, () => GetAsync(http, "/api/v1/dashboard/summary", manager)),
            new("dashboard agencies", "GET /api/v1/dashboard/agencies, manager of BO and PE", 100, () => GetAsync(http, "/api/v1/dashboard/agencies", manager)),
            new("roadmap dashboard", "GET /api/v1/dashboard/roadmaps/{id}, manager", 100, () => GetAsync(http, $"/api/v1/dashboard/roadmaps/{roadmap}", manager)),
        };

        foreach (var m in measures)
        {
            for (var i = 0; i < 5; i++)
            {
                await m.Run();
            }
        }

        // Rounds interleave the measures so that a noisy moment on the machine touches all of them.
        for (var round = 0; round < rounds; round++)
        {
            foreach (var m in measures)
            {
                // A slow route gets at least 20 requests a round, and no more than its share of time.
                var times = new List<double>(requests);
                var spent = Stopwatch.StartNew();
                for (var i = 0; i < requests && (i < 20 || spent.Elapsed < RoundBudget); i++)
                {
                    var clock = Stopwatch.StartNew();
                    if (!await m.Run())
                    {
                        m.Errors++;
                    }

                    times.Add(clock.Elapsed.TotalMilliseconds);
                }

                times.Sort();
                m.Requests += times.Count;
                m.Rounds.Add((Stats.Percentile(times, 0.50), Stats.Percentile(times, 0.95), Stats.Percentile(times, 0.99)));
            }

            Console.WriteLine($"read routes: round {round + 1} of {rounds} done");
        }

        var baseline = options.Get("baseline") is { } file ? await Baseline.LoadAsync(file) : null;
        var report = Report(facts, measures, rounds, requests, baseline);
        Console.WriteLine(report.Markdown);
        var folder = options.Get("out") ?? Path.Combine("bench", "results");
        Directory.CreateDirectory(folder);
        var stem = Path.Combine(folder, $"{DateTime.UtcNow:yyyy-MM-dd}-read-model{(options.Get("quick") is null ? "" : "-quick")}");
        if (options.Get("save") is { } save)
        {
            await File.WriteAllTextAsync(save, report.Json);
            Console.WriteLine($"Figures at {facts.Cases:N0} cases saved to {save}");
        }
        else
        {
            await File.WriteAllTextAsync(stem + ".md", report.Markdown);
            await File.WriteAllTextAsync(stem + ".json", report.Json);
            Console.WriteLine($"Report: {stem}.md and {stem}.json");
        }

        var cases = facts.Cases.ToString("N0", CultureInfo.InvariantCulture);
        var mine = measures.Select(m => new Verdict($"{m.Name} p95 ≤ {m.TargetP95} ms at {cases} cases", string.Create(CultureInfo.InvariantCulture, $"{m.P95:0.0} ms{(m.Errors > 0 ? $", {m.Errors} of {m.Requests} answered 503" : "")}"), m.Passes)).ToList();
        if (baseline is not null)
        {
            mine.AddRange(measures.Where(m => baseline.P95.ContainsKey(m.Name)).Select(m =>
            {
                var growth = m.P95 / baseline.P95[m.Name];
                return new Verdict($"{m.Name}: p95 at {cases} ÷ at {baseline.Cases.ToString("N0", CultureInfo.InvariantCulture)} cases ≤ {GrowthLimit}",
                    string.Create(CultureInfo.InvariantCulture, $"{growth:0.00} ({m.P95:0.0} ÷ {baseline.P95[m.Name]:0.0} ms)"), growth <= GrowthLimit);
            }));
        }

        if (options.Get("save") is null)
        {
            verdicts?.AddRange(mine);
        }

        return mine.All(v => v.Pass) ? 0 : 1;
    }

    private static (string Markdown, string Json) Report(Facts facts, List<Measure> measures, int rounds, int requests, Baseline? baseline)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Read routes through HTTP — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB; {facts.PostgresVersion}; PostgreSQL, silo, gateway and this client on the same cores.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Data: {facts.Cases:N0} cases, {facts.Tasks:N0} tasks, {facts.Events:N0} audit events, {facts.Notifications:N0} notifications (`./benchmark seed`). Busiest agency: {facts.Agency} with {facts.AgencyOpen:N0} open tasks; most overdue: {facts.LateAgency} with {facts.LateOpen:N0}.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Method: {rounds} rounds of {requests} sequential requests per route (a slow route: at least 20, within {RoundBudget.TotalSeconds:0} s; a 503 — the statement timeout — counts as an error and fails the route) after 5 warm-up requests, routes interleaved; each figure is the median of the rounds' percentiles (ms).");
        if (baseline is not null)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"Growth: p95 here ÷ p95 of the same route at {baseline.Cases:N0} cases, measured earlier in this run on the same database (target ≤ {GrowthLimit}).");
        }

        md.AppendLine();
        md.AppendLine(baseline is null ? "| route | what | requests | errors (503) | p50 | p95 | p99 | target | result |" : "| route | what | requests | errors (503) | p50 | p95 | p99 | target | result | p95 smaller | growth | result |");
        md.AppendLine(baseline is null ? "|---|---|---:|---:|---:|---:|---:|---|---|" : "|---|---|---:|---:|---:|---:|---:|---|---|---:|---:|---|");
        foreach (var m in measures)
        {
            md.Append(CultureInfo.InvariantCulture,
                $"| {m.Name} | {m.What} | {m.Requests:N0} | {m.Errors:N0} | {m.P50:0.0} | {m.P95:0.0} | {m.P99:0.0} | p95 ≤ {m.TargetP95} ms | {(m.Passes ? "PASS" : "**FAIL**")} |");
            if (baseline is not null)
            {
                md.Append(baseline.P95.TryGetValue(m.Name, out var before)
                    ? string.Create(CultureInfo.InvariantCulture, $" {before:0.0} | {m.P95 / before:0.00} | {(m.P95 / before <= GrowthLimit ? "PASS" : "**FAIL**")} |")
                    : " | | |");
            }

            md.AppendLine();
        }

        var json = JsonSerializer.Serialize(new
        {
            date = DateTime.UtcNow,
            machine = new { cores = Environment.ProcessorCount, memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30), postgres = facts.PostgresVersion },
            data = new { facts.Cases, facts.Tasks, facts.Events, facts.Notifications, busiestAgency = facts.Agency, busiestAgencyOpenTasks = facts.AgencyOpen, lateAgency = facts.LateAgency, lateAgencyOverdue = facts.LateOpen },
            method = new { rounds, requests },
            measures = measures.Select(m => new { m.Name, m.What, p50 = m.P50, p95 = m.P95, p99 = m.P99, targetP95 = m.TargetP95, pass = m.Passes, requests = m.Requests, errors = m.Errors, rounds = m.Rounds.Select(r => new { r.P50, r.P95, r.P99 }) }),
            baseline = baseline is null ? null : new { baseline.Cases, p95 = baseline.P95 },
        }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
        return (md.ToString(), json);
    }

    private static async Task<Facts> FactsAsync(NpgsqlDataSource database)
    {
        // Once per run, so a scan of the open tasks is affordable here (it is not on any route).
        await using var command = database.CreateCommand("""
            SELECT (SELECT sum(n)::bigint FROM rm_case_counts), (SELECT sum(n)::bigint FROM rm_task_counts),
                   (SELECT reltuples::bigint FROM pg_class WHERE relname = 'rm_audit_events'),
                   (SELECT reltuples::bigint FROM pg_class WHERE relname = 'rm_notifications'),
                   a.agency, a.open, version(),
                   (SELECT country FROM (SELECT unnest(countries) AS country FROM rm_task_counts WHERE agency = a.agency LIMIT 1) x),
                   l.agency, l.late,
                   (SELECT country FROM (SELECT unnest(countries) AS country FROM rm_task_counts WHERE agency = l.agency LIMIT 1) y),
                   (SELECT state FROM rm_case_counts WHERE workflow_id = 'trafficking-case' GROUP BY state ORDER BY sum(n) DESC LIMIT 1),
                   (SELECT reference FROM rm_cases ORDER BY case_id LIMIT 1)
            FROM (SELECT agency, sum(n)::bigint AS open FROM rm_task_counts WHERE state IN ('assigned', 'accepted', 'in_progress')
                  GROUP BY agency ORDER BY 2 DESC LIMIT 1) a,
                 (SELECT agency, count(*) AS late FROM rm_tasks WHERE state IN ('assigned', 'accepted', 'in_progress') AND due_at < now()
                  GROUP BY agency ORDER BY 2 DESC LIMIT 1) l
            """);
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException("The read model is empty: load cases first with ./benchmark seed --cases N.");
        }

        var version = reader.GetString(6);
        return new Facts(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), Math.Max(0, reader.GetInt64(3)), reader.GetString(4), reader.GetInt64(5),
            version[..Math.Min(version.Length, version.IndexOf(" on ", StringComparison.Ordinal) is var i and > 0 ? i : version.Length)],
            reader.GetString(7), reader.GetString(8), reader.GetInt64(9), reader.GetString(10), reader.GetString(11), reader.GetString(12));
    }

    // A case with a long trail, written as its users would: notes, one command each.
    private static async Task<(string Id, int Events)> LongCaseAsync(HttpClient http, string coordinator, int notes)
    {
        var opened = await SendAsync(http, HttpMethod.Post, "/api/v1/cases", coordinator,
            new { workflowId = "trafficking-case", title = "Caso de trayectoria larga", summary = "Caso creado por el banco de pruebas", leadCountry = "PE" });
        var id = opened.GetProperty("id").GetString()!;
        for (var i = 1; i <= notes; i++)
        {
            await SendAsync(http, HttpMethod.Post, $"/api/v1/cases/{id}/notes", coordinator, new { text = $"Nota de seguimiento {i}" });
        }

        var history = await SendAsync(http, HttpMethod.Get, $"/api/v1/cases/{id}/history?pageSize=1", coordinator, null);
        return (id, history.GetProperty("total").GetInt32());
    }

    private static async Task<string> RoadmapAsync(HttpClient http, string coordinator)
    {
        var id = $"bench-{Guid.NewGuid():N}"[..20];
        await SendAsync(http, HttpMethod.Post, "/api/v1/roadmaps", coordinator, new
        {
            id,
            title = "Hoja de ruta del banco de pruebas",
            countries = new[] { "PE" },
            periodStart = "2025-01-01",
            periodEnd = "2027-12-31",
            areas = new[] { new { code = "prevencion", title = "Prevención" }, new { code = "proteccion", title = "Protección" } },
        });
        for (var i = 1; i <= 20; i++)
        {
            await SendAsync(http, HttpMethod.Post, $"/api/v1/roadmaps/{id}/actions", coordinator, new
            {
                title = $"Acción {i}",
                area = i % 2 == 0 ? "prevencion" : "proteccion",
                responsibleAgencies = new[] { "PE-MIMP" },
                startDate = "2025-08-01",
                dueDate = i % 3 == 0 ? "2026-01-31" : "2027-06-30",
                indicators = new[] { new { name = "talleres", unit = "talleres", baseline = 0, target = 4 } },
            });
        }

        return id;
    }

    // The page `depth` pages in: by the list's cursor (`next`) when it gives one, else by page number.
    private static async Task<(string Path, string How)> DeepPageAsync(HttpClient http, string token, string first, int depth)
    {
        var path = first;
        for (var page = 1; page < depth; page++)
        {
            var body = await SendAsync(http, HttpMethod.Get, path, token, null);
            if (!body.TryGetProperty("next", out var next) || next.ValueKind != JsonValueKind.String)
            {
                return page == 1
                    ? ($"{first}&page={depth}", $"page {depth} of 50 by page number (offset {(depth - 1) * 50:N0})")
                    : (path, $"page {page} of 50 by cursor (the list ended there)");
            }

            path = $"{first}&after={Uri.EscapeDataString(next.GetString()!)}";
        }

        return (path, $"page {depth} of 50 by cursor");
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, string token, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
    }

    // A refusal (a 4xx) is a mistake of the benchmark and stops it; a 503 — a query cancelled by the
    // statement timeout — is a failed request of that route, timed and counted.
    private static async Task<bool> GetAsync(HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode && (int)response.StatusCode < 500)
        {
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode;
    }

    private sealed record Facts(
        long Cases, long Tasks, long Events, long Notifications, string Agency, long AgencyOpen, string PostgresVersion, string AgencyCountry,
        string LateAgency, long LateOpen, string LateCountry, string CommonStage, string RareTerm);

    // The p95 per route of an earlier run (its --save file).
    private sealed record Baseline(long Cases, Dictionary<string, double> P95)
    {
        public static async Task<Baseline> LoadAsync(string file)
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            var root = document.RootElement;
            return new Baseline(
                root.GetProperty("data").GetProperty("cases").GetInt64(),
                root.GetProperty("measures").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("p95").GetDouble()));
        }
    }

    private sealed class Measure(string name, string what, int targetP95, Func<Task<bool>> run)
    {
        public string Name => name;

        public string What => what;

        public int TargetP95 => targetP95;

        public Func<Task<bool>> Run => run;

        public List<(double P50, double P95, double P99)> Rounds { get; } = [];

        public int Requests { get; set; }

        public int Errors { get; set; }

        public double P50 => Stats.Median(Rounds.Select(r => r.P50));

        public double P95 => Stats.Median(Rounds.Select(r => r.P95));

        public double P99 => Stats.Median(Rounds.Select(r => r.P99));

        public bool Passes => P95 <= TargetP95 && Errors == 0;
    }
}
