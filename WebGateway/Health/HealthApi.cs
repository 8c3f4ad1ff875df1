using System.Text.Json;
using Enlace.WebGateway.Hosting;
using Enlace.WebGateway.Http;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Enlace.WebGateway.Health;

/// <summary>Liveness and readiness endpoints.</summary>
public static class HealthApi
{
    private const string ReadyTag = "ready";

    /// <summary>Registers the readiness checks: the Orleans cluster and PostgreSQL.</summary>
    public static IHealthChecksBuilder AddEnlaceHealthChecks(this IServiceCollection services, IConfiguration configuration, bool localhost)
    {
        var checks = services.AddHealthChecks()
            .AddCheck<OrleansClusterHealthCheck>("orleans", tags: [ReadyTag])
            .AddCheck<ReadModelHealthCheck>("read-model", tags: [ReadyTag]);
        if (!localhost)
        {
            checks.AddNpgSql(OrleansClientExtensions.RequireConnectionString(configuration), name: "postgresql", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(3));
        }

        return checks;
    }

    /// <summary>Maps <c>/health/live</c> (the process answers) and <c>/health/ready</c> (cluster and database answer).</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithTags("Health");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .WithTags("Health");
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        if (context.Response.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = UnavailableExceptionHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data.Count == 0 ? null : e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
