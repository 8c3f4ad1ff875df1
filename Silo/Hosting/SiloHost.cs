using Enlace.Grains.Workflows.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Enlace.Silo.Hosting;

/// <summary>
/// Runs a silo: a plain host, or — with <c>Telemetry:ManagementPort</c> — a host that also
/// listens on that port for <c>/metrics</c> and nothing else.
/// </summary>
public static class SiloHost
{
    /// <summary>Builds and runs the silo until it is stopped.</summary>
    public static async Task RunAsync(string[] args, IConfiguration configuration, WorkflowCatalog catalog)
    {
        var settings = SiloTelemetry.Settings(configuration);
        if (settings.ManagementPort <= 0)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
            builder.AddEnlaceSiloTelemetry();
            builder.UseOrleans(silo => silo.UseEnlace(builder.Configuration, catalog));
            await builder.Build().RunAsync();
            return;
        }

        var web = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        web.WebHost.UseUrls($"http://{settings.ManagementAddress}:{settings.ManagementPort}");
        web.AddEnlaceSiloTelemetry();
        web.UseOrleans(silo => silo.UseEnlace(web.Configuration, catalog));
        var app = web.Build();
        if (settings.Enabled && settings.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint("/metrics");
        }

        await app.RunAsync();
    }
}
