using Enlace.Grains.Interfaces.Hosting;
using Enlace.WebGateway.Auth;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Dashboard;

namespace Enlace.WebGateway.Hosting;

/// <summary>
/// The gateway's logs, metrics and traces — ASP.NET Core, HttpClient, Npgsql, the Orleans
/// client, the runtime — with OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; the Prometheus
/// scrape endpoint and the Orleans dashboard.
/// </summary>
public static class GatewayTelemetry
{
    /// <summary>The service name in every exported resource.</summary>
    public const string ServiceName = "enlace-gateway";

    /// <summary>Where administrators find the Orleans dashboard.</summary>
    public const string DashboardPath = "/admin/orleans";

    /// <summary>The cookie that carries an administrator's bearer token to the dashboard (which a browser opens without one).</summary>
    public const string DashboardCookie = "enlace_dashboard";

    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime"];

    /// <summary>The <c>Telemetry</c> settings of <paramref name="configuration"/>.</summary>
    public static TelemetrySettings Settings(IConfiguration configuration) =>
        configuration.GetSection(TelemetrySettings.SectionName).Get<TelemetrySettings>() ?? new TelemetrySettings();

    /// <summary>Adds logging with the trace id in every line and (unless switched off) metrics and traces.</summary>
    public static TelemetrySettings AddEnlaceGatewayTelemetry(this WebApplicationBuilder builder)
    {
        var settings = Settings(builder.Configuration);
        var otlp = builder.Configuration[TelemetrySettings.OtlpEndpointVariable];
        AddConsole(builder.Logging, settings);
        if (!settings.Enabled)
        {
            return settings;
        }

        if (settings.ManagementPort > 0)
        {
            // The API's own addresses (--urls, ASPNETCORE_URLS) and the management port.
            var urls = (builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? "http://localhost:5000")
                .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            builder.WebHost.UseUrls([.. urls, $"http://{settings.ManagementAddress}:{settings.ManagementPort}"]);
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceNamespace: "enlace", autoGenerateServiceInstanceId: true))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation().AddNpgsqlInstrumentation()
                    .AddMeter("Microsoft.Orleans", TelemetrySettings.EnlaceMeters);
                if (settings.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (settings.TracingOn(otlp))
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddSource(OrleansSources)
                .AddNpgsql());
        }

        if (!string.IsNullOrWhiteSpace(otlp))
        {
            telemetry.WithLogging().UseOtlpExporter();
        }

        return settings;
    }

    /// <summary>
    /// <c>/metrics</c> — on the management port only, or, without one, on the API port for
    /// administrators — and the Orleans dashboard for administrators at <see cref="DashboardPath"/>.
    /// </summary>
    public static void MapEnlaceTelemetry(this WebApplication app, TelemetrySettings settings)
    {
        if (!settings.Enabled)
        {
            return;
        }

        if (settings.Prometheus)
        {
            var metrics = app.MapPrometheusScrapingEndpoint("/metrics");
            if (settings.ManagementPort > 0)
            {
                metrics.RequireHost($"*:{settings.ManagementPort}");
            }
            else
            {
                metrics.RequireAuthorization(AuthExtensions.AdminPolicy);
            }
        }

        if (settings.Dashboard)
        {
            app.MapOrleansDashboard(DashboardPath).RequireAuthorization(AuthExtensions.AdminPolicy).ExcludeFromDescription();
        }
    }

    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    /// <summary>Console logs with scopes (trace and span ids on every line); JSON lines with <see cref="TelemetrySettings.JsonConsole"/>.</summary>
    private static void AddConsole(ILoggingBuilder logging, TelemetrySettings settings)
    {
        logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (settings.JsonConsole)
        {
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.IncludeScopes = true;
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }
    }
}
