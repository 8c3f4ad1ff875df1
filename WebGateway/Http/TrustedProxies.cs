using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Enlace.WebGateway.Http;

/// <summary>
/// The proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the gateway believes
/// (configuration <c>Http:TrustedProxies</c>: addresses and CIDR networks, a list or one
/// comma-separated string). From any other peer the headers are ignored, so a client cannot
/// choose the address its budget is counted on. None by default — not even loopback, which the
/// framework would otherwise trust.
/// </summary>
public static class TrustedProxies
{
    /// <summary>The configuration key.</summary>
    public const string Key = "Http:TrustedProxies";

    /// <summary>Configures the forwarded-headers middleware from <c>Http:TrustedProxies</c>; an entry that is not an address or a network stops the start.</summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Key);
        var entries = (section.Value is { } single ? single.Split(',') : section.Get<string[]>() ?? [])
            .Select(e => e.Trim()).Where(e => e.Length > 0).ToList();
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in entries)
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException($"{Key}: '{entry}' is neither an IP address nor a CIDR network (e.g. 10.0.0.5 or 10.0.0.0/24).");
            }
        }

        return services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(network);
            }

            // A chain of trusted proxies is followed back to the first address none of them is.
            o.ForwardLimit = null;
        });
    }
}
