using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;

namespace Enlace.WebGateway.Http;

/// <summary>
/// A per-user (or, before sign-in, per-address) request budget on the API and, on top of it,
/// the tighter budgets of <see cref="RateBudget"/> route classes — announced on every response
/// with <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c> and <c>RateLimit-Reset</c> (of the
/// tighter budget where one applies); over budget, 429 with <c>Retry-After</c>. The address is
/// the connection's peer, or what a trusted proxy says it forwarded for (<see cref="TrustedProxies"/>).
/// </summary>
public static class ApiRateLimit
{
    /// <summary>Headers announced on every API response.</summary>
    public static readonly string[] Headers = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Declares that the route's requests also count against <paramref name="budget"/>.</summary>
    public static TBuilder WithRateBudget<TBuilder>(this TBuilder builder, RateBudget budget)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BudgetMetadata(budget));

    /// <summary>Adds the budgets to the pipeline for <c>/api</c> routes (after routing and authentication).</summary>
    public static IApplicationBuilder UseApiRateLimit(this IApplicationBuilder app, ApiRateLimitOptions options)
    {
        options.Validate();
        var general = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
            Who(context), _ => Fixed(options.RequestsPerMinute)));
        var routes = PartitionedRateLimiter.Create<(RateBudget Budget, string Who), (RateBudget, string)>(key => RateLimitPartition.GetFixedWindowLimiter(
            key, k => Fixed(options.PerMinute(k.Item1))));
        return app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                await next(context);
                return;
            }

            using var lease = general.AttemptAcquire(context);
            var limit = options.RequestsPerMinute;
            var remaining = general.GetStatistics(context)?.CurrentAvailablePermits ?? 0;
            var refusal = lease.IsAcquired ? null : $"More than {limit} requests in a minute";
            var budget = lease.IsAcquired ? BudgetOf(context) : null;
            using var routeLease = budget is { } b ? routes.AttemptAcquire((b, Who(context))) : null;
            if (budget is { } applied && routeLease is not null)
            {
                limit = options.PerMinute(applied);
                remaining = routes.GetStatistics((applied, Who(context)))?.CurrentAvailablePermits ?? 0;
                refusal = routeLease.IsAcquired ? null : $"More than {limit} {Describe(applied)} in a minute";
            }

            context.Response.Headers["RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["RateLimit-Reset"] = ((int)Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            if (refusal is not null)
            {
                context.Response.Headers.RetryAfter = ((int)Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await Problems.Create(429, $"{refusal}; retry after the time in Retry-After.").ToResult().ExecuteAsync(context);
                return;
            }

            await next(context);
        });
    }

    // The budget's owner: the signed-in user, or else the client's address.
    private static string Who(HttpContext context) =>
        context.User.FindFirstValue("sub") is { } user ? $"user:{user}" : $"address:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";

    // The route class of this request, the tightest first: anonymous before anything else.
    private static RateBudget? BudgetOf(HttpContext context)
    {
        if (context.User.FindFirstValue("sub") is null)
        {
            return RateBudget.Anonymous;
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<BudgetMetadata>() is { } declared)
        {
            return declared.Budget;
        }

        return HttpMethods.IsGet(context.Request.Method) && Csv.IsWanted(context.Request) ? RateBudget.Exports : null;
    }

    private static string Describe(RateBudget budget) => budget switch
    {
        RateBudget.Anonymous => "requests without a token from this address",
        RateBudget.IdentityReads => "identity reads",
        RateBudget.Exports => "CSV exports",
        _ => "audit chain verifications",
    };

    private sealed record BudgetMetadata(RateBudget Budget);

    private static FixedWindowRateLimiterOptions Fixed(int permits) =>
        new() { PermitLimit = permits, Window = Window, QueueLimit = 0, AutoReplenishment = true };
}
