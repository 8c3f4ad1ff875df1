using Enlace.Grains.Interfaces.Security;
using Enlace.WebGateway.Auth;
using Enlace.WebGateway.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Enlace.WebGateway.Notifications;

/// <summary>A notification as its recipient sees it.</summary>
public sealed record NotificationView(
    string Id, string Kind, string SourceKind, string SourceId, string Reference, string? TaskId, string? Agency,
    string Title, string Detail, DateTimeOffset At, bool Read);

/// <summary>
/// <c>/api/v1/notifications</c>: what the system told the caller — coordinators receive
/// those of their countries (administrators see all); everyone else has none.
/// </summary>
public static class NotificationsApi
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization();
        group.MapGet("/", List).WithName("ListNotifications").WithSummary("The caller's notifications, newest first (?unread=true for the unread ones). CSV with Accept: text/csv.")
            .Produces<ListPage<NotificationView>>().ProducesProblem(400);
        group.MapPost("/{id}/read", MarkRead).WithName("MarkNotificationRead").WithSummary("Marks a notification read for the caller.")
            .Produces(204).ProducesProblem(404);
        return group;
    }

    private static async Task<IResult> List(HttpContext http, [FromServices] NpgsqlDataSource? database, bool? unread, int? page, int? pageSize)
    {
        if (!Paging.TryRead(page, pageSize, out var paging, out var problem))
        {
            return problem!.ToResult();
        }

        if (database is null)
        {
            return Problems.NoReadModel();
        }

        var caller = http.ToCaller();
        await using var command = database.CreateCommand($"""
            SELECT n.id, n.kind, n.source_kind, n.source_id, n.reference, n.task_id, n.agency, n.title, n.detail, n.at,
                   r.user_id IS NOT NULL, count(*) OVER ()::int
            FROM rm_notifications n
            LEFT JOIN rm_notification_reads r ON r.notification_id = n.id AND r.user_id = @user
            WHERE {Audience} {(unread == true ? "AND r.user_id IS NULL" : unread == false ? "AND r.user_id IS NOT NULL" : "")}
            ORDER BY n.at DESC, n.id
            LIMIT @limit OFFSET @offset
            """);
        AddAudience(command, caller);
        command.Parameters.AddWithValue("limit", paging.PageSize);
        command.Parameters.AddWithValue("offset", (long)(paging.Page - 1) * paging.PageSize);
        var items = new List<NotificationView>();
        var total = 0;
        await using (var reader = await command.ExecuteReaderAsync(http.RequestAborted))
        {
            while (await reader.ReadAsync(http.RequestAborted))
            {
                items.Add(new NotificationView(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.GetString(7), reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9), reader.GetBoolean(10)));
                total = reader.GetInt32(11);
            }
        }

        return Csv.Negotiate(http, new ListPage<NotificationView>(items, paging.Page, paging.PageSize, items.Count == 0 ? 0 : total), "notificaciones");
    }

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

    private const string Audience = "(@admin OR (@coordinator AND n.countries && @countries))";

    private static void AddAudience(NpgsqlCommand command, Caller caller)
    {
        command.Parameters.AddWithValue("user", caller.UserId);
        command.Parameters.AddWithValue("admin", caller.Is(Caller.Admin));
        command.Parameters.AddWithValue("coordinator", caller.Is(Caller.Coordinator));
        command.Parameters.AddWithValue("countries", caller.Countries.IsDefault ? Array.Empty<string>() : caller.Countries.ToArray());
    }
}
