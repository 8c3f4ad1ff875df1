using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Tests.Infrastructure;
using Npgsql;

namespace Enlace.Tests.Gateway;

/// <summary>Dashboards, CSV exports and the audit trail's verification, through HTTP.</summary>
[Collection(GatewayCollection.Name)]
public sealed class DashboardAndExportTests(GatewayFixture fixture)
{
    [Fact]
    public async Task TheManagersFiguresMoveWithTheWorkOfTheirCountry()
    {
        var manager = await fixture.ClientFor(Callers.Manager());
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var before = await (await manager.GetAsync("/api/v1/dashboard/summary")).ReadJsonAsync();
        var agenciesBefore = await (await manager.GetAsync("/api/v1/dashboard/agencies")).ReadJsonAsync();

        var id = await OpenCaseAsync(coordinator, "Cifras del tablero");
        var task = await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/tasks", new { title = "Evaluar albergue", agency = "PE-MIMP", dueAt = DateTime.UtcNow.AddDays(1), priority = "high" });
        Assert.Equal(HttpStatusCode.Created, task.StatusCode);
        await ExpireAsync(id, (await task.ReadJsonAsync()).GetProperty("id").GetString()!);

        var after = await (await manager.GetAsync("/api/v1/dashboard/summary")).ReadJsonAsync();
        var agenciesAfter = await (await manager.GetAsync("/api/v1/dashboard/agencies")).ReadJsonAsync();
        Assert.Equal(Total(before) + 1, Total(after));
        Assert.Equal(Count(before, "report") + 1, Count(after, "report"));
        Assert.Equal(Tasks(before, "open") + 3, Tasks(after, "open"));
        Assert.Equal(Tasks(before, "overdue") + 1, Tasks(after, "overdue"));
        Assert.Equal(Agency(agenciesBefore, "PE-MIMP", "open") + 1, Agency(agenciesAfter, "PE-MIMP", "open"));
        Assert.Equal(Agency(agenciesBefore, "PE-MIMP", "overdue") + 1, Agency(agenciesAfter, "PE-MIMP", "overdue"));
        Assert.Equal(["PE"], after.GetProperty("countries").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task DashboardsAreForThoseWhoMonitorAndOnlyForTheirCountries()
    {
        var manager = await fixture.ClientFor(Callers.Manager());
        var agent = await fixture.ClientFor(Callers.Agent("PE-MIMP"));

        var otherCountry = await manager.GetAsync("/api/v1/dashboard/summary?country=BO");
        var malformed = await manager.GetAsync("/api/v1/dashboard/agencies?country=pe");
        var byAgent = await agent.GetAsync("/api/v1/dashboard/summary");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden), (otherCountry.StatusCode, malformed.StatusCode, byAgent.StatusCode));
        Assert.Contains("not BO", (await otherCountry.ReadJsonAsync()).GetProperty("detail").GetString());
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ListsAndDashboardsComeAsCsvWhenAsked()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var id = await OpenCaseAsync(coordinator, "=HIPERVINCULO(\"x\") caso exportado, con coma");
        var reference = (await (await coordinator.GetAsync($"/api/v1/cases/{id}")).ReadJsonAsync()).GetProperty("reference").GetString()!;

        var cases = await GetCsvAsync(coordinator, $"/api/v1/cases?q={reference}");
        var agencies = await GetCsvAsync(coordinator, "/api/v1/dashboard/agencies");
        var summary = await GetCsvAsync(coordinator, "/api/v1/dashboard/summary");
        var history = await GetCsvAsync(coordinator, $"/api/v1/cases/{id}/history");

        Assert.StartsWith("id,reference,workflowId,workflowVersion,title,state,", cases.Lines[0]);
        Assert.Equal(2, cases.Lines.Length);
        Assert.Contains($"{id},{reference},trafficking-case,2,\"'=HIPERVINCULO(\"\"x\"\") caso exportado, con coma\",report,", cases.Lines[1]);
        Assert.Equal("1", cases.Total);

        // A Spanish-locale spreadsheet splits on ';': what follows one is guarded too, and the cell stays whole.
        var split = await OpenCaseAsync(coordinator, "Traslado a Puno; =HYPERLINK(\"x\");@SUM(1)");
        var splitReference = (await (await coordinator.GetAsync($"/api/v1/cases/{split}")).ReadJsonAsync()).GetProperty("reference").GetString()!;
        var splitCsv = await GetCsvAsync(coordinator, $"/api/v1/cases?q={splitReference}");
        Assert.Contains(",\"Traslado a Puno; '=HYPERLINK(\"\"x\"\");'@SUM(1)\",", splitCsv.Lines[1]);
        Assert.StartsWith("agency,name,country,open,declined,overdue,escalated,completedLast30Days,completed,medianHoursToComplete", agencies.Lines[0]);
        Assert.Contains(agencies.Lines, l => l.StartsWith("PE-PNP-DIRCTPTIM,", StringComparison.Ordinal));
        Assert.Equal("section,key,subKey,value", summary.Lines[0]);
        Assert.Contains(summary.Lines, l => l.StartsWith("casesByState,trafficking-case,report,", StringComparison.Ordinal));
        Assert.Equal(4, history.Lines.Length);
        Assert.StartsWith("1,", history.Lines[1]);

        // JSON stays the default, and wins when preferred.
        var json = new HttpRequestMessage(HttpMethod.Get, "/api/v1/dashboard/summary");
        json.Headers.Accept.ParseAdd("application/json, text/csv;q=0.5");
        Assert.Equal("application/json", (await coordinator.SendAsync(json)).Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnAuditRowEditedInTheDatabaseBreaksTheChainAtItsSequenceNumber()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var police = await fixture.ClientFor(Callers.Agent("PE-PNP-DIRCTPTIM"));
        var edited = await OpenCaseAsync(coordinator, "Cadena alterada");
        var truncated = await OpenCaseAsync(coordinator, "Cadena recortada");
        foreach (var id in new[] { edited, truncated })
        {
            Assert.Equal(HttpStatusCode.OK, (await police.PostAsJsonAsync($"/api/v1/cases/{id}/tasks/t1/transitions", new { trigger = "accept" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/notes", new { text = "Seguimiento" })).StatusCode);
        }

        var intact = await (await coordinator.GetAsync($"/api/v1/cases/{edited}/history/verify")).ReadJsonAsync();
        Assert.Equal((true, 5), (intact.GetProperty("valid").GetBoolean(), intact.GetProperty("events").GetInt32()));

        await using var database = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using (var edit = database.CreateCommand("UPDATE rm_audit_events SET note = 'Nunca se recibió' WHERE case_id = @id AND seq = 3"))
        {
            edit.Parameters.AddWithValue("id", edited);
            Assert.Equal(1, await edit.ExecuteNonQueryAsync());
        }

        await using (var cut = database.CreateCommand("DELETE FROM rm_audit_events WHERE case_id = @id AND seq = 4"))
        {
            cut.Parameters.AddWithValue("id", truncated);
            Assert.Equal(1, await cut.ExecuteNonQueryAsync());
        }

        var broken = await (await coordinator.GetAsync($"/api/v1/cases/{edited}/history/verify")).ReadJsonAsync();
        var shortened = await (await coordinator.GetAsync($"/api/v1/cases/{truncated}/history/verify")).ReadJsonAsync();
        Assert.Equal((false, 3), (broken.GetProperty("valid").GetBoolean(), broken.GetProperty("firstBrokenSeq").GetInt64()));
        Assert.Equal((false, 4), (shortened.GetProperty("valid").GetBoolean(), shortened.GetProperty("firstBrokenSeq").GetInt64()));
    }

    [Fact]
    public async Task ReadinessReportsTheReadModelLag()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement check;
        do
        {
            var ready = await (await fixture.Anonymous().GetAsync("/health/ready")).ReadJsonAsync();
            check = ready.GetProperty("checks").GetProperty("read-model");
            if (check.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
            {
                Assert.Equal("Healthy", check.GetProperty("status").GetString());
                Assert.True(data.GetProperty("pendingCases").GetInt32() >= 0);
                Assert.Contains("awaiting projection", check.GetProperty("description").GetString());
                return;
            }

            await Task.Delay(500);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"no projection sweep reported within 30 s: {check}");
    }

    // Time passes: the task's due date is now behind it (overdue is computed when asked).
    private async Task ExpireAsync(string caseId, string taskId)
    {
        await using var database = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var late = database.CreateCommand("UPDATE rm_tasks SET due_at = now() - interval '1 day' WHERE case_id = @case AND task_id = @task");
        late.Parameters.AddWithValue("case", caseId);
        late.Parameters.AddWithValue("task", taskId);
        Assert.Equal(1, await late.ExecuteNonQueryAsync());
    }

    private static async Task<string> OpenCaseAsync(HttpClient coordinator, string title)
    {
        var created = await coordinator.PostAsJsonAsync("/api/v1/cases", new
        {
            workflowId = "trafficking-case",
            title,
            summary = "Resumen",
            leadCountry = "PE",
            partnerCountries = Array.Empty<string>(),
            victims = Array.Empty<object>(),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    private static async Task<(string[] Lines, string? Total)> GetCsvAsync(HttpClient http, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var total = response.Headers.TryGetValues("X-Total-Count", out var values) ? values.Single() : null;
        return ((await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries), total);
    }

    private static long Total(JsonElement summary) => summary.GetProperty("totalCases").GetInt64();

    private static long Count(JsonElement summary, string state) => summary.GetProperty("casesByState").EnumerateArray()
        .Where(s => s.GetProperty("workflowId").GetString() == "trafficking-case" && s.GetProperty("state").GetString() == state)
        .Sum(s => s.GetProperty("count").GetInt64());

    private static long Tasks(JsonElement summary, string figure) => summary.GetProperty("tasks").GetProperty(figure).GetInt64();

    private static long Agency(JsonElement dashboard, string agency, string figure) => dashboard.GetProperty("agencies").EnumerateArray()
        .Where(a => a.GetProperty("agency").GetString() == agency).Sum(a => a.GetProperty(figure).GetInt64());
}
