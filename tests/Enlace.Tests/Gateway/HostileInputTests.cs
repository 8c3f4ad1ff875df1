using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Enlace.Tests.Infrastructure;
using Npgsql;

namespace Enlace.Tests.Gateway;

/// <summary>
/// Hundreds of malformed requests: wrong types, missing and extra fields, huge strings
/// and arrays, control characters and mixed scripts, unknown triggers and enum values,
/// invalid and foreign ids, injection strings. None may answer 5xx, each answers a
/// problem body, and nothing stored changes.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class HostileInputTests(GatewayFixture fixture)
{
    private static readonly string[] Strings =
    [
        "", " ", "\0", "\u0001\u0002\u0007", "\t\n\r", new string('x', 5000), "' OR 1=1 --", "\"; DROP TABLE orleans_grain_state; --",
        "<script>alert(1)</script>", "../../etc/passwd", "%00", "${jndi:ldap://x}", "{{7*7}}", "\ud800", "Ωмир漢字ᚠ𝔘", "‮gnp.exe",
        "null", "true", "-1", "1e309", "NaN", "c" + new string('0', 32), "PE-2026-000001",
    ];

    private static readonly object?[] WrongValues = [42, -1, 1.5, true, false, new object(), Array.Empty<object>(), new[] { 1, 2 }, null];

    [Fact]
    public async Task MalformedRequestsAreProblemsAndChangeNothing()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var police = await fixture.ClientFor(Callers.Agent("PE-PNP-DIRCTPTIM"));
        var created = await coordinator.PostAsJsonAsync("/api/v1/cases", new
        {
            workflowId = "trafficking-case",
            title = "Objetivo de entradas hostiles",
            summary = "Resumen",
            leadCountry = "PE",
            partnerCountries = new[] { "BO" },
            victims = Array.Empty<object>(),
        });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var before = await SnapshotAsync(coordinator, id);

        var requests = Requests(id).ToList();
        Assert.True(requests.Count >= 300, $"only {requests.Count} hostile requests");
        foreach (var (client, method, path, body) in requests.Select(r => (r.AsPolice ? police : coordinator, r.Method, r.Path, r.Body)))
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var label = $"{method} {path} {Shorten(body)}";
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{label}: {(int)response.StatusCode} {Shorten(text)}");
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{label}: {response.Content.Headers.ContentType} {Shorten(text)}");
            using var problem = JsonDocument.Parse(text);
            Assert.Equal((int)response.StatusCode, problem.RootElement.GetProperty("status").GetInt32());
        }

        Assert.Equal(before, await SnapshotAsync(coordinator, id));
    }

    private static IEnumerable<(bool AsPolice, string Method, string Path, string? Body)> Requests(string id)
    {
        var valid = new Dictionary<string, object?>
        {
            ["workflowId"] = "trafficking-case",
            ["title"] = "t",
            ["summary"] = "s",
            ["leadCountry"] = "PE",
            ["partnerCountries"] = new[] { "BO" },
            ["victims"] = Array.Empty<object>(),
        };

        // Case creation: every field replaced by a wrong type or a hostile string, always with a bad
        // workflow id so that no variant can create a case.
        foreach (var field in valid.Keys.Where(k => k != "workflowId"))
        {
            foreach (var value in WrongValues.Concat(Strings))
            {
                var body = new Dictionary<string, object?>(valid) { [field] = value, ["workflowId"] = "no-such-workflow" };
                yield return (false, "POST", "/api/v1/cases", JsonSerializer.Serialize(body));
            }
        }

        yield return (false, "POST", "/api/v1/cases", "{}");
        yield return (false, "POST", "/api/v1/cases", "[]");
        yield return (false, "POST", "/api/v1/cases", "null");
        yield return (false, "POST", "/api/v1/cases", "{\"title\":");
        yield return (false, "POST", "/api/v1/cases", JsonSerializer.Serialize(new { workflowId = "x", partnerCountries = Enumerable.Repeat("BO", 20_000) }));
        yield return (false, "POST", "/api/v1/cases", JsonSerializer.Serialize(new { workflowId = "trafficking-case", title = "t", summary = "s", leadCountry = "PE", victims = new[] { new { identificationStatus = "María Pérez", ageGroup = "old", sex = "x", citizenship = "peru", exploitation = new[] { "unknown" } } } }));

        // Triggers: unknown names, wrong types, missing resolution.
        foreach (var trigger in Strings.Cast<object?>().Concat(WrongValues))
        {
            yield return (false, "POST", $"/api/v1/cases/{id}/transitions", JsonSerializer.Serialize(new { trigger }));
            yield return (true, "POST", $"/api/v1/cases/{id}/tasks/t1/transitions", JsonSerializer.Serialize(new { trigger }));
        }

        yield return (false, "POST", $"/api/v1/cases/{id}/transitions", JsonSerializer.Serialize(new { trigger = "archive", note = "x" }));
        yield return (false, "POST", $"/api/v1/cases/{id}/transitions", JsonSerializer.Serialize(new { trigger = "archive", note = "x", resolution = "whatever" }));
        yield return (true, "POST", $"/api/v1/cases/{id}/tasks/t1/transitions", JsonSerializer.Serialize(new { trigger = "decline" }));
        yield return (true, "POST", $"/api/v1/cases/{id}/tasks/t1/transitions", JsonSerializer.Serialize(new { trigger = "accept", agency = "PE-MIMP" }));

        // Tasks: bad agencies, dates, priorities and kinds.
        foreach (var agency in Strings.Append("BO-NOPE").Append("AR-POLICIA"))
        {
            yield return (false, "POST", $"/api/v1/cases/{id}/tasks", JsonSerializer.Serialize(new { title = "t", agency, dueAt = "2099-01-01T00:00:00Z" }));
        }

        foreach (var dueAt in new object?[] { null, "yesterday", "2001-01-01T00:00:00Z", 42, "", "9999-99-99" })
        {
            yield return (false, "POST", $"/api/v1/cases/{id}/tasks", JsonSerializer.Serialize(new { title = "t", agency = "PE-MIMP", dueAt }));
        }

        foreach (var priority in new[] { "critical", "URGENT", "", "0" })
        {
            yield return (false, "POST", $"/api/v1/cases/{id}/tasks", JsonSerializer.Serialize(new { title = "t", agency = "PE-MIMP", dueAt = "2099-01-01T00:00:00Z", priority }));
            yield return (false, "POST", $"/api/v1/cases/{id}/tasks", JsonSerializer.Serialize(new { title = "t", agency = "PE-MIMP", dueAt = "2099-01-01T00:00:00Z", kind = priority }));
        }

        // Notes with nothing to say or the wrong shape.
        foreach (var text in new object?[] { null, "", "   ", "\u0000", 5, new[] { "a" }, new string('n', 4001) })
        {
            yield return (false, "POST", $"/api/v1/cases/{id}/notes", JsonSerializer.Serialize(new { text }));
        }

        // Ids: malformed, foreign, and unknown tasks.
        foreach (var badId in new[] { "123456", "c" + new string('f', 32), "../etc", "%2e%2e", "C" + new string('0', 32), new string('c', 300), "'%20OR%201=1", "null" })
        {
            yield return (false, "GET", $"/api/v1/cases/{badId}", null);
            yield return (false, "GET", $"/api/v1/cases/{badId}/history", null);
            yield return (false, "POST", $"/api/v1/cases/{badId}/transitions", JsonSerializer.Serialize(new { trigger = "assess" }));
        }

        foreach (var task in new[] { "t0", "t999", "x", "t1%20", "T1" })
        {
            yield return (true, "POST", $"/api/v1/cases/{id}/tasks/{task}/transitions", JsonSerializer.Serialize(new { trigger = "accept" }));
        }

        foreach (var query in new[] { "page=0", "page=-1", "pageSize=0", "pageSize=501", "page=abc", "pageSize=1e9" })
        {
            yield return (false, "GET", $"/api/v1/cases/{id}/history?{query}", null);
        }

        foreach (var query in new[] { "page=abc", "overdue=maybe", "pageSize=0", "q=" + new string('q', 300), "state=" + new string('s', 200) })
        {
            yield return (false, "GET", $"/api/v1/cases?{query}", null);
            if (!query.StartsWith("q=", StringComparison.Ordinal))
            {
                yield return (true, "GET", $"/api/v1/inbox?{query}", null);
            }
        }

        foreach (var body in new[] { "{}", "{\"sub\":5}", "{\"roles\":\"admin\"}", "[1]" })
        {
            yield return (false, "POST", "/api/v1/auth/dev-token", body);
        }
    }

    [Fact]
    public async Task MalformedRoadmapAndMonitoringRequestsAreProblemsAndChangeNothing()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var police = await fixture.ClientFor(Callers.Agent("PE-PNP-DIRCTPTIM"));
        var roadmap = $"hr-hostil-{Guid.NewGuid():N}"[..24];
        var created = await coordinator.PostAsJsonAsync("/api/v1/roadmaps", new
        {
            id = roadmap,
            title = "Objetivo",
            countries = new[] { "PE" },
            periodStart = "2025-01-01",
            periodEnd = "2026-12-31",
            areas = new[] { new { code = "prevencion", title = "Prevención" } },
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var action = await coordinator.PostAsJsonAsync($"/api/v1/roadmaps/{roadmap}/actions", new
        {
            title = "Acción",
            area = "prevencion",
            responsibleAgencies = new[] { "PE-PNP-DIRCTPTIM" },
            startDate = "2025-01-01",
            dueDate = "2099-01-01",
            indicators = new[] { new { name = "n", unit = "u", baseline = 0, target = 1 } },
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, action.StatusCode);
        var before = await RoadmapSnapshotAsync();

        var requests = new List<(bool AsPolice, string Method, string Path, string? Body)>();
        foreach (var text in Strings)
        {
            // Never a configured country: no variant can create a roadmap.
            requests.Add((false, "POST", "/api/v1/roadmaps", JsonSerializer.Serialize(new { title = text, countries = new[] { "XX" }, periodStart = "2025-01-01", periodEnd = "2026-01-01", areas = new[] { new { code = text, title = text } } })));
            requests.Add((false, "POST", $"/api/v1/roadmaps/{roadmap}/actions", JsonSerializer.Serialize(new { title = text, area = "no-such-area", responsibleAgencies = new[] { text }, startDate = "2025-01-01", dueDate = "2026-01-01" })));
            requests.Add((true, "POST", $"/api/v1/roadmaps/{roadmap}/actions/a1/reports", JsonSerializer.Serialize(new { indicatorValues = new Dictionary<string, decimal> { [text.Length == 0 ? "x" : text] = 1 }, percentComplete = 50, note = text })));
            requests.Add((true, "POST", $"/api/v1/roadmaps/{roadmap}/actions/a1/transitions", JsonSerializer.Serialize(new { trigger = text })));
            if (text.Length > 0 && !text.Any(char.IsControl))
            {
                // (An empty id or filter is another route, or no filter; the test host cannot send control characters in a path.)
                requests.Add((false, "GET", $"/api/v1/roadmaps/{Uri.EscapeDataString(text)}", null));
                requests.Add((false, "GET", $"/api/v1/dashboard/summary?country={Uri.EscapeDataString(text)}", null));
                requests.Add((false, "GET", $"/api/v1/queue?country={Uri.EscapeDataString(text)}", null));
                requests.Add((false, "GET", $"/api/v1/statistics/victims?country={Uri.EscapeDataString(text)}", null));
                requests.Add((false, "GET", $"/api/v1/statistics/victims?year={Uri.EscapeDataString(text)}", null));
                if (!string.IsNullOrWhiteSpace(text))
                {
                    // (An empty or blank ?by= is the default grouping.)
                    requests.Add((false, "GET", $"/api/v1/statistics/victims?by={Uri.EscapeDataString(text)}", null));
                }
                requests.Add((false, "POST", $"/api/v1/notifications/{Uri.EscapeDataString(text)}/read", null));
            }
        }

        foreach (var wrong in WrongValues)
        {
            if (wrong is not (42 or 1.5))
            {
                // (42 is a fine value and percent; 1.5 a fine value.)
                requests.Add((true, "POST", $"/api/v1/roadmaps/{roadmap}/actions/a1/reports", JsonSerializer.Serialize(new { indicatorValues = new { n = wrong }, percentComplete = wrong, note = "n" })));
            }
            requests.Add((false, "POST", "/api/v1/roadmaps", JsonSerializer.Serialize(new { title = wrong, countries = wrong, periodStart = wrong, areas = wrong })));
            requests.Add((false, "POST", $"/api/v1/roadmaps/{roadmap}/actions", JsonSerializer.Serialize(new { title = "t", area = "prevencion", responsibleAgencies = wrong, startDate = wrong, dueDate = "2026-01-01" })));
        }

        requests.Add((true, "POST", $"/api/v1/roadmaps/{roadmap}/actions/a1/reports", JsonSerializer.Serialize(new { percentComplete = 101, note = "n" })));
        requests.Add((true, "POST", $"/api/v1/roadmaps/{roadmap}/actions/a1/reports", JsonSerializer.Serialize(new { note = "n" })));
        requests.Add((false, "POST", $"/api/v1/roadmaps/{roadmap}/actions", JsonSerializer.Serialize(new { title = "t", area = "prevencion", responsibleAgencies = new[] { "BO-FELCC-DTTP" }, startDate = "2026-01-01", dueDate = "2025-01-01" })));
        foreach (var query in new[] { "by=SEX", "by=sex,,ageBroad", "by=sex;ageBroad", "by=caseId", "by=victimCode", "year=0999", "year=20260", "year=2026.0", "year=%202026", "country=XX&by=nope" })
        {
            requests.Add((false, "GET", $"/api/v1/statistics/victims?{query}", null));
        }

        requests.Add((true, "GET", "/api/v1/statistics/victims", null));
        foreach (var actionId in new[] { "a0", "a999", "b1", "a1a", "A1", "../a1" })
        {
            requests.Add((true, "GET", $"/api/v1/roadmaps/{roadmap}/actions/{actionId}", null));
        }

        foreach (var (asPolice, method, path, body) in requests)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            var response = await (asPolice ? police : coordinator).SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var label = $"{method} {path} {Shorten(body)}";
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{label}: {(int)response.StatusCode} {Shorten(text)}");
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{label}: {response.Content.Headers.ContentType} {Shorten(text)}");
        }

        Assert.Equal(before, await RoadmapSnapshotAsync());
    }

    private async Task<string> RoadmapSnapshotAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("""
            SELECT string_agg(state_name || ':' || grain_id_string || ':' || version, ',' ORDER BY state_name, grain_id_string)
            FROM orleans_grain_state WHERE state_name IN ('roadmap', 'roadmap-action')
            """, connection);
        return $"{await count.ExecuteScalarAsync()}";
    }

    private async Task<string> SnapshotAsync(HttpClient coordinator, string id)
    {
        var view = await coordinator.GetStringAsync($"/api/v1/cases/{id}");
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM orleans_grain_state WHERE state_name = 'case'", connection);
        return $"{await count.ExecuteScalarAsync()} {view}";
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length > 160 ? text[..160] + "…" : text;
}
