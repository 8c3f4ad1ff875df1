using Enlace.Grains.Interfaces.Notifications;
using Enlace.Grains.Interfaces.Security;
using Enlace.WebGateway.Auth;
using Enlace.WebGateway.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Enlace.WebGateway.Notifications;

/// <summary>
/// <c>/api/v1/me/notification-settings</c>: the signed-in person's e-mail address, language and kinds.
/// Coordinators' addresses receive the notifications of their countries (as their token says when
/// they save); other people may save settings, which take effect once they coordinate.
/// </summary>
public static class NotificationSettingsApi
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapNotificationSettingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me/notification-settings").WithTags("Notifications").RequireAuthorization();
        group.MapGet("/", Get).WithName("GetNotificationSettings").WithSummary("The caller's notification settings (defaults until saved).")
            .Produces<NotificationSettingsView>().ProducesProblem(503);
        group.MapPut("/", Put).WithName("PutNotificationSettings")
            .WithSummary("Saves the caller's e-mail address (null: no e-mail), language (es or en) and the notification kinds wanted.")
            .Produces<NotificationSettingsView>().ProducesProblem(400).ProducesProblem(503);
        return group;
    }

    private static async Task<IResult> Get(HttpContext http, [FromServices] NpgsqlDataSource? database)
    {
        if (database is null)
        {
            return Problems.NoReadModel();
        }

        var caller = http.ToCaller();
        await using var command = database.CreateCommand("SELECT email, language, kinds FROM notify_user_settings WHERE user_id = @user");
        command.Parameters.AddWithValue("user", caller.UserId);
        await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
        var view = await reader.ReadAsync(http.RequestAborted)
            ? new NotificationSettingsView(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), false)
            : new NotificationSettingsView(null, caller.English ? "en" : "es", NotificationKinds.All, false);
        return TypedResults.Ok(view with { ReceivesEmail = view.Email is not null && caller.Is(Caller.Coordinator) });
    }

    private static async Task<IResult> Put(HttpContext http, [FromServices] NpgsqlDataSource? database, NotificationSettingsRequest body)
    {
        var errors = new Dictionary<string, string[]>();
        var email = string.IsNullOrWhiteSpace(body.Email) ? null : body.Email.Trim();
        if (email is not null && (email.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || parsed.DisplayName.Length > 0))
        {
            errors["email"] = ["is not an e-mail address: write it bare (nombre@institucion.gob.pe), or null for no e-mail"];
        }

        if (body.Language is not ("es" or "en"))
        {
            errors["language"] = ["must be es or en"];
        }

        var kinds = body.Kinds ?? [];
        if (body.Kinds is null)
        {
            errors["kinds"] = [$"is required: a list of the kinds wanted, of {string.Join(", ", NotificationKinds.All)} (empty: none)"];
        }

        for (var i = 0; i < kinds.Count; i++)
        {
            if (kinds[i] is not { } kind || !NotificationKinds.All.Contains(kind))
            {
                errors[$"kinds[{i}]"] = [$"'{kinds[i]}' is not a notification kind; use one of {string.Join(", ", NotificationKinds.All)}"];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Create(400, "The notification settings are invalid; nothing was saved.", errors).ToResult();
        }

        if (database is null)
        {
            return Problems.NoReadModel();
        }

        var caller = http.ToCaller();
        string[] wanted = [.. kinds.Select(k => k!).Distinct()];
        await using var command = database.CreateCommand("""
            INSERT INTO notify_user_settings (user_id, email, language, kinds, coordinator, countries, updated_at)
            VALUES (@user, @email, @language, @kinds, @coordinator, @countries, now())
            ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, language = EXCLUDED.language, kinds = EXCLUDED.kinds,
                coordinator = EXCLUDED.coordinator, countries = EXCLUDED.countries, updated_at = EXCLUDED.updated_at
            """);
        command.Parameters.AddWithValue("user", caller.UserId);
        command.Parameters.AddWithValue("email", NpgsqlTypes.NpgsqlDbType.Text, (object?)email ?? DBNull.Value);
        command.Parameters.AddWithValue("language", body.Language!);
        command.Parameters.AddWithValue("kinds", wanted);
        command.Parameters.AddWithValue("coordinator", caller.Is(Caller.Coordinator));
        command.Parameters.AddWithValue("countries", caller.Countries.IsDefault ? Array.Empty<string>() : caller.Countries.ToArray());
        await command.ExecuteNonQueryAsync(http.RequestAborted);
        return TypedResults.Ok(new NotificationSettingsView(email, body.Language!, wanted, email is not null && caller.Is(Caller.Coordinator)));
    }
}
