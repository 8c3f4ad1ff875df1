using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Tests.Infrastructure;
using Enlace.Tests.Victims;
using OpenTelemetry.Metrics;

namespace Enlace.Tests.Operations;

/// <summary>Traces and metrics as an operator's collector receives them (issue 20).</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests(TelemetryFixture fixture)
{
    [Fact]
    public async Task ATaskCommandIsOneTraceFromTheHttpRequestThroughTheGrainCallToEachSqlStatement()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var police = await fixture.ClientFor(Callers.Agent("PE-PNP-DIRCTPTIM"));
        var id = await VictimsApiTests.OpenCaseAsync(coordinator);
        var task = await JsonOf(await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/tasks", new
        {
            title = "Informe policial",
            agency = "PE-PNP-DIRCTPTIM",
            dueAt = DateTimeOffset.UtcNow.AddDays(5),
            priority = "high",
        }));
        var taskId = task.GetProperty("id").GetString();

        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/tasks/{taskId}/transitions")
        {
            Content = JsonContent.Create(new { trigger = "accept" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var accepted = await police.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        fixture.FlushSpans();

        var spans = await SpansOfAsync(traceId, s => s.Source.Name == "Npgsql" && s.Kind == ActivityKind.Client && IsStateWrite(s));
        var http = Assert.Single(spans, s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server);
        Assert.Equal("/api/v1/cases/{id}/tasks/{taskId}/transitions", http.GetTagItem("http.route"));
        var grainCall = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.DisplayName.Contains("FireTask", StringComparison.Ordinal));
        var sql = spans.Where(s => s.Source.Name == "Npgsql").ToList();
        Assert.Contains(sql, IsStateWrite);
        Assert.Contains(sql, s => Statement(s).Contains("rm_tasks", StringComparison.Ordinal));

        // One tree: the grain call under the request, every statement of the grain under the grain call.
        var byId = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        Assert.True(IsUnder(grainCall, http, byId), $"the grain call {grainCall.DisplayName} hangs under the HTTP request");
        Assert.All(sql.Where(s => IsUnder(s, grainCall, byId) || IsStateWrite(s)), s => Assert.True(IsUnder(s, grainCall, byId), $"{Statement(s)} is under the grain call"));
        Assert.All(spans, s => Assert.True(s.ParentSpanId == default || byId.ContainsKey(s.ParentSpanId) || s == http, $"{s.Source.Name} {s.DisplayName} has its parent in the trace"));
    }

    [Fact]
    public async Task AProblemNamesTheTraceOfItsRequest()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var id = await VictimsApiTests.OpenCaseAsync(coordinator);
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/transitions") { Content = JsonContent.Create(new { trigger = "no-such-trigger" }) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        var refused = await coordinator.SendAsync(request);

        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Contains(traceId.ToHexString(), (await JsonOf(refused)).GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task TheEnlaceMetricsCountCommandsByKindAndOutcomeAndIdentityReads()
    {
        fixture.FlushMetrics();
        var before = Metrics();
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var id = await VictimsApiTests.OpenCaseAsync(coordinator);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims", VictimsApiTests.Adult(identity: true))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/V-1/consents", new { purpose = "data-processing", given = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/transitions", new { trigger = "assess" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/v1/cases/{id}/victims/V-1/identity?reason=Coordinar%20albergue")).StatusCode);

        fixture.FlushMetrics();
        var after = Metrics();

        Assert.Equal(1, Count(after, "enlace.command.duration", ("enlace.command.name", "Open"), ("enlace.command.outcome", "created")) - Count(before, "enlace.command.duration", ("enlace.command.name", "Open"), ("enlace.command.outcome", "created")));
        Assert.Equal(1, Count(after, "enlace.command.duration", ("enlace.command.name", "Fire"), ("enlace.command.outcome", "not_permitted")) - Count(before, "enlace.command.duration", ("enlace.command.name", "Fire"), ("enlace.command.outcome", "not_permitted")));
        Assert.Equal(1, Count(after, "enlace.command.duration", ("enlace.command.name", "AddVictim"), ("enlace.grain.type", "case")) - Count(before, "enlace.command.duration", ("enlace.command.name", "AddVictim"), ("enlace.grain.type", "case")));
        var open = after.Single(m => m.Name == "enlace.command.duration").MetricPoints.First(p => Tag(p, "enlace.command.name") == "Open");
        Assert.InRange(open.GetHistogramSum() / open.GetHistogramCount(), 0.00001, 30);
        Assert.Equal("s", after.Single(m => m.Name == "enlace.command.duration").Unit);
        Assert.Equal(1, Sum(after, "enlace.identity.reads") - Sum(before, "enlace.identity.reads"));
        Assert.Empty(after.Single(m => m.Name == "enlace.identity.reads").MetricPoints.SelectMany(Tags));

        // The sweeper's gauges are there from the start.
        Assert.Contains(after, m => m.Name == "enlace.readmodel.pending_cases");
        Assert.Contains(after, m => m.Name == "enlace.readmodel.lag");
        Assert.Contains(after, m => m.Name == "enlace.referral.unacknowledged");
        Assert.Contains(after, m => m.MeterName == "Microsoft.Orleans");
        Assert.Contains(fixture.GatewayMetrics.Snapshot(), m => m.Name == "http.server.request.duration");
    }

    [Fact]
    public async Task AReferralLeftUnacknowledgedFiresItsReminderEscalatesAndIsCountedByTheReferralGauge()
    {
        fixture.FlushMetrics();
        var before = Metrics();
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var id = await VictimsApiTests.OpenCaseAsync(coordinator);
        var now = DateTimeOffset.UtcNow;
        var referral = await fixture.Grains.GetGrain<ICaseGrain>(id).CreateTask(new CommandContext(Callers.Coordinator()),
            new CreateTaskCommand("Acogida en albergue", null, "PE-MIMP", now.AddDays(10), "urgent", "referral", now.AddSeconds(2)));
        Assert.Equal(CaseOutcome.Created, referral.Outcome);

        // The reminder fires at the acknowledgement deadline; the sweeper (every second here) counts the referral.
        var deadline = DateTime.UtcNow.AddSeconds(45);
        List<MetricSnapshot> after;
        do
        {
            await Task.Delay(500);
            fixture.FlushMetrics();
            after = Metrics();
        }
        while ((Gauge(after, "enlace.referral.unacknowledged") < 1 || Sum(after, "enlace.task.escalated") == Sum(before, "enlace.task.escalated")) && DateTime.UtcNow < deadline);

        var task = (await JsonOf(await coordinator.GetAsync($"/api/v1/cases/{id}"))).GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetString() == referral.TaskId);
        Assert.True(task.GetProperty("escalated").GetBoolean(), "the referral is escalated");
        Assert.True(Sum(after, "enlace.reminder.fired", ("enlace.grain.type", "case")) > Sum(before, "enlace.reminder.fired", ("enlace.grain.type", "case")), "a case reminder fired");
        Assert.Equal(1, Sum(after, "enlace.task.escalated", ("enlace.deadline.kind", "acknowledgement")) - Sum(before, "enlace.task.escalated", ("enlace.deadline.kind", "acknowledgement")));
        Assert.Equal(Sum(before, "enlace.task.escalated", ("enlace.deadline.kind", "due_date")), Sum(after, "enlace.task.escalated", ("enlace.deadline.kind", "due_date")));
        Assert.InRange(Gauge(after, "enlace.referral.unacknowledged"), 1, 1_000);

        // Accepted, it leaves the gauge.
        var police = await fixture.ClientFor(Callers.Agent("PE-MIMP"));
        Assert.Equal(HttpStatusCode.OK, (await police.PostAsJsonAsync($"/api/v1/cases/{id}/tasks/{referral.TaskId}/transitions", new { trigger = "accept" })).StatusCode);
        var counted = Gauge(after, "enlace.referral.unacknowledged");
        deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await Task.Delay(500);
            fixture.FlushMetrics();
            after = Metrics();
        }
        while (Gauge(after, "enlace.referral.unacknowledged") >= counted && DateTime.UtcNow < deadline);

        Assert.Equal(counted - 1, Gauge(after, "enlace.referral.unacknowledged"));
    }

    [Fact]
    public async Task NoSpanOrMetricAttributeCarriesAnIdentityOrFreeText()
    {
        const string note = "Nota reservada: la víctima teme represalias de su tío";
        const string reason = "Coordinar traslado al albergue de Juliaca";
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var id = await VictimsApiTests.OpenCaseAsync(coordinator);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims", VictimsApiTests.Adult(identity: true))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/V-1/consents", new { purpose = "data-processing", given = true })).StatusCode);
        Assert.True((await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/notes", new { text = note })).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/v1/cases/{id}/victims/V-1/identity?reason={Uri.EscapeDataString(reason)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/v1/cases?q={Uri.EscapeDataString("Mamani Quispe")}")).StatusCode);
        fixture.FlushSpans();
        fixture.FlushMetrics();

        string[] secrets = ["Rosa Elena", "Mamani", "PE-44556677", "2001-03-09", "represalias", "albergue de Juliaca", "ofertas falsas de empleo", "línea 1818"];
        var attributes = fixture.Spans.Snapshot().SelectMany(s => s.TagObjects.Select(t => ($"span {s.Source.Name} {s.DisplayName} {t.Key}", t.Value))
                .Concat(s.Events.SelectMany(e => e.Tags.Select(t => ($"event {e.Name} {t.Key}", t.Value))))
                .Append(($"span name {s.Source.Name}", (object?)s.DisplayName))
                .Append(($"span status {s.DisplayName}", s.StatusDescription)))
            .Concat(fixture.SiloMetrics.Snapshot().Concat(fixture.GatewayMetrics.Snapshot())
                .SelectMany(m => m.MetricPoints.SelectMany(p => Tags(p).Select(t => ($"metric {m.Name} {t.Key}", t.Value)))))
            .ToList();

        Assert.True(attributes.Count > 100, $"the scan saw {attributes.Count} attributes");
        Assert.Contains(attributes, a => a.Item1.Contains("db.query.text", StringComparison.Ordinal) || a.Item1.Contains("db.statement", StringComparison.Ordinal));
        foreach (var (where, value) in attributes)
        {
            var text = Uri.UnescapeDataString(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
            Assert.False(secrets.Any(s => text.Contains(s, StringComparison.OrdinalIgnoreCase)), $"{where} carries personal data or free text: {text}");
        }
    }

    private static bool IsStateWrite(Activity span) => Statement(span).Contains("orleans_grain_state", StringComparison.OrdinalIgnoreCase) && !Statement(span).StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);

    private static string Statement(Activity span) => (span.GetTagItem("db.query.text") ?? span.GetTagItem("db.statement"))?.ToString() ?? span.DisplayName;

    private static bool IsUnder(Activity span, Activity ancestor, Dictionary<ActivitySpanId, Activity> byId)
    {
        for (var current = span; current is not null; current = byId.GetValueOrDefault(current.ParentSpanId))
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    // The spans of one trace, once the one that ends it has been exported (spans end in any order).
    private async Task<List<Activity>> SpansOfAsync(ActivityTraceId traceId, Func<Activity, bool> last)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var spans = fixture.Spans.Snapshot().Where(s => s.TraceId == traceId).Distinct().ToList();
            if ((spans.Any(last) && spans.Any(s => s.Source.Name == "Microsoft.AspNetCore")) || DateTime.UtcNow > deadline)
            {
                return spans;
            }

            await Task.Delay(100);
        }
    }

    private List<MetricSnapshot> Metrics() => fixture.SiloMetrics.Snapshot();

    private static IEnumerable<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            tags.Add(tag);
        }

        return tags;
    }

    private static string? Tag(MetricPoint point, string key) => Tags(point).FirstOrDefault(t => t.Key == key).Value as string;

    private static long Count(List<MetricSnapshot> metrics, string name, params (string Key, string Value)[] tags) =>
        metrics.Where(m => m.Name == name).SelectMany(m => m.MetricPoints)
            .Where(p => tags.All(t => Tag(p, t.Key) == t.Value)).Sum(p => p.GetHistogramCount());

    private static long Sum(List<MetricSnapshot> metrics, string name, params (string Key, string Value)[] tags) =>
        metrics.Where(m => m.Name == name).SelectMany(m => m.MetricPoints)
            .Where(p => tags.All(t => Tag(p, t.Key) == t.Value)).Sum(p => p.GetSumLong());

    private static long Gauge(List<MetricSnapshot> metrics, string name) =>
        metrics.Where(m => m.Name == name).SelectMany(m => m.MetricPoints).Sum(p => p.GetGaugeLastValueLong());

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
