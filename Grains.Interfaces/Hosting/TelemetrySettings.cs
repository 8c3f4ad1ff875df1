namespace Enlace.Grains.Interfaces.Hosting;

/// <summary>
/// What a silo or a gateway reports about itself: configuration section <c>Telemetry</c>.
/// Exporters follow the standard OpenTelemetry variables (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, …).
/// </summary>
public sealed class TelemetrySettings
{
    /// <summary>The configuration section these settings are read from.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>The standard variable that turns the OTLP exporter on.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Prefix of every meter Enlace itself defines (<c>Enlace.Grains</c>, <c>Enlace.ReadModel</c>).</summary>
    public const string EnlaceMeters = "Enlace.*";

    /// <summary>Metrics and traces at all; off leaves only logs (the benchmark's comparison).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Record traces; when unset, only when an OTLP endpoint is configured (spans nobody receives cost for nothing).</summary>
    public bool? Tracing { get; set; }

    /// <summary>Serve the Prometheus scrape endpoint <c>/metrics</c>.</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>
    /// A port of its own for <c>/metrics</c> (and nothing else), reachable without a token: keep it
    /// to the monitoring network. 0: a silo serves no HTTP at all; a gateway serves <c>/metrics</c>
    /// on its API port to administrators only.
    /// </summary>
    public int ManagementPort { get; set; }

    /// <summary>The address the management port listens on.</summary>
    public string ManagementAddress { get; set; } = "127.0.0.1";

    /// <summary>The Orleans dashboard (silos collect for it; gateways serve it to administrators at <c>/admin/orleans</c>).</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>Console logs as one JSON object per line (scopes, trace id included) instead of plain text.</summary>
    public bool JsonConsole { get; set; }

    /// <summary>Whether traces are recorded, given the configured OTLP endpoint.</summary>
    public bool TracingOn(string? otlpEndpoint) => Enabled && (Tracing ?? !string.IsNullOrWhiteSpace(otlpEndpoint));
}
