using Enlace.Grains.Victims;

namespace Enlace.Tests.Infrastructure;

/// <summary>The master key of this test run: in a file outside the database, as in production.</summary>
public static class TestKeys
{
    private static readonly Lazy<string> LazyFile = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"enlace-test-master-{Environment.ProcessId}.key");
        IdentityVault.CreateKeyFile(path);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    });

    /// <summary>The key file (<c>Privacy:MasterKeyFile</c>).</summary>
    public static string MasterKeyFile => LazyFile.Value;

    /// <summary>A vault over the run's master key.</summary>
    public static IdentityVault Vault => IdentityVault.FromFile(MasterKeyFile);
}
