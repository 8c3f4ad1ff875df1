using Enlace.Grains.Workflows.Definitions;
using Enlace.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Enlace.Silo.Demo;

/// <summary><c>seed-demo</c>: joins the running cluster as a client and loads the demo data.</summary>
public static class SeedDemoCommand
{
    /// <summary>Runs the command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, WorkflowCatalog catalog)
    {
        using var host = await ClusterClientHost.StartAsync(configuration);
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
