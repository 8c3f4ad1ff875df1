using Enlace.Grains.Interfaces.Hosting;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Dashboard;
using Orleans.Serialization;

namespace Enlace.WebGateway.Hosting;

/// <summary>Joins the gateway to the Orleans cluster as a client.</summary>
public static class OrleansClientExtensions
{
    /// <summary>Adds the Orleans client configured from the <c>Cluster</c> section and the Workflow connection string.</summary>
    public static IHostApplicationBuilder AddEnlaceOrleansClient(this IHostApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new ClusterSettings();
        builder.UseOrleansClient(client =>
        {
            if (cluster.Localhost)
            {
                client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
            }
            else
            {
                client.Configure<ClusterOptions>(o =>
                {
                    o.ServiceId = cluster.ServiceId;
                    o.ClusterId = cluster.ClusterId;
                });
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = RequireConnectionString(builder.Configuration);
                });
            }

            if (cluster.Tls.Enabled)
            {
                client.UseEnlaceTls(ClusterCertificates.Load(cluster.Tls));
            }

            client.Services.Configure<ExceptionSerializationOptions>(WireExceptions.Configure);
            var telemetry = GatewayTelemetry.Settings(builder.Configuration);
            if (telemetry.TracingOn(builder.Configuration[TelemetrySettings.OtlpEndpointVariable]))
            {
                client.AddActivityPropagation();
            }

            if (telemetry.Enabled && telemetry.Dashboard)
            {
                client.AddDashboard();
            }

            // The silo may still be starting (./run starts both at once): keep trying
            // instead of failing the gateway's start.
            client.UseConnectionRetryFilter(async (exception, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            });
        });
        return builder;
    }

    /// <summary>
    /// Mutual TLS to the silos: the client presents its certificate and accepts a silo only
    /// when the silo's certificate chains to the cluster's authority (the silo checks ours alike).
    /// </summary>
    public static IClientBuilder UseEnlaceTls(this IClientBuilder client, ClusterCertificates certificates)
    {
        client.Services.AddHostedService(sp => new ClusterTlsAnnouncer(certificates, sp.GetRequiredService<ILogger<ClusterTlsAnnouncer>>()));
        return client.UseTls(certificates.Certificate, o =>
        {
            o.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            o.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            o.RemoteCertificateValidation = certificates.IsTrusted;
        });
    }

    /// <summary>The Workflow connection string, or an error that says how to set it.</summary>
    public static string RequireConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ClusterSettings.ConnectionStringName);
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"No connection string: set ConnectionStrings:{ClusterSettings.ConnectionStringName} " +
                $"(environment ConnectionStrings__{ClusterSettings.ConnectionStringName}), or Cluster:Localhost=true.")
            : connectionString;
    }
}
