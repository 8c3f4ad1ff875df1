using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Enlace.Bench;

/// <summary>Hosts (silos, clients) inside the benchmark process, logging warnings only: the
/// shipped appsettings log at Information, and a console line per grain call would be measured too.</summary>
public static class BenchHost
{
    /// <summary>A host builder with <paramref name="settings"/> over the shipped configuration.</summary>
    public static HostApplicationBuilder Create(Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings ?? [])
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans.Runtime.Silo"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        });
        return builder;
    }

    /// <summary>The master key file for victims' identities: the environment's, or a throwaway one of this process.</summary>
    public static string MasterKey()
    {
        var configured = Environment.GetEnvironmentVariable("Privacy__MasterKeyFile");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var path = Path.Combine(Path.GetTempPath(), $"enlace-bench-master-{Environment.ProcessId}.key");
        Enlace.Grains.Victims.IdentityVault.CreateKeyFile(path);
        return path;
    }
}
