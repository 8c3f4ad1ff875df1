using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Gateway;

/// <summary>A task's deadline passes: a real reminder escalates it and its coordinators are notified.</summary>
[Collection(GatewayCollection.Name)]
public sealed class NotificationsTests(GatewayFixture fixture)
{
    [Fact]
    public async Task CoordinatorsOfTheCaseSeeTheEscalationAndMarkItReadOthersDoNot()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var otherCoordinator = await fixture.ClientFor(Callers.Coordinator("BO"));
        var agent = await fixture.ClientFor(Callers.Agent("PE-MIMP"));
        var created = await coordinator.PostAsJsonAsync("/api/v1/cases", new
        {
            workflowId = "trafficking-case",
            title = "Plazo vencido",
            summary = "Resumen",
            leadCountry = "PE",
            partnerCountries = Array.Empty<string>(),
            victims = Array.Empty<object>(),
        });
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetString()!;
        var task = await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/tasks", new { title = "Evaluación urgente", agency = "PE-MIMP", dueAt = DateTime.UtcNow.AddSeconds(2), priority = "urgent" });
        var taskId = (await task.ReadJsonAsync()).GetProperty("id").GetString()!;

        JsonElement? mine = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (mine is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            var page = await (await coordinator.GetAsync("/api/v1/notifications?unread=true&pageSize=500")).ReadJsonAsync();
            mine = page.GetProperty("items").EnumerateArray().Cast<JsonElement?>()
                .FirstOrDefault(n => n!.Value.GetProperty("sourceId").GetString() == id && n.Value.GetProperty("taskId").GetString() == taskId
                                     && n.Value.GetProperty("kind").GetString() == "task-escalated");
        }

        Assert.True(mine is not null, "no notification within 60 s of the deadline");
        var notification = mine!.Value;
        Assert.Equal(("task-escalated", "PE-MIMP", "Evaluación urgente", false),
            (notification.GetProperty("kind").GetString(), notification.GetProperty("agency").GetString(), notification.GetProperty("title").GetString(), notification.GetProperty("read").GetBoolean()));
        var caseView = await (await coordinator.GetAsync($"/api/v1/cases/{id}")).ReadJsonAsync();
        Assert.True(caseView.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetString() == taskId).GetProperty("escalated").GetBoolean());

        var notificationId = notification.GetProperty("id").GetString()!;
        Assert.DoesNotContain(notificationId, await IdsAsync(otherCoordinator));
        Assert.DoesNotContain(notificationId, await IdsAsync(agent));
        var admin = await fixture.ClientFor(Callers.Admin());
        Assert.DoesNotContain(notificationId, await IdsAsync(admin));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/notifications/{Uri.EscapeDataString(notificationId)}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherCoordinator.PostAsync($"/api/v1/notifications/{Uri.EscapeDataString(notificationId)}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsync($"/api/v1/notifications/{Uri.EscapeDataString(notificationId)}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsync($"/api/v1/notifications/{Uri.EscapeDataString(notificationId)}/read", null)).StatusCode);
        Assert.DoesNotContain(notificationId, await IdsAsync(coordinator, "?unread=true&pageSize=500"));
        Assert.Contains(notificationId, await IdsAsync(coordinator, "?unread=false&pageSize=500"));
    }

    private static async Task<List<string>> IdsAsync(HttpClient http, string query = "?pageSize=500")
    {
        var page = await (await http.GetAsync("/api/v1/notifications" + query)).ReadJsonAsync();
        return [.. page.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetString()!)];
    }
}
