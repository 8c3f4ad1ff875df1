namespace Enlace.Tests.Infrastructure;

/// <summary>The silo and gateway programs built next to these tests (same configuration), for tests that run them as processes.</summary>
public static class BuildOutput
{
    /// <summary>The folders holding <c>Enlace.Silo.dll</c> and <c>Enlace.WebGateway.dll</c>.</summary>
    public static (string Silo, string Gateway) Find()
    {
        var silo = Path.Combine(Checkout.Root, "Silo", "bin", Checkout.Configuration, Checkout.TargetFramework);
        var gateway = Path.Combine(Checkout.Root, "WebGateway", "bin", Checkout.Configuration, Checkout.TargetFramework);
        Assert.True(File.Exists(Path.Combine(silo, "Enlace.Silo.dll")), $"no silo build at {silo}");
        Assert.True(File.Exists(Path.Combine(gateway, "Enlace.WebGateway.dll")), $"no gateway build at {gateway}");
        return (silo, gateway);
    }
}
