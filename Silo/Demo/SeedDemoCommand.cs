using Enlace.Grains.Interfaces.Hosting;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Enlace.Silo.Demo;

/// <summary><c>seed-demo</c>: joins the running cluster as a client and loads the demo data.</summary>
public static class SeedDemoCommand
{
    /// <summary>Runs the command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, WorkflowCatalog catalog)
    {
        var cluster = configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new ClusterSettings();
        var connectionString = configuration.GetConnectionString(ClusterSettings.ConnectionStringName);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.None);
        builder.UseOrleansClient(client =>
        {
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
        using var host = builder.Build();
        await host.StartAsync();
        Console.WriteLine("Loading demo cases...");
        var grains = host.Services.GetRequiredService<IClusterClient>();
        var loader = new DemoLoader(grains, catalog, Console.Out);
        var created = await loader.LoadAsync();
        Console.WriteLine(created == 0 ? "The demo cases were already there." : $"{created} demo cases loaded.");
        Console.WriteLine("Loading demo roadmaps...");
        var roadmaps = await new DemoRoadmapLoader(grains, loader, Console.Out).LoadAsync();
        Console.WriteLine(roadmaps == 0 ? "The demo roadmaps were already there." : $"{roadmaps} demo roadmaps loaded.");
        await host.StopAsync();
        return 0;
    }
}
