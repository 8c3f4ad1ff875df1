using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;

namespace Enlace.WebGateway.Http;

/// <summary>
/// A per-user (or, before sign-in, per-address) request budget on the API, announced on
/// every response with <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c> and <c>RateLimit-Reset</c>;
/// over budget, 429 with <c>Retry-After</c>.
/// </summary>
public static class ApiRateLimit
{
    /// <summary>Headers announced on every API response.</summary>
    public static readonly string[] Headers = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Adds the budget to the pipeline for <c>/api</c> routes.</summary>
    public static IApplicationBuilder UseApiRateLimit(this IApplicationBuilder app, int requestsPerMinute)
    {
        var limiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
            context.User.FindFirstValue("sub") ?? context.Connection.RemoteIpAddress?.ToString() ?? "anonymous",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = requestsPerMinute, Window = Window, QueueLimit = 0 }));
        return app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                await next(context);
                return;
            }

            using var lease = limiter.AttemptAcquire(context);
            var remaining = limiter.GetStatistics(context)?.CurrentAvailablePermits ?? 0;
            context.Response.Headers["RateLimit-Limit"] = requestsPerMinute.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["RateLimit-Reset"] = ((int)Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            if (!lease.IsAcquired)
            {
                context.Response.Headers.RetryAfter = ((int)Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await Problems.Create(429, $"More than {requestsPerMinute} requests in a minute; retry after the time in Retry-After.").ToResult().ExecuteAsync(context);
                return;
            }

            await next(context);
        });
    }
}
