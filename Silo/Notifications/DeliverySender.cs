using Enlace.Grains.Interfaces.Notifications;
using Enlace.Grains.Monitoring;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Enlace.Silo.Notifications;

/// <summary>
/// The background sender on every silo: every <see cref="DeliveryOptions.PollInterval"/> it claims
/// the deliveries due (<see cref="DeliveryOutbox"/>), sends them concurrently by their channel, and
/// records each attempt with exponential back-off. Transport is at-least-once with a stable id:
/// a silo killed after sending and before recording lets the lease expire, and the next attempt
/// carries the same Message-ID or <c>Enlace-Delivery</c>.
/// </summary>
public sealed partial class DeliverySender(
    DeliveryOutbox outbox, EmailChannel email, WebhookChannel webhooks, IOptions<NotificationOptions> options, EnlaceMetrics metrics,
    ILogger<DeliverySender> logger) : BackgroundService
{
    /// <summary>Claims and sends one batch; the number of deliveries attempted.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        string[] channels = settings.Email.Enabled ? [NotificationKinds.Channels.Email, NotificationKinds.Channels.Webhook] : [NotificationKinds.Channels.Webhook];
        var claimed = await outbox.ClaimAsync(settings.Delivery.BatchSize, settings.Delivery.Lease, channels, cancellationToken);
        await Task.WhenAll(claimed.Select(d => SendOneAsync(d, settings.Delivery, cancellationToken)));
        return claimed.Count;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full batch suggests more are waiting: go on without pausing.
                if (await SendDueAsync(stoppingToken) >= options.Value.Delivery.BatchSize)
                {
                    continue;
                }
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                SenderFailed(e.GetType().Name);
            }

            try
            {
                await Task.Delay(options.Value.Delivery.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SendOneAsync(Delivery delivery, DeliveryOptions settings, CancellationToken cancellationToken)
    {
        DeliveryResult result;
        try
        {
            result = delivery.Channel == NotificationKinds.Channels.Email
                ? await email.SendAsync(delivery, cancellationToken)
                : await webhooks.SendAsync(delivery, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong is recorded by its type only: an exception's message may quote the payload.
            result = DeliveryResult.Retry($"unexpected {e.GetType().Name}");
        }

        await outbox.RecordAsync(delivery, result, settings.MaxAttempts, DeliveryBackoff.After(delivery.Attempt, settings.FirstRetry, settings.MaxRetry), cancellationToken);
        var outcome = result == DeliveryResult.Sent ? "sent" : result.Outcome == "failed" || delivery.Attempt >= settings.MaxAttempts ? "failed" : "retry";
        metrics.Delivery(delivery.Channel, outcome);
        if (outcome != "sent")
        {
            AttemptFailed(delivery.Channel, delivery.Id, delivery.Attempt, result.Error ?? "");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification delivery {DeliveryId} by {Channel}, attempt {Attempt}, failed: {Error}")]
    private partial void AttemptFailed(string channel, string deliveryId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The notification sender could not claim deliveries ({Error}); it tries again at the next poll")]
    private partial void SenderFailed(string error);
}
