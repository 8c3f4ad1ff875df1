using Enlace.Silo.Notifications;
using Microsoft.Playwright;
using Npgsql;

namespace Enlace.Tests.Browser;

/// <summary>A coordinator sees on the notifications page what became of each notification's e-mails and webhook calls, in Spanish and English.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationsUiTests(BrowserFixture fixture)
{
    [Fact]
    public async Task TheNotificationsPageShowsEachDeliverysChannelRecipientStateAndAttempts()
    {
        var reference = $"PE-2026-9{Random.Shared.Next(10000, 99999)}";
        var id = $"c{Guid.NewGuid():N}:5";
        await using (var database = NpgsqlDataSource.Create(fixture.ConnectionString))
        {
            await using var connection = await database.OpenConnectionAsync();
            await using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(NotificationRows.Insert(id, "referral-unacknowledged", ["PE"], "case", id.Split(':')[0], reference, "t1", "PE-MIMP",
                "Albergue", "PE-MIMP: acknowledgement 2026-06-01 13:00 UTC passed", DateTimeOffset.UtcNow, [], email: false));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                INSERT INTO notify_deliveries (id, notification_id, channel, recipient, recipient_kind, recipient_ref, language, state, attempts, next_attempt_at, created_at, sent_at, last_error)
                VALUES (gen_random_uuid()::text, $1, 'email', 'mesa@mimp.gob.pe', 'agency', 'PE-MIMP', 'es', 'sent', 1, now(), now(), now(), NULL),
                       (gen_random_uuid()::text, $1, 'webhook', 'wh-ui', 'webhook', 'wh-ui', 'en', 'failed', 8, now(), now(), NULL, 'HTTP 500')
                """) { Parameters = { new NpgsqlParameter { Value = id } } });
            await batch.ExecuteNonQueryAsync();
        }

        await using var coordinator = await UiPage.OpenAsync(fixture, "notification-deliveries");
        await coordinator.SignInAsync("demo-coordinator-pe");
        await coordinator.GoAsync("/notificaciones");
        var card = coordinator.Page.Locator(".cards li").Filter(new() { HasText = reference });
        var deliveries = card.GetByTestId("deliveries");
        await Assertions.Expect(card).ToContainTextAsync("Derivación sin aceptar a tiempo");
        await Assertions.Expect(deliveries.Locator("summary")).ToHaveTextAsync("Envíos: 1 enviados · 0 pendientes · 1 fallidos");
        await deliveries.Locator("summary").ClickAsync();
        await Assertions.Expect(deliveries.GetByTestId("delivery")).ToHaveTextAsync(["Correo · Institución PE-MIMP · Enviado · 1 intentos", "Webhook · Suscriptor wh-ui · Fallido · 8 intentos · HTTP 500"]);
        await Assertions.Expect(card).Not.ToContainTextAsync("mesa@mimp.gob.pe");
        await coordinator.ShotAsync("notification-deliveries");

        // The coordinator's own e-mail notices: saved, and still there on the next visit.
        var settings = coordinator.Page.GetByTestId("email-settings");
        await settings.Locator("summary").ClickAsync();
        await settings.GetByLabel("Correo electrónico").FillAsync("coordinacion.pe@example.org");
        await settings.GetByLabel("Tarea asignada").UncheckAsync();
        await settings.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
        await Assertions.Expect(settings.GetByRole(AriaRole.Status)).ToHaveTextAsync("Guardado.");
        await coordinator.Page.ReloadAsync();
        await settings.Locator("summary").ClickAsync();
        await Assertions.Expect(settings.GetByLabel("Correo electrónico")).ToBeVisibleAsync();
        await Assertions.Expect(settings.GetByLabel("Correo electrónico")).ToHaveValueAsync("coordinacion.pe@example.org");
        await Assertions.Expect(settings.GetByLabel("Tarea asignada")).Not.ToBeCheckedAsync();
        await Assertions.Expect(settings.GetByLabel("Tarea escalada por vencimiento")).ToBeCheckedAsync();
        await settings.GetByLabel("Correo electrónico").FillAsync("no es un correo");
        await settings.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
        await Assertions.Expect(settings).ToContainTextAsync("nombre@institucion.gob.pe");
        Assert.Equal(1, coordinator.Errors.RemoveAll(e => e.Contains("400", StringComparison.Ordinal) && e.Contains("/api/v1/me/notification-settings", StringComparison.Ordinal)));
        card = coordinator.Page.Locator(".cards li").Filter(new() { HasText = reference });
        deliveries = card.GetByTestId("deliveries");

        await coordinator.Page.GetByLabel("Idioma").SelectOptionAsync("en");
        await Assertions.Expect(deliveries.Locator("summary")).ToHaveTextAsync("Deliveries: 1 sent · 0 pending · 1 failed");
        await Assertions.Expect(card).ToContainTextAsync("Referral not acknowledged in time");
        WebUiTests.NoBrowserErrors(coordinator);
    }
}
