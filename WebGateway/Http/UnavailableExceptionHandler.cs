using Microsoft.AspNetCore.Diagnostics;

namespace Enlace.WebGateway.Http;

/// <summary>
/// Answers what escaped an endpoint or a middleware, as <see cref="FailureClassifier"/> says:
/// the cluster or the database away is the server's trouble, not the client's — 503 with
/// Retry-After; an unreadable request its 4xx; a client that left nothing; a database role
/// without a grant a 500 logged as a deployment error. A bug is left to
/// the framework, which logs it and answers a 500 problem without details. Log lines name
/// the cause and the route, never a body.
/// </summary>
public sealed partial class UnavailableExceptionHandler(ILogger<UnavailableExceptionHandler> logger, IHostApplicationLifetime lifetime) : IExceptionHandler
{
    /// <summary>Seconds a client is asked to wait before retrying.</summary>
    public const int RetryAfterSeconds = 5;

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var failure = FailureClassifier.Classify(exception, context.RequestAborted.IsCancellationRequested, lifetime.ApplicationStopping.IsCancellationRequested);
        switch (failure.Kind)
        {
            case FailureClassifier.Kind.ClientGone:
                LogClientGone(failure.Cause, context.Request.Method, context.Request.Path);
                context.Response.StatusCode = failure.Status;
                return true;
            case FailureClassifier.Kind.Rejected:
                await Problems.Create(failure.Status, failure.Status == 413 ? "The request body is too large." : "The request could not be read: check the JSON and the field types.")
                    .ToResult().ExecuteAsync(context);
                return true;
            case FailureClassifier.Kind.Unavailable:
                LogUnavailable(failure.Cause, context.Request.Method, context.Request.Path);
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Problems.Create(503, "Storage or cluster unavailable; nothing was changed unless a retry with the same Idempotency-Key says so. Retry shortly.")
                    .ToResult().ExecuteAsync(context);
                return true;
            case FailureClassifier.Kind.PermissionDenied:
                LogPermissionDenied(failure.Cause, context.Request.Method, context.Request.Path);
                await Problems.Create(500, "The server is not set up correctly (a database permission is missing); its operators can see which in its log.")
                    .ToResult().ExecuteAsync(context);
                return true;
            default:
                return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Cause} on {Method} {Path}: answered 503")]
    private partial void LogUnavailable(string cause, string method, PathString path);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Cause} (permission denied) on {Method} {Path}: a database role lacks a grant — the deployment is wrong, not the request; see docs/OPERATIONS.md, \"Database roles\". Answered 500")]
    private partial void LogPermissionDenied(string cause, string method, PathString path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Cause} on {Method} {Path}: the client had gone")]
    private partial void LogClientGone(string cause, string method, PathString path);
}
