using System.Security.Cryptography;
using System.Text;
using Enlace.Grains.Interfaces.Cases;
using Enlace.WebGateway.Auth;

namespace Enlace.WebGateway.Http;

/// <summary>
/// What every command request carries besides its body: the caller, an optional
/// Idempotency-Key and an optional If-Match, checked here; and the idempotent
/// execution of the command.
/// </summary>
public static class CommandRequest
{
    /// <summary>Runs <paramref name="command"/> at most once per (user, Idempotency-Key): a retry gets the first response.</summary>
    public static async Task<IResult> RunAsync<TBody>(
        HttpContext http, IdempotencyStore? store, TBody body, Func<CommandContext, Task<ApiResponse>> command)
    {
        var caller = http.ToCaller();
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (http.Request.Headers.ContainsKey("Idempotency-Key") && !IsValidKey(key))
        {
            return Problems.Create(400, "Idempotency-Key must be 1–200 printable ASCII characters.").ToResult();
        }

        if (!TryIfMatch(http, out var expected))
        {
            return Problems.Create(400, "If-Match must be a version such as \"3\".").ToResult();
        }

        var context = new CommandContext(caller, key.Length > 0 ? key : null, expected);
        if (context.IdempotencyKey is null || store is null)
        {
            return (await command(context)).ToResult();
        }

        var hash = RequestHash(http.Request.Method, http.Request.Path, http.Request.Headers.IfMatch.ToString(), body);
        var (outcome, stored) = await store.ClaimAsync(caller.UserId, context.IdempotencyKey, hash, http.RequestAborted);
        switch (outcome)
        {
            case IdempotencyStore.ClaimOutcome.Replay:
                return stored!.ToResult();
            case IdempotencyStore.ClaimOutcome.Mismatch:
                return Problems.Create(422, "This Idempotency-Key was already used with another request.").ToResult();
            case IdempotencyStore.ClaimOutcome.InProgress:
                return Problems.Create(409, "A request with this Idempotency-Key is still being processed; retry in a moment.").ToResult();
        }

        ApiResponse response;
        try
        {
            response = await command(context);
        }
        catch
        {
            await store.ReleaseAsync(caller.UserId, context.IdempotencyKey);
            throw;
        }

        await store.CompleteAsync(caller.UserId, context.IdempotencyKey, response, CancellationToken.None);
        return response.ToResult();
    }

    /// <summary>
    /// Declares what <see cref="RunAsync"/> itself may answer on the route: 400 (a malformed
    /// Idempotency-Key or If-Match, or an invalid body), 409 (a request with the same key still
    /// running) and 422 (the key already used with another request).
    /// </summary>
    public static RouteHandlerBuilder ProducesCommandProblems(this RouteHandlerBuilder route) =>
        route.ProducesProblem(400).ProducesProblem(409).ProducesProblem(422);

    /// <summary>What tells a retry from another request with the same key: method, path, If-Match and the bound body.</summary>
    public static string RequestHash<TBody>(string method, string path, string ifMatch, TBody body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{method} {path}\n{ifMatch}\n{Json.Write(body)}")));

    private static bool IsValidKey(string key) => key.Length is > 0 and <= 200 && key.All(c => c is >= '!' and <= '~');

    private static bool TryIfMatch(HttpContext http, out int? version)
    {
        version = null;
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return true;
        }

        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        value = value.Trim('"');
        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            version = parsed;
            return true;
        }

        return false;
    }
}
