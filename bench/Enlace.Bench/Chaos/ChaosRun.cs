using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Enlace.Silo.Database;
using Npgsql;

namespace Enlace.Bench.Chaos;

/// <summary>
/// A chaos run: silos (separate processes) and a gateway on one PostgreSQL; clients add notes
/// to cases through HTTP, each command with its own Idempotency-Key and retried with the same
/// key and body until acknowledged; meanwhile silos are killed (SIGKILL) and added, the gateway
/// is killed and restarted, and PostgreSQL may be stopped for a while. At the end every case is
/// checked: each acknowledged note present exactly once, no note twice, the audit chain intact,
/// the read model equal to the grain's state.
/// </summary>
public static class ChaosRun
{
    /// <summary>Runs the faults and the checks.</summary>
    public static async Task<ChaosReport> RunAsync(ChaosOptions o)
    {
        await DatabaseMigrator.EnsureDatabaseAsync(o.ConnectionString);
        await DatabaseMigrator.MigrateAsync(o.ConnectionString);
        var logs = Directory.CreateTempSubdirectory("enlace-chaos-");
        var report = new ChaosReport { LogFolder = logs.FullName, Silos = o.Silos, Clients = o.Clients, Cases = o.Cases, Planned = o.Duration };
        var clock = Stopwatch.StartNew();
        void Event(string what)
        {
            report.Timeline.Add($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");
            o.Log($"[{clock.Elapsed.TotalSeconds:0.0} s] {what}");
        }

        using var cluster = new ClusterProcesses(o, logs.FullName);
        for (var i = 0; i < o.Silos; i++)
        {
            cluster.StartSilo();
        }

        cluster.StartGateway();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{o.GatewayPort}"), Timeout = TimeSpan.FromSeconds(40) };
        await WaitReadyAsync(http, TimeSpan.FromMinutes(3));
        Event($"{o.Silos} silos and the gateway ready");
        var coordinator = await DevToken.IssueAsync(http, new { sub = "chaos-coordinacion", name = "Coordinación", roles = new[] { "coordinator" }, agency = "PE-CMNP-ST", countries = new[] { "PE" } });
        // A manager of both countries reads every case back (administrators see no case content).
        var reader = await DevToken.IssueAsync(http, new { sub = "chaos-manager", name = "Gestión", roles = new[] { "manager" }, agency = (string?)null, countries = new[] { "BO", "PE" } });
        var client = new RetryingClient(http, report);
        var cases = new List<string>();
        for (var i = 0; i < o.Cases; i++)
        {
            var opened = await client.SendAsync(HttpMethod.Post, "/api/v1/cases", coordinator, new { workflowId = "trafficking-case", title = $"Caso de resiliencia {i + 1}", summary = "Carga de la prueba de fallos", leadCountry = "PE" }, CancellationToken.None);
            cases.Add(opened!.Value.GetProperty("id").GetString()!);
        }

        Event($"{cases.Count} cases opened; load and faults for {o.Duration.TotalMinutes:0.#} min");
        var acknowledged = new ConcurrentBag<(string Case, string Note)>();
        using var loadEnds = new CancellationTokenSource(o.Duration);
        using var hardStop = new CancellationTokenSource(o.Duration + TimeSpan.FromMinutes(5));
        var load = Enumerable.Range(0, o.Clients).Select(worker => Task.Run(async () =>
        {
            var random = new Random(o.Seed + worker);
            for (var n = 0; !loadEnds.IsCancellationRequested; n++)
            {
                var caseId = cases[random.Next(cases.Count)];
                var note = $"nota {worker}-{n}-{Guid.NewGuid():N}";
                Interlocked.Increment(ref report.Sent);
                if (await client.SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/notes", coordinator, new { text = note }, hardStop.Token) is not null)
                {
                    acknowledged.Add((caseId, note));
                }
            }
        })).ToList();

        var faults = Task.Run(async () =>
        {
            var random = new Random(o.Seed);
            var nextGatewayRestart = o.GatewayRestartEvery;
            while (!loadEnds.IsCancellationRequested)
            {
                var pause = o.FaultEveryMin + ((o.FaultEveryMax - o.FaultEveryMin) * random.NextDouble());
                try
                {
                    await Task.Delay(pause, loadEnds.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                var alive = cluster.Silos;
                if (alive > 2 && (alive > o.Silos || random.Next(2) == 0))
                {
                    Event($"kill -9 the silo on port {cluster.KillSilo(random)} ({alive - 1} left)");
                    report.SilosKilled++;
                }
                else
                {
                    cluster.StartSilo();
                    Event($"a silo added ({alive + 1})");
                    report.SilosStarted++;
                }

                if (nextGatewayRestart is { } at && clock.Elapsed >= at)
                {
                    cluster.KillGateway();
                    Event("kill -9 the gateway");
                    await Task.Delay(TimeSpan.FromSeconds(1));
                    cluster.StartGateway();
                    Event("gateway started again");
                    report.GatewayRestarts++;
                    nextGatewayRestart = at + o.GatewayRestartEvery!.Value;
                }
            }
        });

        var outage = o.DatabaseOutageAt is { } outageAt && o.StopDatabase is { } stop && o.StartDatabase is { } start
            ? Task.Run(async () =>
            {
                await Task.Delay(outageAt);
                await stop();
                Event($"PostgreSQL stopped for {o.OutageLength.TotalSeconds:0} s");
                var stoppedAt = clock.Elapsed;
                await Task.Delay(o.OutageLength);
                await start();
                var back = clock.Elapsed;
                Event("PostgreSQL started again");
                report.OutageStartedAt = stoppedAt;
                report.DatabaseBackAt = back;

                // Recovery: a fresh command every half second until one is acknowledged.
                while (clock.Elapsed - back < TimeSpan.FromMinutes(2))
                {
                    var caseId = cases[0];
                    var note = $"sonda {Guid.NewGuid():N}";
                    using var probe = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/notes") { Content = JsonContent.Create(new { text = note }) };
                    probe.Headers.Authorization = new AuthenticationHeaderValue("Bearer", coordinator);
                    probe.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
                    Interlocked.Increment(ref report.Sent);
                    try
                    {
                        using var answer = await http.SendAsync(probe);
                        report.Answered($"POST {probe.RequestUri}", answer, answer.IsSuccessStatusCode ? "" : await answer.Content.ReadAsStringAsync());
                        if (answer.IsSuccessStatusCode)
                        {
                            acknowledged.Add((caseId, note));
                            report.RecoverySeconds = (clock.Elapsed - back).TotalSeconds;
                            Event($"first command acknowledged {report.RecoverySeconds:0.0} s after PostgreSQL's return");
                            break;
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        Interlocked.Increment(ref report.TransportErrors);
                    }

                    await Task.Delay(500);
                }
            })
            : Task.CompletedTask;

        await Task.WhenAll(faults, outage);
        Event("faults end; clients finish the commands they have in flight");
        await Task.WhenAll(load);
        Event($"load ends: {report.Sent} commands sent, {acknowledged.Count} acknowledged");
        await VerifyAsync(o, client, http, reader, cases, [.. acknowledged], report);
        report.Elapsed = clock.Elapsed;
        Event(report.Verdict);
        return report;
    }

    private static async Task VerifyAsync(ChaosOptions o, RetryingClient client, HttpClient http, string auditor, List<string> cases, List<(string Case, string Note)> acknowledged, ChaosReport report)
    {
        report.Acknowledged = acknowledged.Count;
        await using var database = NpgsqlDataSource.Create(o.ConnectionString);
        foreach (var id in cases)
        {
            // Reading the history makes the grain bring the read model up to its state first.
            await client.SendAsync(HttpMethod.Get, $"/api/v1/cases/{id}/history?pageSize=1", auditor, null, CancellationToken.None);
            var verification = await client.SendAsync(HttpMethod.Get, $"/api/v1/cases/{id}/history/verify", auditor, null, CancellationToken.None);
            if (verification!.Value.GetProperty("valid").GetBoolean())
            {
                report.ChainsVerified++;
            }

            var grain = (await client.SendAsync(HttpMethod.Get, $"/api/v1/cases/{id}", auditor, null, CancellationToken.None))!.Value;
            var fromGrain = $"{grain.GetProperty("version").GetInt32()}|{string.Join(",", grain.GetProperty("tasks").EnumerateArray().Select(t => $"{t.GetProperty("id").GetString()}={t.GetProperty("state").GetString()}").Order())}";
            await using var read = database.CreateCommand("""
                SELECT c.version::text || '|' || COALESCE((SELECT string_agg(t.task_id || '=' || t.state, ',' ORDER BY t.task_id || '=' || t.state) FROM rm_tasks t WHERE t.case_id = c.case_id), '')
                FROM rm_cases c WHERE c.case_id = $1
                """);
            read.Parameters.AddWithValue(id);
            var fromReadModel = (string?)await read.ExecuteScalarAsync();
            if (fromReadModel == fromGrain)
            {
                report.ReadModelEqual++;
            }
            else
            {
                report.Mismatches.Add($"{id}: grain {fromGrain}, read model {fromReadModel}");
            }
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var notes = database.CreateCommand("SELECT note, count(*)::int FROM rm_audit_events WHERE kind = 'note' AND case_id = ANY ($1) GROUP BY note"))
        {
            notes.Parameters.AddWithValue(cases.ToArray());
            await using var reader = await notes.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                counts[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        report.Lost = acknowledged.Count(a => !counts.ContainsKey(a.Note));
        report.Duplicated = counts.Count(c => c.Value > 1);
        report.AppliedUnacknowledged = counts.Count - acknowledged.Count(a => counts.ContainsKey(a.Note));
    }

    private static async Task WaitReadyAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var ready = await http.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"the cluster was not ready within {timeout.TotalSeconds:0} s");
    }

    /// <summary>Sends a request until it is acknowledged, with the same Idempotency-Key and body every time.</summary>
    private sealed class RetryingClient(HttpClient http, ChaosReport report)
    {
        public async Task<JsonElement?> SendAsync(HttpMethod method, string path, string token, object? body, CancellationToken stop)
        {
            var key = Guid.NewGuid().ToString("N");
            var attempt = 0;
            while (!stop.IsCancellationRequested)
            {
                if (attempt++ > 0)
                {
                    Interlocked.Increment(ref report.Retries);
                }

                using var request = new HttpRequestMessage(method, path);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                if (method == HttpMethod.Post)
                {
                    request.Headers.Add("Idempotency-Key", key);
                    request.Content = JsonContent.Create(body);
                }

                TimeSpan pause;
                try
                {
                    using var response = await http.SendAsync(request, stop);
                    if (response.IsSuccessStatusCode)
                    {
                        report.Answered($"{method} {path}", response);
                        return await response.Content.ReadFromJsonAsync<JsonElement>(stop);
                    }

                    var text = await response.Content.ReadAsStringAsync(stop);
                    report.Answered($"{method} {path}", response, text);
                    if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests
                        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout))
                    {
                        report.Refusals.Add($"{method} {path}: {(int)response.StatusCode} {text}");
                        return null;
                    }

                    pause = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                }
                catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !stop.IsCancellationRequested))
                {
                    Interlocked.Increment(ref report.TransportErrors);
                    pause = TimeSpan.FromSeconds(1);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                try
                {
                    await Task.Delay(pause < TimeSpan.FromSeconds(5) ? pause : TimeSpan.FromSeconds(5), stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            Interlocked.Increment(ref report.GaveUp);
            return null;
        }
    }
}
