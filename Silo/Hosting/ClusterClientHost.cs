using Enlace.Grains.Interfaces.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Enlace.Silo.Hosting;

/// <summary>An Orleans client of the running cluster, for the commands that act on it (<c>seed-demo</c>, <c>upgrade</c>).</summary>
public static class ClusterClientHost
{
    /// <summary>Builds and starts a client host that finds the cluster as the silos configured alike do.</summary>
    public static async Task<IHost> StartAsync(IConfiguration configuration)
    {
        var cluster = configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new ClusterSettings();
        var connectionString = configuration.GetConnectionString(ClusterSettings.ConnectionStringName);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.None);
        builder.UseOrleansClient(client =>
        {
            if (cluster.Tls.Enabled)
            {
                var certificates = ClusterCertificates.Load(cluster.Tls);
                client.UseTls(certificates.Certificate, EnlaceSiloBuilderExtensions.MutualTls(certificates));
            }

            if (cluster.Localhost || string.IsNullOrWhiteSpace(connectionString))
            {
                client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
                return;
            }

            client.Configure<ClusterOptions>(o =>
            {
                o.ServiceId = cluster.ServiceId;
                o.ClusterId = cluster.ClusterId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = EnlaceSiloBuilderExtensions.NpgsqlInvariant;
                o.ConnectionString = connectionString;
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
