using Enlace.Grains.Interfaces.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Enlace.Silo.Hosting;

/// <summary>
/// A silo's logs, metrics and traces: Orleans' meter and activity sources, Npgsql, the .NET
/// runtime and Enlace's own meters; OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, the
/// Prometheus exporter for the management port.
/// </summary>
public static class SiloTelemetry
{
    /// <summary>The service name in every exported resource.</summary>
    public const string ServiceName = "enlace-silo";

    /// <summary>Orleans' activity sources: grain calls of the application and of the runtime, storage.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Storage"];

    /// <summary>Orleans' meter.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>The <c>Telemetry</c> settings of <paramref name="configuration"/>.</summary>
    public static TelemetrySettings Settings(IConfiguration configuration) =>
        configuration.GetSection(TelemetrySettings.SectionName).Get<TelemetrySettings>() ?? new TelemetrySettings();

    /// <summary>Adds logging with the trace id in every line, and (unless switched off) metrics and traces.</summary>
    public static TelemetrySettings AddEnlaceSiloTelemetry(this IHostApplicationBuilder builder)
    {
        var settings = Settings(builder.Configuration);
        var otlp = builder.Configuration[TelemetrySettings.OtlpEndpointVariable];
        builder.Logging.AddEnlaceConsole(settings);
        if (!settings.Enabled)
        {
            return settings;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceNamespace: "enlace", autoGenerateServiceInstanceId: true))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(OrleansMeter, TelemetrySettings.EnlaceMeters).AddRuntimeInstrumentation().AddNpgsqlInstrumentation();
                if (settings.Prometheus && settings.ManagementPort > 0)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (settings.TracingOn(otlp))
        {
            telemetry.WithTracing(tracing => tracing.AddSource(OrleansSources).AddNpgsql());
        }

        if (!string.IsNullOrWhiteSpace(otlp))
        {
            telemetry.WithLogging().UseOtlpExporter();
        }

        return settings;
    }

    /// <summary>
    /// Console logs with scopes, so that each line carries the trace and span ids of the request
    /// it belongs to; one JSON object per line with <see cref="TelemetrySettings.JsonConsole"/>.
    /// </summary>
    public static ILoggingBuilder AddEnlaceConsole(this ILoggingBuilder logging, TelemetrySettings settings)
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

        return logging;
    }
}
