using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Enlace.Bench.Seed;
using Npgsql;

namespace Enlace.Bench;

/// <summary>
/// <c>reads --url URL</c>: the read routes under load, measured in one run with Debian's <c>wrk</c>
/// (<c>-t2 -c32</c>, as the issue's figures): <c>GET /health/live</c> (no token: the gateway's
/// ceiling), <c>GET /api/v1/countries</c> (a token, the rate limiter, one Orleans call, JSON), a case
/// view <c>GET /api/v1/cases/{id}</c> (32 stored cases in turn, as a coordinator of Peru), the case
/// list and the inbox (page of 10), and "the floor" — an HTTP command through the token, the command
/// pipeline, the Orleans client and a case grain that refuses it and so writes nothing (a trigger
/// that does not leave the case's stage: 409). Rounds interleave the routes so that a noisy moment
/// touches all of them; each figure is the median of the rounds, and the targets are ratios to
/// <c>/health/live</c> in the same run: the case view ≥ 50 %, the case list and the inbox ≥ 25 %.
/// </summary>
public static class ReadFloorBenchmark
{
    private const int Threads = 2;
    private const int Connections = 32;
    private const int CasesViewed = 32;

    /// <summary>The share of <c>/health/live</c> the case view must reach.</summary>
    public const double CaseViewTarget = 0.5;

    /// <summary>The share of <c>/health/live</c> the case list and the inbox must reach.</summary>
    public const double ListTarget = 0.25;

    /// <summary>One request wrk sends: method, path, bearer token (none: anonymous) and JSON body.</summary>
    public sealed record Request(string Method, string Path, string? Token = null, string? Body = null);

    /// <summary>One route's measure.</summary>
    public sealed class Route(string name, string what, IReadOnlyList<Request> requests, int expectedStatus, double? target)
    {
        /// <summary>Short name (report, JSON).</summary>
        public string Name => name;

        /// <summary>What is measured, for the report.</summary>
        public string What => what;

        /// <summary>The requests wrk sends in turn (all with the same token and method).</summary>
        public IReadOnlyList<Request> Requests => requests;

        /// <summary>The status every answer must have (others are errors).</summary>
        public int ExpectedStatus => expectedStatus;

        /// <summary>The least share of <c>/health/live</c>, or null when reported only.</summary>
        public double? Target => target;

        /// <summary>The rounds' runs.</summary>
        public List<WrkRun> Runs { get; } = [];

        /// <summary>Median requests per second over the rounds.</summary>
        public double PerSecond => Stats.Median(Runs.Select(r => r.PerSecond));

        /// <summary>Median p50 (ms).</summary>
        public double P50 => Stats.Median(Runs.Select(r => r.P50));

        /// <summary>Median p99 (ms).</summary>
        public double P99 => Stats.Median(Runs.Select(r => r.P99));

        /// <summary>Errors over all rounds (transport errors and unexpected statuses).</summary>
        public long Errors => Runs.Sum(r => r.Errors);
    }

    /// <summary>The outcome of one wrk run.</summary>
    public sealed record WrkRun(double PerSecond, double P50, double P99, long Requests, long Errors);

    /// <summary>The measures, the report's section and its targets.</summary>
    public sealed record Result(IReadOnlyList<Route> Routes, string Markdown, IReadOnlyList<Verdict> Verdicts, object Json);

    /// <summary>Runs the command and writes <c>bench/results/DATE-reads[-quick].md</c> and <c>.json</c>.</summary>
    public static async Task<int> RunCommandAsync(string connectionString, Options options)
    {
        var result = await RunAsync(connectionString, options);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Enlace benchmarks: reads — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores; PostgreSQL, silo, gateway and wrk on the same cores.");
        md.Append(result.Markdown);
        Console.WriteLine(md);
        var folder = options.Get("out") ?? Path.Combine("bench", "results");
        Directory.CreateDirectory(folder);
        var stem = Path.Combine(folder, $"{DateTime.UtcNow:yyyy-MM-dd}-reads{(options.Get("quick") is null ? "" : "-quick")}");
        await File.WriteAllTextAsync(stem + ".md", md.ToString());
        await File.WriteAllTextAsync(stem + ".json", JsonSerializer.Serialize(result.Json, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        Console.WriteLine($"Report: {stem}.md and {stem}.json");
        Console.WriteLine($"{result.Verdicts.Count(v => v.Pass)} read targets passed, {result.Verdicts.Count(v => !v.Pass)} failed");
        return 0;
    }

    /// <summary>Measures the routes against the gateway at <c>--url</c>, whose database is <paramref name="connectionString"/>.</summary>
    public static async Task<Result> RunAsync(string connectionString, Options options)
    {
        var seconds = options.Int("seconds", 10);
        var rounds = options.Int("rounds", 3);
        var wrk = options.Get("wrk") ?? "wrk";
        var url = options.Get("url") ?? "http://127.0.0.1:8080";
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        var scratch = Directory.CreateTempSubdirectory("enlace-reads-");
        try
        {
            var routes = await RoutesAsync(connectionString, http);
            // Warm-up: activations, JIT, pools, prepared statements.
            foreach (var route in routes)
            {
                await RunWrkAsync(wrk, url, scratch.FullName, route, 2);
            }

            for (var round = 0; round < rounds; round++)
            {
                // Each round starts with another route, so none always runs first or last.
                for (var k = 0; k < routes.Count; k++)
                {
                    var route = routes[(round + k) % routes.Count];
                    route.Runs.Add(await RunWrkAsync(wrk, url, scratch.FullName, route, seconds));
                    Console.WriteLine($"round {round + 1}: {route.Name}: {route.Runs[^1].PerSecond:0} /s, p99 {route.Runs[^1].P99:0.0} ms, {route.Runs[^1].Errors} errors");
                }
            }

            return Report(routes, rounds, seconds);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static Result Report(List<Route> routes, int rounds, int seconds)
    {
        var health = routes[0].PerSecond;
        var verdicts = routes.Where(r => r.Target is not null).Select(r => new Verdict(
            string.Create(CultureInfo.InvariantCulture, $"{r.Name} ≥ {r.Target:P0} of GET /health/live (wrk -t{Threads} -c{Connections}), zero errors"),
            string.Create(CultureInfo.InvariantCulture, $"{r.PerSecond / health:P0} ({r.PerSecond:N0} ÷ {health:N0} /s), p99 {r.P99:0.0} ms, {r.Errors} errors"),
            r.PerSecond >= r.Target * health && r.Errors == 0)).ToList();
        var md = new StringBuilder();
        md.AppendLine();
        md.AppendLine("## Reads and the floor");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"wrk -t{Threads} -c{Connections}, {rounds} interleaved rounds of {seconds} s per route after a 2 s warm-up each; medians of rounds; ratios to GET /health/live of the same run.");
        md.AppendLine();
        md.AppendLine("| target | this run | result |");
        md.AppendLine("|---|---|---|");
        foreach (var v in verdicts)
        {
            md.AppendLine(v.Row);
        }

        md.AppendLine();
        md.AppendLine("| route | what | requests/s | ÷ /health/live | p50 / p99 (ms) | rounds (/s) | errors |");
        md.AppendLine("|---|---|---:|---:|---:|---|---:|");
        foreach (var r in routes)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.What} | {r.PerSecond:N0} | {r.PerSecond / health:P0} | {r.P50:0.0} / {r.P99:0.0} | {string.Join(", ", r.Runs.Select(x => x.PerSecond.ToString("0", CultureInfo.InvariantCulture)))} | {r.Errors} |");
        }

        var json = new
        {
            date = DateTime.UtcNow,
            method = new { threads = Threads, connections = Connections, rounds, secondsPerMeasure = seconds },
            routes = routes.Select(r => new { r.Name, r.What, perSecond = r.PerSecond, overHealth = r.PerSecond / health, p50 = r.P50, p99 = r.P99, errors = r.Errors, target = r.Target, rounds = r.Runs }),
            targets = verdicts,
        };
        return new Result(routes, md.ToString(), verdicts, json);
    }

    // The routes, with tokens and ids taken from the seeded database: cases of Peru near the end of
    // the id order (the activation benchmark activates the first ones), the busiest agency's inbox.
    private static async Task<List<Route>> RoutesAsync(string connectionString, HttpClient http)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        var cases = new List<(string Id, string Workflow, int Version, string State)>();
        await using (var command = database.CreateCommand("""
            SELECT case_id, workflow_id, workflow_version, state FROM (SELECT * FROM rm_cases ORDER BY case_id DESC LIMIT 400) c
            WHERE 'PE' = ANY (countries) ORDER BY case_id LIMIT @n
            """))
        {
            command.Parameters.AddWithValue("n", CasesViewed);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                cases.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3)));
            }
        }

        if (cases.Count == 0)
        {
            throw new InvalidOperationException("No case of Peru in the read model: load cases first with ./benchmark seed --cases N.");
        }

        string agency;
        await using (var command = database.CreateCommand("""
            SELECT agency FROM rm_task_counts WHERE state IN ('assigned', 'accepted', 'in_progress') AND agency LIKE 'PE-%'
            GROUP BY agency ORDER BY sum(n) DESC, agency LIMIT 1
            """))
        {
            agency = (string?)await command.ExecuteScalarAsync() ?? throw new InvalidOperationException("No open task of a Peruvian agency in the read model.");
        }

        var coordinator = await DevToken.IssueAsync(http, new { sub = "bench-reads-coordinacion", name = "Coordinación", roles = new[] { "coordinator" }, agency = "PE-CMNP-ST", countries = new[] { "PE" } });
        var agent = await DevToken.IssueAsync(http, new { sub = "bench-reads-agente", name = "Agente", roles = new[] { "agent" }, agency, countries = new[] { "PE" } });

        // The floor's command: a trigger of the case's workflow that does not leave its stage.
        var catalog = SeedCommand.LoadCatalog();
        var (floorCase, floorTrigger) = cases
            .Select(c => (c.Id, Trigger: catalog.Find(c.Workflow, c.Version)?.Triggers.FirstOrDefault(t => !t.From.Contains(c.State))?.Name))
            .First(c => c.Trigger is not null);
        var floorBody = $"{{\"trigger\":\"{floorTrigger}\"}}";

        var routes = new List<Route>
        {
            new("GET /health/live", "no token: the gateway's ceiling", [new("GET", "/health/live")], 200, null),
            new("GET /api/v1/countries", "bearer token (JWT), rate limiter, one Orleans call, JSON", [new("GET", "/api/v1/countries", coordinator)], 200, null),
            new("GET /api/v1/cases/{id}", $"the case grain's view of {cases.Count} stored cases in turn, coordinator of PE", [.. cases.Select(c => new Request("GET", $"/api/v1/cases/{c.Id}", coordinator))], 200, CaseViewTarget),
            new("GET /api/v1/cases?pageSize=10", "the case list from the read model, coordinator of PE", [new("GET", "/api/v1/cases?pageSize=10", coordinator)], 200, ListTarget),
            new("GET /api/v1/inbox?pageSize=10", $"the inbox of {agency} (its busiest agency of PE), from the read model", [new("GET", "/api/v1/inbox?pageSize=10", agent)], 200, ListTarget),
            new("the floor: POST …/transitions refused", $"a command through JWT, the command pipeline, the Orleans client and the case grain, which refuses '{floorTrigger}' (409) and writes nothing", [new("POST", $"/api/v1/cases/{floorCase}/transitions", coordinator, floorBody)], 409, null),
        };

        // Every route answers as expected before it is measured.
        foreach (var route in routes)
        {
            var status = await SendAsync(http, route.Requests[0]);
            if (status != route.ExpectedStatus)
            {
                throw new InvalidOperationException($"{route.Name}: answered {status}, expected {route.ExpectedStatus}");
            }
        }

        return routes;
    }

    // Sends a request through HttpClient (the check before measuring).
    private static async Task<int> SendAsync(HttpClient http, Request spec)
    {
        using var request = new HttpRequestMessage(new HttpMethod(spec.Method), spec.Path);
        if (spec.Body is not null)
        {
            request.Content = new StringContent(spec.Body, Encoding.UTF8, "application/json");
        }

        if (spec.Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", spec.Token);
        }

        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static async Task<WrkRun> RunWrkAsync(string wrk, string url, string folder, Route route, int seconds)
    {
        var script = Path.Combine(folder, $"reads-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, Script(route));
        var start = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t", $"{Threads}", "-c", $"{Connections}", "-d", $"{seconds}s", "--timeout", "10s", "-s", script, url.TrimEnd('/') })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {wrk}");
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("ENLACE ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no summary (exit {process.ExitCode}): {output} {errors}");
        var summary = JsonSerializer.Deserialize<JsonElement>(line["ENLACE ".Length..]);
        var requests = summary.GetProperty("requests").GetInt64();
        var failed = summary.GetProperty("errors").GetInt64();
        if (failed > 0)
        {
            Console.WriteLine(string.Join('\n', output.Split('\n').Where(l => l.StartsWith("errors:", StringComparison.Ordinal) || l.StartsWith("first error", StringComparison.Ordinal))));
        }

        return new WrkRun((requests - failed) / summary.GetProperty("seconds").GetDouble(),
            summary.GetProperty("p50").GetDouble(), summary.GetProperty("p99").GetDouble(), requests, failed);
    }

    // One request is wrk's static request (formatted once per thread, no Lua per request); several
    // are formatted once in init and handed out in turn by request(). A 2xx route leaves statuses to
    // wrk's own count (any status >= 400 is an error); a route that must answer another status
    // checks each answer in Lua, which costs wrk a little more.
    private static string Script(Route route)
    {
        static string Quote(string? s) => s is null ? "nil" : "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        var first = route.Requests[0];
        var lua = new StringBuilder();
        lua.AppendLine("-- Written by Enlace.Bench for one wrk run of the read benchmark.");
        lua.AppendLine(CultureInfo.InvariantCulture, $"wrk.method = {Quote(first.Method)}");
        lua.AppendLine(CultureInfo.InvariantCulture, $"wrk.path = {Quote(first.Path)}");
        lua.AppendLine(CultureInfo.InvariantCulture, $"wrk.body = {Quote(first.Body)}");
        if (first.Token is not null)
        {
            lua.AppendLine(CultureInfo.InvariantCulture, $"wrk.headers[\"Authorization\"] = {Quote("Bearer " + first.Token)}");
        }

        if (first.Body is not null)
        {
            lua.AppendLine("wrk.headers[\"Content-Type\"] = \"application/json\"");
        }

        lua.AppendLine("local paths = {");
        foreach (var request in route.Requests)
        {
            lua.AppendLine(CultureInfo.InvariantCulture, $"  {Quote(request.Path)},");
        }

        lua.AppendLine("}");
        lua.AppendLine(CultureInfo.InvariantCulture, $"local expected = {route.ExpectedStatus}");
        lua.AppendLine("""
            local threads = {}
            function setup(thread)
              table.insert(threads, thread)
            end
            function init(args)
              unexpected = 0
              if #paths > 1 then
                prepared = {}
                for i, path in ipairs(paths) do prepared[i] = wrk.format(nil, path) end
                next_request = 0
              end
            end
            if #paths > 1 then
              function request()
                next_request = next_request % #prepared + 1
                return prepared[next_request]
              end
            end
            if expected >= 300 then
              function response(status, headers, body)
                if status ~= expected then
                  unexpected = unexpected + 1
                  if not bad then bad = status .. " " .. string.sub(body or "", 1, 300) end
                end
              end
            end
            function done(summary, latency, requests)
              local e = summary.errors
              local wrong = 0
              for _, thread in ipairs(threads) do
                wrong = wrong + (thread:get("unexpected") or 0)
                local first = thread:get("bad")
                if first then io.write("first error answer: " .. first .. "\n") end
              end
              -- wrk counts every status >= 400 as an error: for a route that must answer one, only
              -- the answers with another status are.
              local status = expected >= 400 and wrong or e.status
              io.write(string.format('errors: connect %d, read %d, write %d, status %d, timeout %d\n', e.connect, e.read, e.write, status, e.timeout))
              io.write(string.format('ENLACE {"requests":%d,"seconds":%.6f,"p50":%.3f,"p99":%.3f,"errors":%d}\n',
                summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
                e.connect + e.read + e.write + status + e.timeout))
            end
            """);
        return lua.ToString();
    }
}
