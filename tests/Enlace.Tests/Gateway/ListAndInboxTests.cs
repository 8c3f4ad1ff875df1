using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Grains.Interfaces.Security;
using Enlace.Tests.Infrastructure;
using Npgsql;

namespace Enlace.Tests.Gateway;

/// <summary>The case list and the inbox, from the read model the case grains project into.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ListAndInboxTests(GatewayFixture fixture)
{
    [Fact]
    public async Task EachCallerListsOnlyTheCasesTheyMaySee()
    {
        var marker = $"lista-{Guid.NewGuid():N}"[..16];
        var pe = await fixture.ClientFor(Callers.Coordinator("PE"));
        var bo = await fixture.ClientFor(Callers.Coordinator("BO"));
        var binational = await OpenAsync(pe, $"{marker} binacional", "PE", ["BO"]);
        var peruvian = await OpenAsync(pe, $"{marker} peruano", "PE", []);
        var bolivian = await OpenAsync(bo, $"{marker} boliviano", "BO", []);

        var seen = new Dictionary<string, string[]>();
        foreach (var (who, caller) in new (string, Caller)[]
        {
            ("coordinator PE", Callers.Coordinator("PE")), ("coordinator BO", Callers.Coordinator("BO")),
            ("police PE", Callers.Agent("PE-PNP-DIRCTPTIM")), ("police BO", Callers.Agent("BO-FELCC-DTTP")),
            ("migration PE", Callers.Agent("PE-MIGRACIONES")), ("manager PE", Callers.Manager("PE")),
            ("admin coordinating PE", new Caller("admin-coord-pe", "Administración y coordinación PE", [Caller.Admin, Caller.Coordinator], "PE-CMNP-ST", ["PE"])),
        })
        {
            var page = await JsonOf(await (await fixture.ClientFor(caller)).GetAsync($"/api/v1/cases?q={marker}&pageSize=50"));
            seen[who] = [.. page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).Order()];
            Assert.Equal(seen[who].Length, page.GetProperty("total").GetInt32());
        }

        Assert.Equal(Sorted(binational, peruvian), seen["coordinator PE"]);
        Assert.Equal(Sorted(binational, bolivian), seen["coordinator BO"]);
        Assert.Equal(Sorted(binational, peruvian), seen["police PE"]);
        Assert.Equal(Sorted(bolivian), seen["police BO"]);
        Assert.Empty(seen["migration PE"]);
        Assert.Equal(Sorted(binational, peruvian), seen["manager PE"]);
        Assert.Equal(Sorted(binational, peruvian), seen["admin coordinating PE"]);

        // An administrator as such lists no case: case content is for coordinators, managers and agencies.
        var admin = await fixture.ClientFor(Callers.Admin());
        foreach (var route in new[] { $"/api/v1/cases?q={marker}", "/api/v1/queue", $"/api/v1/cases/{bolivian}" })
        {
            var refused = await admin.GetAsync(route);
            var body = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{route} as admin: {(int)refused.StatusCode} {body}");
            Assert.DoesNotContain(marker, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task FiltersAndPagesNarrowTheList()
    {
        var marker = $"filtro-{Guid.NewGuid():N}"[..16];
        var pe = await fixture.ClientFor(Callers.Coordinator("PE"));
        var first = await OpenAsync(pe, $"{marker} uno", "PE", ["BO"]);
        var second = await OpenAsync(pe, $"{marker} dos", "PE", []);
        var archived = await pe.PostAsJsonAsync($"/api/v1/cases/{second}/transitions", new { trigger = "archive", note = "Duplicado", resolution = "duplicate", decisionRef = "Disposición Fiscal N.º 7-2026" });
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);

        var closed = await JsonOf(await pe.GetAsync($"/api/v1/cases?q={marker}&state=archived"));
        var withBolivia = await JsonOf(await pe.GetAsync($"/api/v1/cases?q={marker}&country=BO"));
        var paged = await JsonOf(await pe.GetAsync($"/api/v1/cases?q={marker}&pageSize=1&page=2"));
        var notOverdue = await JsonOf(await pe.GetAsync($"/api/v1/cases?q={marker}&overdue=false"));

        Assert.Equal([second], Ids(closed));
        Assert.Equal([first], Ids(withBolivia));
        Assert.Equal((1, 2), (paged.GetProperty("items").GetArrayLength(), paged.GetProperty("total").GetInt32()));
        Assert.Equal(2, notOverdue.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await pe.GetAsync("/api/v1/cases?overdue=perhaps")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await pe.GetAsync("/api/v1/cases?pageSize=501")).StatusCode);
    }

    [Fact]
    public async Task TheInboxPutsOverdueWorkFirstThenPriorityThenDueDate()
    {
        var pe = await fixture.ClientFor(Callers.Coordinator("PE"));
        var caseId = await OpenAsync(pe, "Bandeja de entrada ordenada", "PE", []);
        var now = DateTimeOffset.UtcNow;
        var low = await TaskAsync(pe, caseId, "baja, vencerá", "low", now.AddDays(5));
        var urgent = await TaskAsync(pe, caseId, "urgente", "urgent", now.AddDays(10));
        var highSoon = await TaskAsync(pe, caseId, "alta, pronto", "high", now.AddDays(1));
        var highLater = await TaskAsync(pe, caseId, "alta, después", "high", now.AddDays(3));
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            // Time passes for one task: its due date is behind us now.
            await connection.OpenAsync();
            await using var late = new NpgsqlCommand("UPDATE rm_tasks SET due_at = now() - interval '1 day' WHERE case_id = @case AND task_id = @task", connection);
            late.Parameters.AddWithValue("case", caseId);
            late.Parameters.AddWithValue("task", low);
            await late.ExecuteNonQueryAsync();
        }

        var protection = await fixture.ClientFor(Callers.Agent("PE-MIMP"));
        var inbox = await JsonOf(await protection.GetAsync("/api/v1/inbox?pageSize=500"));
        var mine = inbox.GetProperty("items").EnumerateArray().Where(t => t.GetProperty("caseId").GetString() == caseId).ToList();
        var overdueOnly = await JsonOf(await protection.GetAsync("/api/v1/inbox?overdue=true&pageSize=500"));

        Assert.Equal([low, urgent, highSoon, highLater], mine.Select(t => t.GetProperty("id").GetString()));
        Assert.True(mine[0].GetProperty("overdue").GetBoolean());
        Assert.All(mine, t => Assert.Equal("PE-MIMP", t.GetProperty("agency").GetString()));
        Assert.Contains(overdueOnly.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetString() == low && t.GetProperty("caseId").GetString() == caseId);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await fixture.ClientFor(Callers.Manager())).GetAsync("/api/v1/inbox")).StatusCode);

        // Done work leaves the default inbox and stays reachable by its state.
        Assert.Equal(HttpStatusCode.OK, (await protection.PostAsJsonAsync($"/api/v1/cases/{caseId}/tasks/{urgent}/transitions", new { trigger = "accept" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await protection.PostAsJsonAsync($"/api/v1/cases/{caseId}/tasks/{urgent}/transitions", new { trigger = "complete", note = "Hecho" })).StatusCode);
        var open = await JsonOf(await protection.GetAsync("/api/v1/inbox?pageSize=500"));
        var completed = await JsonOf(await protection.GetAsync("/api/v1/inbox?state=completed&pageSize=500"));
        Assert.DoesNotContain(open.GetProperty("items").EnumerateArray(), t => t.GetProperty("caseId").GetString() == caseId && t.GetProperty("id").GetString() == urgent);
        Assert.Contains(completed.GetProperty("items").EnumerateArray(), t => t.GetProperty("caseId").GetString() == caseId && t.GetProperty("id").GetString() == urgent);
        var police = await JsonOf(await (await fixture.ClientFor(Callers.Agent("PE-PNP-DIRCTPTIM"))).GetAsync("/api/v1/inbox?pageSize=500"));
        Assert.DoesNotContain(police.GetProperty("items").EnumerateArray(), t => t.GetProperty("agency").GetString() != "PE-PNP-DIRCTPTIM");
    }

    [Fact]
    public async Task TheCoordinationQueueHoldsDeclinedAndOverdueWorkOfTheCoordinatorsCountriesOnly()
    {
        var pe = await fixture.ClientFor(Callers.Coordinator("PE"));
        var caseId = await OpenAsync(pe, $"cola-{Guid.NewGuid():N}"[..16], "PE", []);
        var declined = await TaskAsync(pe, caseId, "Atención psicológica", "high", DateTimeOffset.UtcNow.AddDays(5));
        var late = await TaskAsync(pe, caseId, "Informe social", "normal", DateTimeOffset.UtcNow.AddSeconds(1));
        var fine = await TaskAsync(pe, caseId, "Acompañamiento", "normal", DateTimeOffset.UtcNow.AddDays(5));
        var mimp = await fixture.ClientFor(Callers.Agent("PE-MIMP"));
        var decline = await mimp.PostAsJsonAsync($"/api/v1/cases/{caseId}/tasks/{declined}/transitions", new { trigger = "decline", note = "No es de nuestra competencia" });
        Assert.Equal(HttpStatusCode.OK, decline.StatusCode);
        await Task.Delay(1500);

        var queue = (await JsonOf(await pe.GetAsync("/api/v1/queue?pageSize=500"))).GetProperty("items").EnumerateArray()
            .Where(t => t.GetProperty("caseId").GetString() == caseId).ToList();
        Assert.Equal(Sorted(declined, late), Sorted([.. queue.Select(t => t.GetProperty("id").GetString()!)]));
        Assert.DoesNotContain(queue, t => t.GetProperty("id").GetString() == fine);
        Assert.Equal(late, queue[0].GetProperty("id").GetString()); // overdue first
        Assert.Equal("declined", queue.Single(t => t.GetProperty("id").GetString() == declined).GetProperty("state").GetString());

        var bo = await fixture.ClientFor(Callers.Coordinator("BO"));
        var boQueue = await JsonOf(await bo.GetAsync("/api/v1/queue?pageSize=500"));
        Assert.DoesNotContain(boQueue.GetProperty("items").EnumerateArray(), t => t.GetProperty("caseId").GetString() == caseId);
        Assert.Equal(HttpStatusCode.Forbidden, (await bo.GetAsync("/api/v1/queue?country=PE")).StatusCode);
    }

    private static async Task<string> OpenAsync(HttpClient coordinator, string title, string lead, string[] partners)
    {
        var response = await coordinator.PostAsJsonAsync("/api/v1/cases", new
        {
            workflowId = "trafficking-case",
            title,
            summary = "Caso de prueba del listado",
            leadCountry = lead,
            partnerCountries = partners,
            victims = Array.Empty<object>(),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonOf(response)).GetProperty("id").GetString()!;
    }

    private static async Task<string> TaskAsync(HttpClient coordinator, string caseId, string title, string priority, DateTimeOffset dueAt)
    {
        var response = await coordinator.PostAsJsonAsync($"/api/v1/cases/{caseId}/tasks", new { title, agency = "PE-MIMP", dueAt, priority });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonOf(response)).GetProperty("id").GetString()!;
    }

    private static string[] Sorted(params string[] ids) => [.. ids.Order()];

    private static string[] Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()!)];

    private static Task<JsonElement> JsonOf(HttpResponseMessage response) => response.ReadJsonAsync();
}
