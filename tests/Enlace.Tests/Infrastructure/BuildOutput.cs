namespace Enlace.Tests.Infrastructure;

/// <summary>The silo and gateway programs built next to these tests (same configuration), for tests that run them as processes.</summary>
public static class BuildOutput
{
    /// <summary>The folders holding <c>Enlace.Silo.dll</c> and <c>Enlace.WebGateway.dll</c>.</summary>
    public static (string Silo, string Gateway) Find()
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = bin.Parent!.Name;
        var root = bin.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var silo = Path.Combine(root, "Silo", "bin", configuration, bin.Name);
        var gateway = Path.Combine(root, "WebGateway", "bin", configuration, bin.Name);
        Assert.True(File.Exists(Path.Combine(silo, "Enlace.Silo.dll")), $"no silo build at {silo}");
        Assert.True(File.Exists(Path.Combine(gateway, "Enlace.WebGateway.dll")), $"no gateway build at {gateway}");
        return (silo, gateway);
    }
}
