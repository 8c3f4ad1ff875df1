using Enlace.Grains.Workflows.Definitions;
using Enlace.Silo.Hosting;
using Enlace.WebGateway.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Enlace.Tests.Infrastructure;

/// <summary>Silos and clients built exactly as the Silo and WebGateway programs build them.</summary>
public static class RealHosts
{
    /// <summary>Starts a silo host configured from the given connection string and cluster ids (the shipped definitions unless <paramref name="catalog"/>).</summary>
    public static async Task<IHost> StartSiloAsync(
        string connectionString, string serviceId, string clusterId, LogCapture? logs = null,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, WorkflowCatalog? catalog = null,
        CancellationToken cancellation = default)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Settings(connectionString, serviceId, clusterId, Ports.Free(), Ports.Free()));
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddEnlaceSiloTelemetry();
        services?.Invoke(builder.Services);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs).AddFilter<LogCapture>(null, LogLevel.Trace);
        }

        builder.UseOrleans(silo => silo.UseEnlace(builder.Configuration, catalog ?? TestCatalog.Shipped));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellation);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    /// <summary>Starts an Orleans client host configured the way the gateway configures its client.</summary>
    public static async Task<IHost> StartClientAsync(
        string connectionString, string serviceId, string clusterId, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Settings(connectionString, serviceId, clusterId, 0, 0));
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddEnlaceOrleansClient();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static Dictionary<string, string?> Settings(string connectionString, string serviceId, string clusterId, int siloPort, int gatewayPort) =>
        new()
        {
            ["ConnectionStrings:Workflow"] = connectionString,
            ["Cluster:ServiceId"] = serviceId,
            ["Cluster:ClusterId"] = clusterId,
            ["Cluster:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Privacy:MasterKeyFile"] = TestKeys.MasterKeyFile,
        };

}
