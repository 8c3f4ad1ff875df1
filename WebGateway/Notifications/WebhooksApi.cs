using System.Security.Cryptography;
using Enlace.Grains.Interfaces.Notifications;
using Enlace.Grains.Interfaces.Security;
using Enlace.WebGateway.Auth;
using Enlace.WebGateway.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Enlace.WebGateway.Notifications;

/// <summary>
/// <c>/api/v1/webhooks</c> (administrators): subscribers that receive notifications as signed JSON
/// calls, and the log of those calls. The secret is sealed by the silos (the gateway holds no
/// master key) and never returned.
/// </summary>
public static class WebhooksApi
{
    /// <summary>The configuration of hosts that may be called over plain http (shared with the silos' sender).</summary>
    public const string AllowedHostsSetting = "Notifications:Webhooks:AllowedHosts";

    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequireAuthorization();
        group.MapPost("/", Register).WithName("RegisterWebhook")
            .WithSummary("Registers a subscriber: an https URL, the event kinds it receives and the secret its calls are signed with (write-only); administrators.")
            .Produces<WebhookView>(201).ProducesProblem(403).ProducesProblem(503).ProducesCommandProblems();
        group.MapGet("/", List).WithName("ListWebhooks").WithSummary("The registered subscribers (never their secrets); administrators.")
            .Produces<WebhookList>().ProducesProblem(403).ProducesProblem(503);
        group.MapDelete("/{id}", Delete).WithName("DeleteWebhook").WithSummary("Stops a subscriber's deliveries; its log stays; administrators.")
            .Produces(204).ProducesProblem(403).ProducesProblem(404).ProducesProblem(503);
        group.MapGet("/{id}/deliveries", Deliveries).WithName("ListWebhookDeliveries")
            .WithSummary("The delivery log of a subscriber, newest first: each event, its state, attempts and last error; administrators.")
            .Produces<ListPage<WebhookDeliveryView>>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(503);
        return group;
    }

    private static Task<IResult> Register(
        HttpContext http, IClusterClient grains, IConfiguration configuration, WebhookRequest body,
        [FromServices] NpgsqlDataSource? database = null, [FromServices] IdempotencyStore? store = null)
    {
        var caller = http.ToCaller();
        if (!caller.Is(Caller.Admin))
        {
            return Task.FromResult(Problems.Create(403, "Only administrators register webhook subscribers.").ToResult());
        }

        var errors = new Dictionary<string, string[]>();
        var allowed = configuration.GetSection(AllowedHostsSetting).Get<string[]>() ?? [];
        var urlProblem = body.Url is null ? "is required: the subscriber's absolute https URL"
            : body.Url.Length > 2000 ? "must be at most 2000 characters"
            : WebhookUrls.Check(body.Url, allowed);
        if (urlProblem is not null)
        {
            errors["url"] = [urlProblem];
        }

        if (body.Kinds is not { Count: > 0 } kinds)
        {
            errors["kinds"] = [$"is required: the event kinds to receive, of {string.Join(", ", NotificationKinds.All)}"];
        }
        else
        {
            for (var i = 0; i < kinds.Count; i++)
            {
                if (kinds[i] is not { } kind || !NotificationKinds.All.Contains(kind))
                {
                    errors[$"kinds[{i}]"] = [$"'{kinds[i]}' is not an event kind; use one of {string.Join(", ", NotificationKinds.All)}"];
                }
            }
        }

        if (body.Secret is not { Length: >= 16 and <= 256 })
        {
            errors["secret"] = ["is required: 16 to 256 characters, shared with the receiver to verify the Enlace-Signature header"];
        }

        if (errors.Count > 0)
        {
            return Task.FromResult(Problems.Create(400, "The webhook subscriber is invalid; nothing was registered.", errors).ToResult());
        }

        if (database is null)
        {
            return Task.FromResult(Problems.NoReadModel());
        }

        return CommandRequest.RunAsync(http, store, body, async _ =>
        {
            var id = $"wh-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
            var sealedSecret = await grains.GetGrain<IWebhookSecretGrain>(0).Seal(caller, id, body.Secret!)
                ?? throw new InvalidOperationException("the silo refused to seal the secret of an administrator's webhook");
            string[] wanted = [.. body.Kinds!.Select(k => k!).Distinct()];
            await using var command = database.CreateCommand("""
                INSERT INTO notify_webhooks (id, url, kinds, sealed_secret, created_by, created_at) VALUES (@id, @url, @kinds, @secret, @user, now())
                RETURNING created_at
                """);
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("url", body.Url!);
            command.Parameters.AddWithValue("kinds", wanted);
            command.Parameters.AddWithValue("secret", sealedSecret);
            command.Parameters.AddWithValue("user", caller.UserId);
            var createdAt = (DateTime)(await command.ExecuteScalarAsync(http.RequestAborted))!;
            var view = new WebhookView(id, body.Url!, wanted, caller.UserId, new DateTimeOffset(createdAt, TimeSpan.Zero));
            return new ApiResponse(201, Json.Write(view), "application/json", $"/api/v1/webhooks/{id}");
        });
    }

    private static async Task<IResult> List(HttpContext http, [FromServices] NpgsqlDataSource? database)
    {
        if (!http.ToCaller().Is(Caller.Admin))
        {
            return Problems.Create(403, "Only administrators see webhook subscribers.").ToResult();
        }

        if (database is null)
        {
            return Problems.NoReadModel();
        }

        await using var command = database.CreateCommand("SELECT id, url, kinds, created_by, created_at FROM notify_webhooks WHERE deleted_at IS NULL ORDER BY created_at, id");
        var items = new List<WebhookView>();
        await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
        while (await reader.ReadAsync(http.RequestAborted))
        {
            items.Add(new WebhookView(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return TypedResults.Ok(new WebhookList(items));
    }

    private static async Task<IResult> Delete(HttpContext http, [FromServices] NpgsqlDataSource? database, string id)
    {
        if (!http.ToCaller().Is(Caller.Admin))
        {
            return Problems.Create(403, "Only administrators delete webhook subscribers.").ToResult();
        }

        if (database is null)
        {
            return Problems.NoReadModel();
        }

        // Pending calls of a deleted subscriber are given up by the sender ("the subscriber was deleted").
        await using var command = database.CreateCommand("UPDATE notify_webhooks SET deleted_at = now() WHERE id = @id AND deleted_at IS NULL");
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync(http.RequestAborted) == 1
            ? TypedResults.NoContent()
            : Problems.Create(404, $"No webhook subscriber '{id}' (or it was deleted already).").ToResult();
    }

    private static async Task<IResult> Deliveries(HttpContext http, [FromServices] NpgsqlDataSource? database, string id, int? page, int? pageSize, string? after)
    {
        if (!http.ToCaller().Is(Caller.Admin))
        {
            return Problems.Create(403, "Only administrators see the webhook delivery log.").ToResult();
        }

        if (!Paging.TryRead(page, pageSize, after, DeliveryList, id, out var paging, out var problem))
        {
            return problem!.ToResult();
        }

        if (database is null)
        {
            return Problems.NoReadModel();
        }

        await using (var known = database.CreateCommand("SELECT 1 FROM notify_webhooks WHERE id = @id"))
        {
            known.Parameters.AddWithValue("id", id);
            if (await known.ExecuteScalarAsync(http.RequestAborted) is null)
            {
                return Problems.Create(404, $"No webhook subscriber '{id}'.").ToResult();
            }
        }

        // Newest first from notify_deliveries_webhook_newest, from the cursor's key when there is
        // one; one row more than the page says whether another follows.
        await using var command = database.CreateCommand($"""
            SELECT d.id, d.notification_id, n.kind, n.reference, d.state, d.attempts, d.last_error, d.created_at, d.sent_at,
                   CASE WHEN d.state = 'pending' THEN d.next_attempt_at END AS next_attempt_at
            FROM notify_deliveries d JOIN rm_notifications n ON n.id = d.notification_id
            WHERE d.channel = 'webhook' AND d.recipient_ref = @id {(paging.After is null ? "" : "AND (d.created_at, d.id) < (@afterAt, @afterId)")}
            ORDER BY d.created_at DESC, d.id DESC
            LIMIT @limit OFFSET @offset
            """);
        command.Parameters.AddWithValue("id", id);
        if (paging.After is { } cursor)
        {
            command.Parameters.AddWithValue("afterAt", cursor.At);
            command.Parameters.AddWithValue("afterId", cursor.Id);
        }

        command.Parameters.AddWithValue("limit", paging.PageSize + 1);
        command.Parameters.AddWithValue("offset", paging.Offset);
        var items = new List<WebhookDeliveryView>();
        await using (var reader = await command.ExecuteReaderAsync(http.RequestAborted))
        {
            while (await reader.ReadAsync(http.RequestAborted))
            {
                items.Add(new WebhookDeliveryView(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7),
                    reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9)));
            }
        }

        string? next = null;
        if (items.Count > paging.PageSize)
        {
            items.RemoveAt(items.Count - 1);
            next = new ListCursor(false, 0, items[^1].CreatedAt, items[^1].Id).Write(DeliveryList, id);
        }

        // The total, counted no further than Paging.CountLimit (count(*) OVER () counted every one).
        await using var count = database.CreateCommand("""
            SELECT count(*)::int FROM (SELECT 1 FROM notify_deliveries d WHERE d.channel = 'webhook' AND d.recipient_ref = @id LIMIT @countLimit) s
            """);
        count.Parameters.AddWithValue("id", id);
        count.Parameters.AddWithValue("countLimit", Paging.CountLimit + 1);
        var counted = (int)(await count.ExecuteScalarAsync(http.RequestAborted))!;
        return TypedResults.Ok(new ListPage<WebhookDeliveryView>(items, paging.Page, paging.PageSize, Math.Min(counted, Paging.CountLimit), next, counted <= Paging.CountLimit));
    }

    private const string DeliveryList = "webhook-deliveries";
}
