using Enlace.Grains.Interfaces.Notifications;
using Npgsql;

namespace Enlace.Silo.Notifications;

/// <summary>
/// The sender's side of <c>notify_deliveries</c>: claim the rows due (several silos at once: each
/// takes rows the others have not locked, and holds them by a lease), then record each attempt.
/// A silo that dies holding a lease simply lets it expire, and another silo sends again.
/// </summary>
public sealed class DeliveryOutbox(NpgsqlDataSource database)
{
    /// <summary>
    /// Claims up to <paramref name="count"/> pending deliveries due now for <paramref name="channels"/>, leased for
    /// <paramref name="lease"/>; each claim counts as an attempt (so a crash mid-send is counted too).
    /// </summary>
    public async Task<IReadOnlyList<Delivery>> ClaimAsync(int count, TimeSpan lease, string[] channels, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            WITH claimed AS (
                UPDATE notify_deliveries d SET lease_until = now() + @lease, attempts = d.attempts + 1
                WHERE d.id IN (
                    SELECT id FROM notify_deliveries
                    WHERE state = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
                      AND channel = ANY (@channels)
                    ORDER BY next_attempt_at
                    LIMIT @count
                    FOR UPDATE SKIP LOCKED)
                RETURNING d.id, d.notification_id, d.channel, d.recipient, d.recipient_kind, d.recipient_ref, d.language, d.attempts
            )
            SELECT c.id, c.notification_id, c.channel, c.recipient, c.recipient_kind, c.recipient_ref, c.language, c.attempts,
                   n.kind, n.source_kind, n.source_id, n.reference, n.task_id, n.agency, n.at
            FROM claimed c JOIN rm_notifications n ON n.id = c.notification_id
            """);
        command.Parameters.AddWithValue("lease", lease);
        command.Parameters.AddWithValue("channels", channels);
        command.Parameters.AddWithValue("count", count);
        var claimed = new List<Delivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new Delivery(
                reader.GetString(reader.GetOrdinal("id")), reader.GetString(reader.GetOrdinal("notification_id")),
                reader.GetString(reader.GetOrdinal("channel")), reader.GetString(reader.GetOrdinal("recipient")),
                reader.GetString(reader.GetOrdinal("recipient_kind")), reader.GetString(reader.GetOrdinal("recipient_ref")),
                reader.GetString(reader.GetOrdinal("language")), reader.GetInt32(reader.GetOrdinal("attempts")),
                reader.GetString(reader.GetOrdinal("kind")), reader.GetString(reader.GetOrdinal("source_kind")),
                reader.GetString(reader.GetOrdinal("source_id")), reader.GetString(reader.GetOrdinal("reference")),
                reader.IsDBNull(reader.GetOrdinal("task_id")) ? null : reader.GetString(reader.GetOrdinal("task_id")),
                reader.IsDBNull(reader.GetOrdinal("agency")) ? null : reader.GetString(reader.GetOrdinal("agency")),
                reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal("at"))));
        }

        return claimed;
    }

    /// <summary>
    /// Records attempt <see cref="Delivery.Attempt"/> of <paramref name="delivery"/> and moves it on: sent, failed for good
    /// (refused, or the last allowed attempt), or pending again after <paramref name="retryAfter"/>.
    /// </summary>
    public async Task RecordAsync(Delivery delivery, DeliveryResult result, int maxAttempts, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var state = result == DeliveryResult.Sent ? NotificationKinds.States.Sent
            : result.Outcome == "failed" || delivery.Attempt >= maxAttempts ? NotificationKinds.States.Failed
            : NotificationKinds.States.Pending;
        await using var batch = database.CreateBatch();
        var update = new NpgsqlBatchCommand("""
            UPDATE notify_deliveries SET state = @state, lease_until = NULL, last_error = @error,
                   sent_at = CASE WHEN @state = 'sent' THEN now() ELSE sent_at END,
                   next_attempt_at = CASE WHEN @state = 'pending' THEN now() + @retry ELSE next_attempt_at END
            WHERE id = @id AND state = 'pending'
            """);
        update.Parameters.AddWithValue("state", state);
        update.Parameters.AddWithValue("error", (object?)result.Error ?? DBNull.Value);
        update.Parameters.AddWithValue("retry", retryAfter);
        update.Parameters.AddWithValue("id", delivery.Id);
        batch.BatchCommands.Add(update);
        var attempt = new NpgsqlBatchCommand("""
            INSERT INTO notify_attempts (delivery_id, attempt, at, outcome, error) VALUES (@id, @attempt, now(), @outcome, @error)
            ON CONFLICT (delivery_id, attempt) DO NOTHING
            """);
        attempt.Parameters.AddWithValue("id", delivery.Id);
        attempt.Parameters.AddWithValue("attempt", delivery.Attempt);
        attempt.Parameters.AddWithValue("outcome", result.Outcome);
        attempt.Parameters.AddWithValue("error", (object?)result.Error ?? DBNull.Value);
        batch.BatchCommands.Add(attempt);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
