using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Gateway;

/// <summary>Webhook subscribers and people's notification settings through the API: who may, what is refused and why, and that a secret never comes back.</summary>
[Collection(GatewayCollection.Name)]
public sealed class WebhooksApiTests(GatewayFixture fixture)
{
    // Loopback over https: accepted at registration, refused by the sender (no private addresses here), so nothing is ever called.
    private const string Url = "https://127.0.0.1:1/enlace/eventos";
    private const string Secret = "un-secreto-largo-de-prueba-123";

    [Fact]
    public async Task AnAdministratorRegistersListsAndDeletesASubscriberWhoseSecretIsNeverReturned()
    {
        var admin = await fixture.ClientFor(Callers.Admin());

        var created = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = Url, kinds = new[] { "referral-unacknowledged", "action-overdue" }, secret = Secret });
        var text = await created.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/webhooks/{id}", created.Headers.Location?.OriginalString);
        var list = await admin.GetStringAsync("/api/v1/webhooks");
        Assert.DoesNotContain(Secret, list, StringComparison.Ordinal);
        var listed = JsonDocument.Parse(list).RootElement.GetProperty("items").EnumerateArray().Single(w => w.GetProperty("id").GetString() == id);
        Assert.Equal((Url, "referral-unacknowledged,action-overdue", "admin"),
            (listed.GetProperty("url").GetString(), string.Join(",", listed.GetProperty("kinds").EnumerateArray().Select(k => k.GetString())), listed.GetProperty("createdBy").GetString()));
        await using (var database = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString))
        await using (var stored = database.CreateCommand("SELECT sealed_secret FROM notify_webhooks WHERE id = @id"))
        {
            stored.Parameters.AddWithValue("id", id);
            var bytes = (byte[])(await stored.ExecuteScalarAsync())!;
            Assert.DoesNotContain(Secret, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
            Assert.Equal(Secret, System.Text.Encoding.UTF8.GetString(TestKeys.Vault.OpenSecret("webhook", id, bytes)));
        }

        var log = await (await admin.GetAsync($"/api/v1/webhooks/{id}/deliveries")).ReadJsonAsync();
        Assert.Equal(0, log.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode);
        Assert.DoesNotContain(id, await admin.GetStringAsync("/api/v1/webhooks"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/webhooks/wh-nadie/deliveries")).StatusCode);
    }

    [Fact]
    public async Task AnUnknownEventKindAnInvalidUrlOrAShortSecretIsA400NamingTheFieldAndOnlyAdministratorsMayRegister()
    {
        var admin = await fixture.ClientFor(Callers.Admin());
        var coordinator = await fixture.ClientFor(Callers.Coordinator());

        var bad = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://sistema.gob.pe/eventos", kinds = new[] { "task-escalated", "case-closed" }, secret = "corto" });
        var missing = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "no es una url" });
        var refused = await coordinator.PostAsJsonAsync("/api/v1/webhooks", new { url = Url, kinds = new[] { "task-escalated" }, secret = Secret });

        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (bad.StatusCode, bad.Content.Headers.ContentType?.MediaType));
        var errors = (await bad.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(["kinds[1]", "secret", "url"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("must use https", errors.GetProperty("url")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("'case-closed' is not an event kind; use one of task-escalated, referral-unacknowledged, task-assigned, action-overdue", errors.GetProperty("kinds[1]")[0].GetString());
        var missingErrors = (await missing.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(["kinds", "secret", "url"], missingErrors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync("/api/v1/webhooks")).StatusCode);
        Assert.DoesNotContain("case-closed", await admin.GetStringAsync("/api/v1/webhooks"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APersonSavesAnAddressLanguageAndKindsAndBadValuesAreRefusedByField()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator("BO"));

        var defaults = await (await coordinator.GetAsync("/api/v1/me/notification-settings")).ReadJsonAsync();
        var saved = await coordinator.PutAsJsonAsync("/api/v1/me/notification-settings", new { email = "coordinacion@st.gob.bo", language = "en", kinds = new[] { "referral-unacknowledged" } });
        var read = await (await coordinator.GetAsync("/api/v1/me/notification-settings")).ReadJsonAsync();
        var bad = await coordinator.PutAsJsonAsync("/api/v1/me/notification-settings", new { email = "Coordinación <x@y>", language = "qu", kinds = new[] { "todo" } });

        Assert.Equal((JsonValueKind.Null, "es", 4, false), (defaults.GetProperty("email").ValueKind, defaults.GetProperty("language").GetString(), defaults.GetProperty("kinds").GetArrayLength(), defaults.GetProperty("receivesEmail").GetBoolean()));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(("coordinacion@st.gob.bo", "en", "referral-unacknowledged", true),
            (read.GetProperty("email").GetString(), read.GetProperty("language").GetString(), string.Join(",", read.GetProperty("kinds").EnumerateArray().Select(k => k.GetString())), read.GetProperty("receivesEmail").GetBoolean()));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["email", "kinds[0]", "language"], (await bad.ReadJsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("coordinacion@st.gob.bo", (await (await coordinator.GetAsync("/api/v1/me/notification-settings")).ReadJsonAsync()).GetProperty("email").GetString());

        // Clean up: the gateway's other tests escalate tasks in Bolivia's cases too, and no e-mail is configured here anyway.
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutAsJsonAsync("/api/v1/me/notification-settings", new { email = (string?)null, language = "es", kinds = Array.Empty<string>() })).StatusCode);
    }
}
