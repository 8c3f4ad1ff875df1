using Enlace.Grains.Interfaces.Security;
using Enlace.WebGateway.Auth;
using Enlace.WebGateway.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Enlace.WebGateway.Notifications;

/// <summary>A notification as its recipient sees it.</summary>
public sealed record NotificationView(
    string Id, string Kind, string SourceKind, string SourceId, string Reference, string? TaskId, string? Agency,
    string Title, string Detail, DateTimeOffset At, bool Read, int DeliveriesSent, int DeliveriesPending, int DeliveriesFailed);

/// <summary>
/// <c>/api/v1/notifications</c>: what the system told the caller — coordinators receive
/// those of their countries; everyone else (administrators too: they concern case work) has none.
/// </summary>
public static class NotificationsApi
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization();
        group.MapGet("/", List).WithName("ListNotifications").WithSummary("The caller's notifications, newest first (?unread=true for the unread ones); page on with ?after= (the previous page's next). CSV with Accept: text/csv.")
            .Produces<ListPage<NotificationView>>().ProducesCsv().ProducesProblem(400);
        group.MapPost("/{id}/read", MarkRead).WithName("MarkNotificationRead").WithSummary("Marks a notification read for the caller.")
            .Produces(204).ProducesProblem(404);
        group.MapGet("/{id}/deliveries", Deliveries).WithName("ListNotificationDeliveries")
            .WithSummary("The e-mails and webhook calls of a notification: channel, recipient (agency code, user id or subscriber id), state, attempts, last error.")
            .Produces<DeliveryList>().ProducesProblem(404).ProducesProblem(503);
        return group;
    }

    private static async Task<IResult> List(HttpContext http, [FromServices] NpgsqlDataSource? database, bool? unread, int? page, int? pageSize, string? after)
    {
        if (!Paging.TryRead(page, pageSize, after, ListName, ListKey(unread), out var paging, out var problem))
        {
            return problem!.ToResult();
        }

        if (database is null)
        {
            return Problems.NoReadModel();
        }

        // Newest first from rm_notifications_newest, from the cursor's key when there is one;
        // one row more than the page says whether another follows.
        var caller = http.ToCaller();
        var filter = $"{Audience} {(unread == true ? "AND r.user_id IS NULL" : unread == false ? "AND r.user_id IS NOT NULL" : "")}";
        const string From = """
            rm_notifications n
            LEFT JOIN rm_notification_reads r ON r.notification_id = n.id AND r.user_id = @user
            """;
        await using var command = database.CreateCommand($"""
            SELECT n.id, n.kind, n.source_kind, n.source_id, n.reference, n.task_id, n.agency, n.title, n.detail, n.at,
                   r.user_id IS NOT NULL,
                   coalesce(d.sent, 0), coalesce(d.pending, 0), coalesce(d.failed, 0)
            FROM {From}
            LEFT JOIN LATERAL (
                SELECT count(*) FILTER (WHERE state = 'sent')::int AS sent, count(*) FILTER (WHERE state = 'pending')::int AS pending,
                       count(*) FILTER (WHERE state = 'failed')::int AS failed
                FROM notify_deliveries WHERE notification_id = n.id) d ON true
            WHERE {filter} {(paging.After is null ? "" : "AND (n.at, n.id) < (@afterAt, @afterId)")}
            ORDER BY n.at DESC, n.id DESC
            LIMIT @limit OFFSET @offset
            """);
        AddAudience(command, caller);
        if (paging.After is { } cursor)
        {
            command.Parameters.AddWithValue("afterAt", cursor.At);
            command.Parameters.AddWithValue("afterId", cursor.Id);
        }

        command.Parameters.AddWithValue("limit", paging.PageSize + 1);
        command.Parameters.AddWithValue("offset", paging.Offset);
        var items = new List<NotificationView>();
        await using (var reader = await command.ExecuteReaderAsync(http.RequestAborted))
        {
            while (await reader.ReadAsync(http.RequestAborted))
            {
                items.Add(new NotificationView(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.GetString(7), reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9), reader.GetBoolean(10),
                    reader.GetInt32(11), reader.GetInt32(12), reader.GetInt32(13)));
            }
        }

        string? next = null;
        if (items.Count > paging.PageSize)
        {
            items.RemoveAt(items.Count - 1);
            next = new ListCursor(false, 0, items[^1].At, items[^1].Id).Write(ListName, ListKey(unread));
        }

        // The total, counted no further than Paging.CountLimit (count(*) OVER () counted every one).
        await using var count = database.CreateCommand($"SELECT count(*)::int FROM (SELECT 1 FROM {From} WHERE {filter} LIMIT @countLimit) s");
        AddAudience(count, caller);
        count.Parameters.AddWithValue("countLimit", Paging.CountLimit + 1);
        var counted = (int)(await count.ExecuteScalarAsync(http.RequestAborted))!;
        var listPage = new ListPage<NotificationView>(items, paging.Page, paging.PageSize, Math.Min(counted, Paging.CountLimit), next, counted <= Paging.CountLimit);
        return Csv.Negotiate(http, listPage, "notificaciones");
    }

    private const string ListName = "notifications";

    private static string ListKey(bool? unread) => unread switch { true => "unread", false => "read", null => "" };

    private static async Task<IResult> MarkRead(HttpContext http, [FromServices] NpgsqlDataSource? database, string id)
    {
        if (database is null)
        {
            return Problems.NoReadModel();
        }

        var caller = http.ToCaller();
        await using var command = database.CreateCommand($"""
            INSERT INTO rm_notification_reads (notification_id, user_id, read_at)
            SELECT n.id, @user, now() FROM rm_notifications n WHERE n.id = @id AND {Audience}
            ON CONFLICT (user_id, notification_id) DO NOTHING
            RETURNING 1
            """);
        AddAudience(command, caller);
        command.Parameters.AddWithValue("id", id);
        var marked = await command.ExecuteScalarAsync(http.RequestAborted) is not null;
        if (!marked)
        {
            // Already read, or not the caller's: tell the two apart without revealing others'.
            await using var seen = database.CreateCommand($"SELECT 1 FROM rm_notifications n WHERE n.id = @id AND {Audience}");
            AddAudience(seen, caller);
            seen.Parameters.AddWithValue("id", id);
            if (await seen.ExecuteScalarAsync(http.RequestAborted) is null)
            {
                return Problems.Create(404, "No such notification.").ToResult();
            }
        }

        return TypedResults.NoContent();
    }

    private static async Task<IResult> Deliveries(HttpContext http, [FromServices] NpgsqlDataSource? database, string id)
    {
        if (database is null)
        {
            return Problems.NoReadModel();
        }

        var caller = http.ToCaller();
        await using (var seen = database.CreateCommand($"SELECT 1 FROM rm_notifications n WHERE n.id = @id AND {Audience}"))
        {
            AddAudience(seen, caller);
            seen.Parameters.AddWithValue("id", id);
            if (await seen.ExecuteScalarAsync(http.RequestAborted) is null)
            {
                return Problems.Create(404, "No such notification.").ToResult();
            }
        }

        await using var command = database.CreateCommand("""
            SELECT id, channel, recipient_kind, recipient_ref, state, attempts, last_error, created_at, sent_at,
                   CASE WHEN state = 'pending' THEN next_attempt_at END
            FROM notify_deliveries WHERE notification_id = @id
            ORDER BY channel, recipient_kind, recipient_ref
            """);
        command.Parameters.AddWithValue("id", id);
        var items = new List<DeliveryView>();
        await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
        while (await reader.ReadAsync(http.RequestAborted))
        {
            items.Add(new DeliveryView(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return TypedResults.Ok(new DeliveryList(items));
    }

    private const string Audience = "(@coordinator AND n.countries && @countries)";

    private static void AddAudience(NpgsqlCommand command, Caller caller)
    {
        command.Parameters.AddWithValue("user", caller.UserId);
        command.Parameters.AddWithValue("coordinator", caller.Is(Caller.Coordinator));
        command.Parameters.AddWithValue("countries", caller.Countries.IsDefault ? Array.Empty<string>() : caller.Countries.ToArray());
    }
}
