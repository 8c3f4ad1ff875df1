using System.Text;
using System.Text.Json;
using Enlace.Grains.Interfaces.Notifications;
using Enlace.Grains.Monitoring;
using Enlace.Grains.Notifications;
using Enlace.Grains.ReferenceData;
using Enlace.Silo.Notifications;
using Enlace.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Enlace.Tests.Notifications;

/// <summary>
/// The outbox's sender against real parts: PostgreSQL, Debian's aiosmtpd on loopback and a Kestrel
/// webhook receiver; the notifications are created by the projection's own statement.
/// </summary>
public sealed class NotificationDeliveryTests
{
    private const string Secret = "secreto-del-receptor-0123456789";
    private const string TypedTitle = "Albergue de la calle Junín para María";

    [Fact]
    public async Task AnSmtpServerThatRefusesTwiceAndThenAcceptsReceivesTheMessageOnceWithEveryAttemptRecorded()
    {
        using var smtp = await SmtpRecorder.StartAsync(refuse: 2);
        await using var database = NpgsqlDataSource.Create(await (await PostgresServer.GetAsync()).CreateDatabaseAsync("notify-smtp"));
        var mimp = new Agency { Code = "PE-MIMP", Country = "PE", Notifications = new AgencyNotifications { Email = "mesa@mimp.gob.pe", Language = "es" } };
        await InsertAsync(database, "c1:7", NotificationKinds.ReferralUnacknowledged, [mimp]);
        using var metrics = new MetricCollectorHost();
        using var sender = Sender(database, smtp.Port, metrics.Metrics);

        var delivery = await SendUntilSettledAsync(sender, database, "c1:7");

        var mail = Assert.Single(smtp.Messages());
        Assert.Equal(2, smtp.Refused);
        Assert.Equal(("sent", 3, "mesa@mimp.gob.pe", $"{delivery.Id}@enlace.test"), (delivery.State, delivery.Attempts, mail.To, mail.MessageId));
        Assert.Equal("[Enlace] Derivación sin aceptar: venció el plazo de acuse: PE-2026-000042", mail.Subject);
        Assert.Contains("https://enlace.test/casos/c1", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(TypedTitle, mail.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain("María", mail.Raw, StringComparison.Ordinal);
        Assert.Equal([(1, "retry", "SMTP 451 on MessageNotAccepted"), (2, "retry", "SMTP 451 on MessageNotAccepted"), (3, "sent", null)], await AttemptsAsync(database, delivery.Id));
        Assert.Equal([("email", "retry", 2L), ("email", "sent", 1L)], metrics.Deliveries());
    }

    [Fact]
    public async Task AWebhookThatFailsFirstIsCalledAgainWithTheSameDeliveryIdAndAValidSignatureAndARepeatedProjectionAddsNothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret, fail: 1);
        await using var database = NpgsqlDataSource.Create(await (await PostgresServer.GetAsync()).CreateDatabaseAsync("notify-webhook"));
        await RegisterWebhookAsync(database, "wh-1", receiver.Url, [NotificationKinds.ReferralUnacknowledged]);
        await RegisterWebhookAsync(database, "wh-other", receiver.Url, [NotificationKinds.ActionOverdue]);
        await InsertAsync(database, "c1:7", NotificationKinds.ReferralUnacknowledged, []);
        await InsertAsync(database, "c1:7", NotificationKinds.ReferralUnacknowledged, []);
        using var metrics = new MetricCollectorHost();
        using var sender = Sender(database, smtpPort: 0, metrics.Metrics, allowPrivate: true);

        var delivery = await SendUntilSettledAsync(sender, database, "c1:7");

        Assert.Equal(1L, await ScalarAsync(database, "SELECT count(*) FROM notify_deliveries"));
        Assert.Equal(("sent", 2), (delivery.State, delivery.Attempts));
        var calls = receiver.Calls.ToList();
        Assert.Equal([(delivery.Id, "referral-unacknowledged", true, 500), (delivery.Id, "referral-unacknowledged", true, 204)],
            calls.Select(c => (c.DeliveryId, c.Kind, c.SignatureValid, c.Status)));
        using var body = JsonDocument.Parse(calls[1].Body);
        Assert.Equal((delivery.Id, "c1:7", "PE-2026-000042", "t3", "PE-MIMP"),
            (body.RootElement.GetProperty("id").GetString(), body.RootElement.GetProperty("event").GetString(), body.RootElement.GetProperty("reference").GetString(),
             body.RootElement.GetProperty("taskId").GetString(), body.RootElement.GetProperty("agency").GetString()));
        Assert.DoesNotContain(TypedTitle, calls[1].Body, StringComparison.Ordinal);
        Assert.Equal([(1, "retry", "HTTP 500"), (2, "sent", null)], await AttemptsAsync(database, delivery.Id));
        Assert.Equal([("webhook", "retry", 1L), ("webhook", "sent", 1L)], metrics.Deliveries());
    }

    [Fact]
    public async Task AWebhookWhoseHostIsALoopbackAddressIsRefusedAtSendTimeUnlessPrivateAddressesAreAllowed()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var database = NpgsqlDataSource.Create(await (await PostgresServer.GetAsync()).CreateDatabaseAsync("notify-ssrf"));
        await RegisterWebhookAsync(database, "wh-1", receiver.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal), [NotificationKinds.TaskEscalated]);
        await InsertAsync(database, "c1:9", NotificationKinds.TaskEscalated, []);
        using var metrics = new MetricCollectorHost();
        using var sender = Sender(database, smtpPort: 0, metrics.Metrics, allowPrivate: false, allowedHost: "localhost");

        var delivery = await SendUntilSettledAsync(sender, database, "c1:9");

        Assert.Empty(receiver.Calls);
        Assert.Equal(("failed", 1), (delivery.State, delivery.Attempts));
        Assert.Matches("^'localhost' resolves to (127.0.0.1|::1), a private, loopback or link-local address", delivery.LastError);
    }

    internal static async Task InsertAsync(NpgsqlDataSource database, string id, string kind, IEnumerable<Agency> agencies)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(NotificationRows.Insert(
            id, kind, ["PE"], "case", id.Split(':')[0], "PE-2026-000042", "t3", "PE-MIMP", TypedTitle, "PE-MIMP: acknowledgement 2026-06-01 13:00 UTC passed",
            new DateTimeOffset(2026, 6, 1, 13, 0, 0, TimeSpan.Zero), agencies, email: true));
        await batch.ExecuteNonQueryAsync();
    }

    internal static async Task RegisterWebhookAsync(NpgsqlDataSource database, string id, string url, string[] kinds)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO notify_webhooks (id, url, kinds, sealed_secret, created_by, created_at) VALUES (@id, @url, @kinds, @secret, 'admin', now())
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("url", url);
        command.Parameters.AddWithValue("kinds", kinds);
        command.Parameters.AddWithValue("secret", TestKeys.Vault.SealSecret(WebhookSecretGrain.Purpose, id, Encoding.UTF8.GetBytes(Secret)));
        await command.ExecuteNonQueryAsync();
    }

    private static SenderUnderTest Sender(NpgsqlDataSource database, int smtpPort, EnlaceMetrics metrics, bool allowPrivate = true, string allowedHost = "127.0.0.1")
    {
        var options = new NotificationOptions
        {
            BaseUrl = "https://enlace.test",
            Email = new EmailOptions { Smtp = new SmtpOptions { Host = smtpPort == 0 ? "" : "127.0.0.1", Port = smtpPort, UseTls = false, From = "Enlace <avisos@enlace.test>", Timeout = TimeSpan.FromSeconds(10) } },
            Webhooks = new WebhookOptions { AllowedHosts = [allowedHost], AllowPrivateAddresses = allowPrivate, Timeout = TimeSpan.FromSeconds(5) },
            Delivery = new DeliveryOptions { FirstRetry = TimeSpan.FromMilliseconds(100), MaxRetry = TimeSpan.FromMilliseconds(300), Lease = TimeSpan.FromSeconds(30), MaxAttempts = 5 },
        };
        var webhooks = new WebhookChannel(database, TestKeys.Vault, options, TimeProvider.System);
        var sender = new DeliverySender(new DeliveryOutbox(database), new EmailChannel(options), webhooks, Options.Create(options), metrics, NullLogger<DeliverySender>.Instance);
        return new SenderUnderTest(sender, webhooks);
    }

    private static async Task<DeliveryRow> SendUntilSettledAsync(SenderUnderTest sender, NpgsqlDataSource database, string notificationId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await sender.Sender.SendDueAsync(CancellationToken.None);
            await using var command = database.CreateCommand("SELECT id, state, attempts, last_error FROM notify_deliveries WHERE notification_id = @id");
            command.Parameters.AddWithValue("id", notificationId);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), $"no delivery for {notificationId}");
            var row = new DeliveryRow(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3));
            if (row.State != "pending" || DateTime.UtcNow > deadline)
            {
                return row;
            }

            await Task.Delay(50);
        }
    }

    internal static async Task<List<(int, string, string?)>> AttemptsAsync(NpgsqlDataSource database, string deliveryId)
    {
        await using var command = database.CreateCommand("SELECT attempt, outcome, error FROM notify_attempts WHERE delivery_id = @id ORDER BY attempt");
        command.Parameters.AddWithValue("id", deliveryId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, string, string?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return rows;
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed record DeliveryRow(string Id, string State, int Attempts, string? LastError);

    private sealed record SenderUnderTest(DeliverySender Sender, WebhookChannel Webhooks) : IDisposable
    {
        public void Dispose()
        {
            Webhooks.Dispose();
            Sender.Dispose();
        }
    }

    /// <summary>The grains' metrics on a meter of their own, and a listener of the delivery counter.</summary>
    private sealed class MetricCollectorHost : IDisposable
    {
        private readonly ServiceMeterFactory _meters = new();
        private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
        private readonly List<(string, string, long)> _measurements = [];

        public MetricCollectorHost()
        {
            Metrics = new EnlaceMetrics(_meters);
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == _meters && instrument.Name == "enlace.notification.deliveries")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                var channel = tags.ToArray().Single(t => t.Key == "enlace.notification.channel").Value as string;
                var outcome = tags.ToArray().Single(t => t.Key == "enlace.notification.outcome").Value as string;
                lock (_measurements)
                {
                    _measurements.Add((channel!, outcome!, value));
                }
            });
            _listener.Start();
        }

        public EnlaceMetrics Metrics { get; }

        public List<(string, string, long)> Deliveries()
        {
            lock (_measurements)
            {
                return [.. _measurements.GroupBy(m => (m.Item1, m.Item2)).Select(g => (g.Key.Item1, g.Key.Item2, g.Sum(m => m.Item3)))
                    .OrderBy(x => x.Item1, StringComparer.Ordinal).ThenBy(x => x.Item2, StringComparer.Ordinal)];
            }
        }

        public void Dispose()
        {
            _listener.Dispose();
            _meters.Dispose();
        }
    }

    private sealed class ServiceMeterFactory : System.Diagnostics.Metrics.IMeterFactory
    {
        private readonly List<System.Diagnostics.Metrics.Meter> _meters = [];

        public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options)
        {
            var meter = new System.Diagnostics.Metrics.Meter(options.Name, options.Version, options.Tags, this);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }
}
