using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Gateway;

/// <summary>
/// An agency acts in a case — its kind's triggers, recording victims and perpetrators, notes, the
/// identities its kind is entitled to — while a task of its own is open there and for the grace
/// period (7 days by default) after its last one closed; then it only looks at its own tasks. The
/// responsible agencies of a roadmap action likewise, once the action ended. Through real HTTP,
/// with the silo's clock moved forward.
/// </summary>
[Collection(ClockedGatewayCollection.Name)]
public sealed class ParticipationTests(ClockedGatewayFixture fixture)
{
    private const string VictimName = "Luzmila Apaza Choque";

    [Fact]
    public async Task AnAgencyActsInACaseUntilTheGracePeriodAfterItsLastTaskClosedAndThenOnlyLooks()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var prosecutor = await fixture.ClientFor(Callers.Agent("PE-MP-FISTRAP"));
        var police = await fixture.ClientFor(Callers.Agent("PE-PNP-DIRCTPTIM"));
        var id = await OpenCaseAsync(coordinator);
        var opened = await (await coordinator.GetAsync($"/api/v1/cases/{id}")).ReadJsonAsync();
        var prosecutorTask = TaskOf(opened, "PE-MP-FISTRAP");
        var policeTask = TaskOf(opened, "PE-PNP-DIRCTPTIM");
        await WorkThroughAsync(prosecutor, id, prosecutorTask);
        await WorkThroughAsync(police, id, policeTask);

        // The next day: both tasks closed, both agencies still act.
        fixture.Time.Advance(TimeSpan.FromDays(1));
        var view = await (await prosecutor.GetAsync($"/api/v1/cases/{id}")).ReadJsonAsync();
        Assert.Equal("grace", view.GetProperty("participation").GetProperty("stage").GetString());
        Assert.Equal(HttpStatusCode.OK, (await prosecutor.GetAsync($"/api/v1/cases/{id}/victims/V-1/identity?reason=Declaraci%C3%B3n")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await prosecutor.PostAsJsonAsync($"/api/v1/cases/{id}/perpetrators", new { role = "exploiter" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await police.PostAsJsonAsync($"/api/v1/cases/{id}/transitions", new { trigger = "assess" })).StatusCode);

        // Eight days after: the prosecutor's part ended. It looks, and acts no more.
        fixture.Time.Advance(TimeSpan.FromDays(7));
        var before = await (await coordinator.GetAsync($"/api/v1/cases/{id}")).ReadJsonAsync();
        var identity = await prosecutor.GetAsync($"/api/v1/cases/{id}/victims/V-1/identity?reason=Declaraci%C3%B3n");
        var archive = await prosecutor.PostAsJsonAsync($"/api/v1/cases/{id}/transitions", new { trigger = "archive", note = "Duplicado", resolution = "duplicate" });
        var caseNote = await prosecutor.PostAsJsonAsync($"/api/v1/cases/{id}/notes", new { text = "Se remitió el expediente" });
        var taskNote = await prosecutor.PostAsJsonAsync($"/api/v1/cases/{id}/notes", new { text = "Anexo", taskId = prosecutorTask });
        var victim = await prosecutor.PostAsJsonAsync($"/api/v1/cases/{id}/victims", new { identificationStatus = "presumed", ageGroup = "24-26", sex = "feminine", citizenship = "BO" });

        foreach (var (what, response) in new[] { ("identity", identity), ("archive", archive), ("case note", caseNote), ("task note", taskNote), ("victim", victim) })
        {
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{what} after the grace period: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Contains("part in this case ended on", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var seen = await prosecutor.GetAsync($"/api/v1/cases/{id}");
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        var looked = await seen.ReadJsonAsync();
        Assert.Equal("ended", looked.GetProperty("participation").GetProperty("stage").GetString());
        Assert.Equal([prosecutorTask], looked.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.Empty(looked.GetProperty("permittedTriggers").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await prosecutor.GetAsync($"/api/v1/cases/{id}/history")).StatusCode);
        var after = await (await coordinator.GetAsync($"/api/v1/cases/{id}")).ReadJsonAsync();
        Assert.Equal((before.GetProperty("version").GetInt32(), "assessment"), (after.GetProperty("version").GetInt32(), after.GetProperty("state").GetString()));

        // A new task brings the agency back.
        var assigned = await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/tasks", new { title = "Ampliar la declaración", agency = "PE-MP-FISTRAP", dueAt = "2099-01-01T00:00:00Z" });
        Assert.Equal(HttpStatusCode.Created, assigned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await prosecutor.GetAsync($"/api/v1/cases/{id}/victims/V-1/identity?reason=Ampliaci%C3%B3n")).StatusCode);
        Assert.Equal("active", (await (await prosecutor.GetAsync($"/api/v1/cases/{id}")).ReadJsonAsync()).GetProperty("participation").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task AResponsibleAgencyOfAnEndedRoadmapActionActsOnItOnlyWithinTheGracePeriod()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var protection = await fixture.ClientFor(Callers.Agent("PE-MIMP"));
        var roadmap = $"hr-gracia-{Guid.NewGuid():N}"[..30];
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync("/api/v1/roadmaps", new
        {
            id = roadmap,
            title = "Hoja de ruta de prueba",
            countries = new[] { "PE", "BO" },
            signedOn = "2025-04-24",
            signedAt = "CEBAF Desaguadero",
            periodStart = "2025-04-24",
            periodEnd = "2026-12-31",
            areas = new[] { new { code = "proteccion", title = "Atención y protección" } },
        })).StatusCode);
        var action = await coordinator.PostAsJsonAsync($"/api/v1/roadmaps/{roadmap}/actions", new
        {
            title = "Protocolo de albergues",
            area = "proteccion",
            responsibleAgencies = new[] { "PE-MIMP" },
            startDate = "2025-08-01",
            dueDate = "2099-06-30",
            indicators = new[] { new { name = "albergues", unit = "albergues", baseline = 0, target = 4 } },
        });
        Assert.Equal(HttpStatusCode.Created, action.StatusCode);
        var url = $"/api/v1/roadmaps/{roadmap}/actions/{(await action.ReadJsonAsync()).GetProperty("id").GetString()}";
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"{url}/transitions", new { trigger = "cancel", note = "Sin presupuesto" })).StatusCode);
        var report = new { indicatorValues = new Dictionary<string, decimal> { ["albergues"] = 1 }, percentComplete = 25, note = "Un albergue" };

        fixture.Time.Advance(TimeSpan.FromDays(1));
        var within = await protection.PostAsJsonAsync($"{url}/reports", report);
        fixture.Time.Advance(TimeSpan.FromDays(7));
        var after = await protection.PostAsJsonAsync($"{url}/reports", report);

        Assert.Equal(HttpStatusCode.Conflict, within.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        Assert.Contains("part in it ended on", (await after.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await protection.GetAsync(url)).StatusCode);
    }

    private static string TaskOf(JsonElement view, string agency) =>
        view.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("agency").GetString() == agency).GetProperty("id").GetString()!;

    private static async Task WorkThroughAsync(HttpClient agent, string id, string taskId)
    {
        foreach (var trigger in new[] { "accept", "complete" })
        {
            var moved = await agent.PostAsJsonAsync($"/api/v1/cases/{id}/tasks/{taskId}/transitions", new { trigger, note = "Hecho" });
            Assert.True(moved.StatusCode == HttpStatusCode.OK, $"{trigger} {taskId}: {(int)moved.StatusCode} {await moved.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<string> OpenCaseAsync(HttpClient coordinator)
    {
        var created = await coordinator.PostAsJsonAsync("/api/v1/cases", new
        {
            workflowId = "trafficking-case",
            title = "Captación en Juliaca",
            summary = "Denuncia de captación laboral",
            leadCountry = "PE",
            partnerCountries = Array.Empty<string>(),
            victims = new[] { new { identificationStatus = "presumed", ageGroup = "24-26", sex = "feminine", citizenship = "BO", identity = new { fullName = VictimName } } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/V-1/consents", new { purpose = "data-processing", given = true })).StatusCode);
        return id;
    }
}
