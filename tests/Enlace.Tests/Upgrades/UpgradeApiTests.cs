using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Upgrades;

/// <summary>
/// <c>POST /api/v1/workflows/{id}/upgrades</c> through real HTTP on a real silo and PostgreSQL:
/// the dry run changes nothing, the run moves the running v1 cases with the mapping, a repeat
/// changes nothing, the chains verify; only administrators; bad input is a 400 problem.
/// </summary>
[Collection(UpgradeCollection.Name)]
public sealed class UpgradeApiTests(UpgradeFixture fixture)
{
    private const string Path = $"/api/v1/workflows/{UpgradeFixture.Api}/upgrades";

    [Fact]
    public async Task ADryRunReportsEveryRunningCaseAndChangesNothingThenTheRunMovesThemOnceAndTheirChainsVerify()
    {
        var admin = await fixture.ClientFor(Callers.Admin());
        var reader = await fixture.ClientFor(Callers.Coordinator()); // administrators see no case content
        var cases = fixture.Cases[UpgradeFixture.Api];
        var before = await SnapshotAsync(reader, cases.Running);

        // Without a mapping the case in 'review' (gone from v2) needs one; the closed case is not running.
        var plain = await PostAsync(admin, new { fromVersion = 1, toVersion = 2, dryRun = true });
        Assert.Equal(
            [(cases.InReport, "report", "report", "can-move"), (cases.InReview, "review", null, "needs-mapping")],
            Items(plain).OrderBy(i => i.From).Select(i => (i.CaseId, i.From, i.To, i.Outcome)));
        Assert.Contains("map it to one of report, assessment", Items(plain).Single(i => i.Outcome == "needs-mapping").Reason, StringComparison.Ordinal);
        Assert.Equal((0, 1, 1, 0), Counts(plain));

        var mapped = await PostAsync(admin, new { fromVersion = 1, toVersion = 2, dryRun = true, stateMap = new Dictionary<string, string> { ["review"] = "assessment" } });
        Assert.Equal((0, 2, 0, 0), Counts(mapped));
        Assert.Equal(before, await SnapshotAsync(reader, cases.Running));

        // The run, with an Idempotency-Key: a retry answers the first response and changes nothing.
        var body = new { fromVersion = 1, toVersion = 2, dryRun = false, stateMap = new Dictionary<string, string> { ["review"] = "assessment" } };
        var run = await PostAsync(admin, body, "upgrade-drill-api-1");
        Assert.Equal(
            [(cases.InReview, "review", "assessment", "moved"), (cases.InReport, "report", "report", "moved")],
            Items(run).OrderBy(i => i.To).Select(i => (i.CaseId, i.From, i.To, i.Outcome)));
        Assert.Equal((2, 0, 0, 0), Counts(run));
        Assert.Equal(run.GetRawText(), (await PostAsync(admin, body, "upgrade-drill-api-1")).GetRawText());

        foreach (var (id, state) in new[] { (cases.InReport, "report"), (cases.InReview, "assessment") })
        {
            var view = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}");
            Assert.Equal((2, state), (view.GetProperty("workflowVersion").GetInt32(), view.GetProperty("state").GetString()));
            var history = (await reader.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}/history")).GetProperty("items").EnumerateArray().ToList();
            var upgraded = Assert.Single(history, e => e.GetProperty("kind").GetString() == "definition-upgraded");
            Assert.Equal(state, upgraded.GetProperty("to").GetString());
            var verify = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}/history/verify");
            Assert.True(verify.GetProperty("valid").GetBoolean(), $"chain of {id}: {verify}");
        }

        // Entering 'assessment' anew created its task; staying in 'report' created nothing.
        var assessed = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{cases.InReview}");
        Assert.Contains(assessed.GetProperty("tasks").EnumerateArray(), t => t.GetProperty("title").GetString() == "Evaluar el caso con la fiscalía");
        Assert.Empty((await reader.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{cases.InReport}")).GetProperty("tasks").EnumerateArray());

        // A second run finds no v1 case left; naming the cases reports them moved; nothing changes either way.
        var after = await SnapshotAsync(reader, cases.Running);
        var again = await PostAsync(admin, body);
        Assert.Equal((0, 0, 0, 0, 0), (Counts(again).Item1, Counts(again).Item2, Counts(again).Item3, Counts(again).Item4, Items(again).Count));
        var named = await PostAsync(admin, new { fromVersion = 1, toVersion = 2, dryRun = false, caseIds = cases.Running.Append(cases.Closed).ToArray() });
        Assert.Equal(
            [(cases.Closed, "refused", "closed"), (cases.InReport, "moved", null), (cases.InReview, "moved", null)],
            Items(named).OrderBy(i => i.Outcome == "refused" ? 0 : i.To == "report" ? 1 : 2).Select(i => (i.CaseId, i.Outcome, i.ReasonCode)));
        Assert.Equal(after, await SnapshotAsync(reader, cases.Running));
    }

    [Fact]
    public async Task OnlyAdministratorsUpgradeCases()
    {
        var body = new { fromVersion = 1, toVersion = 2, dryRun = true };
        foreach (var caller in new[] { Callers.Coordinator(), Callers.Manager(), Callers.Agent("PE-PNP-DIRCTPTIM") })
        {
            var http = await fixture.ClientFor(caller);
            using var response = await http.PostAsJsonAsync($"/api/v1/workflows/{UpgradeFixture.Bad}/upgrades", body);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using var anonymous = await fixture.Anonymous().PostAsJsonAsync($"/api/v1/workflows/{UpgradeFixture.Bad}/upgrades", body);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory]
    [InlineData("no-such-workflow", """{"fromVersion":1,"toVersion":2,"dryRun":false}""", "workflowId", "is not a case workflow")]
    [InlineData(UpgradeFixture.Bad, """{"fromVersion":1,"toVersion":7,"dryRun":false}""", "toVersion", "has no version 7; loaded versions: 1, 2")]
    [InlineData(UpgradeFixture.Bad, """{"fromVersion":5,"toVersion":2,"dryRun":false}""", "fromVersion", "has no version 5")]
    [InlineData(UpgradeFixture.Bad, """{"fromVersion":2,"toVersion":1,"dryRun":false}""", "toVersion", "must be above fromVersion (2)")]
    [InlineData(UpgradeFixture.Bad, """{"fromVersion":1,"toVersion":1,"dryRun":false}""", "toVersion", "must be above fromVersion (1)")]
    [InlineData(UpgradeFixture.Bad, """{"fromVersion":1,"toVersion":2,"dryRun":false,"stateMap":{"revew":"assessment"}}""", "stateMap.revew", "'revew' is not a state of version 1")]
    [InlineData(UpgradeFixture.Bad, """{"fromVersion":1,"toVersion":2,"dryRun":false,"stateMap":{"review":"asessment"}}""", "stateMap.review", "'asessment' is not a state of version 2")]
    [InlineData(UpgradeFixture.Bad, """{"fromVersion":1,"toVersion":2,"dryRun":false,"stateMap":{"review":"closed"}}""", "stateMap.review", "map it to a running state")]
    [InlineData(UpgradeFixture.Bad, """{"fromVersion":1,"toVersion":2}""", "dryRun", "is required")]
    [InlineData(UpgradeFixture.Bad, """{"fromVersion":1,"toVersion":2,"dryRun":false,"caseIds":["12345"]}""", "caseIds[0]", "is not a case id")]
    public async Task BadInputIsAProblemThatSaysWhatToFixAndChangesNothing(string workflow, string json, string field, string message)
    {
        var admin = await fixture.ClientFor(Callers.Admin());
        var reader = await fixture.ClientFor(Callers.Coordinator());
        var cases = fixture.Cases[UpgradeFixture.Bad];
        var before = await SnapshotAsync(reader, cases.Running);

        using var response = await admin.PostAsync($"/api/v1/workflows/{workflow}/upgrades", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains(messages, m => m!.Contains(message, StringComparison.Ordinal));
        Assert.Equal(before, await SnapshotAsync(reader, cases.Running));
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {Path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    // What must not change: the stored grain state row and the audit trail, byte for byte.
    private async Task<List<string>> SnapshotAsync(HttpClient http, IEnumerable<string> caseIds)
    {
        var snapshot = new List<string>();
        foreach (var id in caseIds)
        {
            snapshot.Add(Convert.ToBase64String(await fixture.StoredStateAsync(id)));
            snapshot.Add(await http.GetStringAsync($"/api/v1/cases/{id}/history"));
        }

        return snapshot;
    }

    private static List<Item> Items(JsonElement answer) =>
        [.. answer.GetProperty("items").EnumerateArray().Select(i => new Item(
            i.GetProperty("caseId").GetString()!, i.GetProperty("fromState").GetString(), Text(i, "toState"), i.GetProperty("outcome").GetString()!,
            Text(i, "reason"), Text(i, "reasonCode")))];

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static (int, int, int, int) Counts(JsonElement answer) =>
        (answer.GetProperty("moved").GetInt32(), answer.GetProperty("canMove").GetInt32(), answer.GetProperty("needsMapping").GetInt32(), answer.GetProperty("refused").GetInt32());

    private sealed record Item(string CaseId, string? From, string? To, string Outcome, string? Reason, string? ReasonCode);
}
