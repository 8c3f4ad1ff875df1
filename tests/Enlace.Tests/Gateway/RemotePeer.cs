using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Enlace.Tests.Gateway;

/// <summary>The test server has no network peer: these set the address every request comes from.</summary>
public static class RemotePeer
{
    /// <summary>A gateway like <paramref name="gateway"/> whose requests all come from <paramref name="address"/>.</summary>
    public static WebApplicationFactory<Program> From(this WebApplicationFactory<Program> gateway, IPAddress address, params (string Key, string Value)[] settings) =>
        gateway.WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new Filter(address)));
        });

    // Runs before the gateway's own pipeline, so the forwarded-headers middleware sees this peer.
    private sealed class Filter(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
