using Enlace.Grains.Hosting;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Enlace.Tests.Infrastructure;

/// <summary>Builds in-process test clusters whose silos store state and reminders in PostgreSQL.</summary>
public static class EnlaceTestCluster
{
    /// <summary>
    /// A cluster on <paramref name="connectionString"/>. With <paramref name="serviceId"/> fixed, a
    /// second cluster built later sees the first one's rows: a full restart.
    /// </summary>
    public static async Task<InProcessTestCluster> StartAsync(
        string connectionString,
        string serviceId,
        WorkflowCatalog? catalog = null,
        TimeProvider? time = null,
        Action<ISiloBuilder>? configureSilo = null)
    {
        var builder = new InProcessTestClusterBuilder();
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseEnlaceStorage(connectionString);
            if (time is not null)
            {
                silo.Services.AddSingleton(time);
            }

            silo.Services.AddEnlaceGrains(catalog ?? TestCatalog.Shipped, TestKeys.Vault);
            configureSilo?.Invoke(silo);
        });

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
