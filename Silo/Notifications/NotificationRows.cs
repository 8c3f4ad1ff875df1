using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Notifications;
using Enlace.Grains.ReferenceData;
using Npgsql;
using NpgsqlTypes;

namespace Enlace.Silo.Notifications;

/// <summary>
/// The one statement that creates a notification and, only if it is new, its deliveries: one per
/// addressed agency, per coordinator of its countries who asked for its kind, and per webhook
/// subscriber of its kind. A projection that runs again finds the notification there and adds
/// nothing, so each delivery exists once, created in the transaction that created the notification.
/// </summary>
public static class NotificationRows
{
    private const string Sql = """
        WITH n AS (
            INSERT INTO rm_notifications (id, kind, countries, source_kind, source_id, reference, task_id, agency, title, detail, at)
            VALUES (@id, @kind, @countries, @sourceKind, @source, @reference, @task, @agency, @title, @detail, @at)
            ON CONFLICT (id) DO NOTHING
            RETURNING id, kind, countries
        )
        INSERT INTO notify_deliveries (id, notification_id, channel, recipient, recipient_kind, recipient_ref, language, next_attempt_at, created_at)
        SELECT gen_random_uuid()::text, n.id, r.channel, r.recipient, r.recipient_kind, r.recipient_ref, r.language, now(), now()
        FROM n CROSS JOIN LATERAL (
            SELECT 'email', a.email, 'agency', a.code, a.language
            FROM unnest(@agencyEmails::text[], @agencyCodes::text[], @agencyLanguages::text[]) AS a (email, code, language)
            WHERE @email
            UNION ALL
            SELECT 'email', u.email, 'user', u.user_id, u.language FROM notify_user_settings u
            WHERE @email AND u.coordinator AND u.email IS NOT NULL AND u.countries && n.countries AND n.kind = ANY (u.kinds)
            UNION ALL
            SELECT 'webhook', w.id, 'webhook', w.id, 'en' FROM notify_webhooks w
            WHERE w.deleted_at IS NULL AND n.kind = ANY (w.kinds)
        ) AS r (channel, recipient, recipient_kind, recipient_ref, language)
        ON CONFLICT (notification_id, channel, recipient) DO NOTHING
        """;

    /// <summary>
    /// The statement for notification <paramref name="id"/>; <paramref name="agencies"/> are the
    /// agencies it concerns (those with an address that want <paramref name="kind"/> get an e-mail).
    /// </summary>
    public static NpgsqlBatchCommand Insert(
        string id, string kind, string[] countries, string sourceKind, string sourceId, string reference, string? taskId, string? agency,
        string title, string detail, DateTimeOffset at, IEnumerable<Agency> agencies, bool email)
    {
        var addressed = agencies
            .Where(a => a.Notifications is { } n && (n.Kinds is null || n.Kinds.Contains(kind)))
            .Select(a => (a.Code, a.Notifications!.Email, a.Notifications.Language))
            .ToList();
        var command = new NpgsqlBatchCommand(Sql);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("countries", countries);
        command.Parameters.AddWithValue("sourceKind", sourceKind);
        command.Parameters.AddWithValue("source", sourceId);
        command.Parameters.AddWithValue("reference", reference);
        command.Parameters.AddWithValue("task", NpgsqlDbType.Text, (object?)taskId ?? DBNull.Value);
        command.Parameters.AddWithValue("agency", NpgsqlDbType.Text, (object?)agency ?? DBNull.Value);
        command.Parameters.AddWithValue("title", title);
        command.Parameters.AddWithValue("detail", detail);
        command.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = at.UtcDateTime });
        command.Parameters.AddWithValue("agencyEmails", addressed.Select(a => a.Email).ToArray());
        command.Parameters.AddWithValue("agencyCodes", addressed.Select(a => a.Code).ToArray());
        command.Parameters.AddWithValue("agencyLanguages", addressed.Select(a => a.Language).ToArray());
        command.Parameters.AddWithValue("email", email);
        return command;
    }

    /// <summary>The notification kind of a <c>task-escalated</c> audit event: a missed acknowledgement is a referral left unacknowledged.</summary>
    public static string EscalationKind(string? trigger) =>
        trigger == EscalationTriggers.Acknowledgement ? NotificationKinds.ReferralUnacknowledged : NotificationKinds.TaskEscalated;
}
