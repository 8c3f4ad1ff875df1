using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Enlace.Bench;

/// <summary>
/// Durable task transitions through the gateway (authentication, idempotency keys, JSON),
/// driven by Debian's <c>wrk</c>. Each wrk thread owns one connection and one case, and
/// cycles that case's task through accept → start → complete → reopen: a connection sends
/// its next request only after the previous answer, and the next trigger follows the answers,
/// so every transition is legal and any non-2xx answer is a real error. Each run opens fresh cases.
/// </summary>
public sealed class HttpTransitions(HttpClient http, string wrk, string folder)
{
    private string? _agent;
    private string? _coordinator;

    /// <summary>The outcome of one wrk run.</summary>
    public sealed record Run(double PerSecond, double P50, double P95, double P99, long Requests, long Errors);

    /// <summary>Runs wrk for <paramref name="seconds"/> with <paramref name="connections"/> connections; <paramref name="perConnectionDelayMs"/> paces each connection.</summary>
    public async Task<Run> RunAsync(int connections, int seconds, double perConnectionDelayMs = 0)
    {
        _agent ??= await DevToken.IssueAsync(http, new { sub = "bench-http-agente", name = "Agente", roles = new[] { "agent" }, agency = "PE-PNP-DIRCTPTIM", countries = new[] { "PE" } });
        _coordinator ??= await DevToken.IssueAsync(http, new { sub = "bench-http-coordinacion", name = "Coordinación", roles = new[] { "coordinator" }, agency = "PE-CMNP-ST", countries = new[] { "PE" } });
        var cases = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => OpenAsync()));
        var script = Path.Combine(folder, $"transitions-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, Script(cases, perConnectionDelayMs));
        var start = new ProcessStartInfo(wrk)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-t", $"{connections}", "-c", $"{connections}", "-d", $"{seconds}s", "--timeout", "10s", "-s", script, http.BaseAddress!.ToString().TrimEnd('/') })
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
        return new Run((requests - failed) / summary.GetProperty("seconds").GetDouble(),
            summary.GetProperty("p50").GetDouble(), summary.GetProperty("p95").GetDouble(), summary.GetProperty("p99").GetDouble(), requests, failed);
    }

    private string Script(IEnumerable<(string Id, string TaskId)> cases, double delayMs)
    {
        var lua = new StringBuilder();
        lua.AppendLine("-- Written by Enlace.Bench for one wrk run: thread i owns case i and its first task.");
        lua.AppendLine("local cases = {");
        foreach (var (id, taskId) in cases)
        {
            lua.AppendLine(CultureInfo.InvariantCulture, $"  \"/api/v1/cases/{id}/tasks/{taskId}/transitions\",");
        }

        lua.AppendLine("}");
        lua.AppendLine(CultureInfo.InvariantCulture, $"local agent = \"Bearer {_agent}\"");
        lua.AppendLine(CultureInfo.InvariantCulture, $"local coordinator = \"Bearer {_coordinator}\"");
        lua.AppendLine(CultureInfo.InvariantCulture, $"local run = \"{Guid.NewGuid():N}\"");
        lua.AppendLine(CultureInfo.InvariantCulture, $"local pause = {delayMs.ToString("0.###", CultureInfo.InvariantCulture)}");
        lua.AppendLine("""
            local cycle = { "accept", "start", "complete", "reopen" }
            local next_slot = 0
            local threads = {}
            function setup(thread)
              thread:set("slot", next_slot)
              next_slot = next_slot + 1
              table.insert(threads, thread)
            end
            function init(args)
              done_steps = 0
              path = cases[slot + 1]
            end
            -- The next trigger follows the answers, not the requests written: wrk may write a
            -- connection's first request more than once, and a skipped step would desync the cycle.
            function request()
              local trigger = cycle[(done_steps % 4) + 1]
              local headers = {
                ["Content-Type"] = "application/json",
                ["Authorization"] = trigger == "reopen" and coordinator or agent,
                ["Idempotency-Key"] = run .. "-" .. slot .. "-" .. done_steps,
              }
              return wrk.format("POST", path, headers, '{"trigger":"' .. trigger .. '"}')
            end
            function response(status, headers, body)
              if status < 300 then
                done_steps = done_steps + 1
              elseif not bad then
                bad = status .. " " .. string.sub(body or "", 1, 300)
              end
            end
            if pause > 0 then
              function delay() return pause end
            end
            function done(summary, latency, requests)
              local e = summary.errors
              for _, thread in ipairs(threads) do
                local first = thread:get("bad")
                if first then io.write("first error answer: " .. first .. "\n") break end
              end
              io.write(string.format('errors: connect %d, read %d, write %d, status %d, timeout %d\n', e.connect, e.read, e.write, e.status, e.timeout))
              io.write(string.format('ENLACE {"requests":%d,"seconds":%.6f,"p50":%.3f,"p95":%.3f,"p99":%.3f,"errors":%d}\n',
                summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
                latency:percentile(99) / 1000, e.connect + e.read + e.write + e.status + e.timeout))
            end
            """);
        return lua.ToString();
    }

    private async Task<(string Id, string TaskId)> OpenAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases")
        {
            Content = JsonContent.Create(new { workflowId = "trafficking-case", title = "Caso de medición HTTP", summary = "Caso creado por el banco de pruebas", leadCountry = "PE" }),
        };
        request.Headers.Authorization = new("Bearer", _coordinator);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return response.IsSuccessStatusCode
            ? (body.GetProperty("id").GetString()!, body.GetProperty("tasks")[0].GetProperty("id").GetString()!)
            : throw new InvalidOperationException($"open: {(int)response.StatusCode} {body}");
    }

}
