using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Enlace.WebGateway.Http;

/// <summary>
/// The cluster or the database not answering is the server's trouble, not the client's:
/// 503 with Retry-After. Anything else unexpected becomes a problem body without details.
/// </summary>
public sealed partial class UnavailableExceptionHandler(ILogger<UnavailableExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException bad)
        {
            var status = bad.StatusCode;
            await Problems.Create(status, status == 413 ? "The request body is too large." : "The request could not be read: check the JSON and the field types.")
                .ToResult().ExecuteAsync(context);
            return true;
        }

        if (!IsUnavailable(exception))
        {
            return false;
        }

        LogUnavailable(exception.GetType().Name, context.Request.Path);
        context.Response.Headers.RetryAfter = "5";
        await Problems.Create(503, "Storage or cluster unavailable; nothing was changed unless a retry with the same Idempotency-Key says so. Retry shortly.")
            .ToResult().ExecuteAsync(context);
        return true;
    }

    private static bool IsUnavailable(Exception exception) => exception switch
    {
        OrleansException or TimeoutException or NpgsqlException or Orleans.Storage.InconsistentStateException or OperationCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsUnavailable),
        _ => exception.InnerException is { } inner && IsUnavailable(inner),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Exception} on {Path}: answered 503")]
    private partial void LogUnavailable(string exception, PathString path);
}
