using System.Text;
using Enlace.Grains.Cases;
using Enlace.Grains.Hosting;
using Enlace.Silo.Hosting;
using Enlace.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Enlace.Tests.Victims;

/// <summary>
/// Who sees identities is configuration, and configuration can narrow it as well as widen it:
/// the binder appends to an initialised list, so the defaults must not be one.
/// </summary>
public sealed class PrivacyOptionsTests
{
    [Fact]
    public void WithNothingConfiguredTheDefaultKindsAreEntitled() =>
        Assert.Equal(["prosecutor", "protection", "child-protection"], Bound(new ConfigurationBuilder().Build()));

    [Fact]
    public void AConfiguredListReplacesTheDefaultsInsteadOfAddingToThem()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Privacy:IdentityEntitledAgencyKinds:0"] = "protection" })
            .Build();

        Assert.Equal(["protection"], Bound(configuration));
    }

    [Fact]
    public void AnEmptyListEntitlesNoAgencyKind()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes("""{ "Privacy": { "IdentityEntitledAgencyKinds": [] } }""")))
            .Build();

        Assert.Empty(Bound(configuration));
        Assert.Empty(Bound(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Privacy:IdentityEntitledAgencyKinds"] = "" }).Build()));
    }

    // The silo's path: the section bound once, handed to the grains' services, read as options.
    private static IReadOnlyList<string> Bound(IConfiguration configuration)
    {
        var privacy = EnlaceSiloBuilderExtensions.Privacy(configuration);
        using var services = new ServiceCollection()
            .AddEnlaceGrains(TestCatalog.Shipped, TestKeys.Vault, privacy)
            .BuildServiceProvider();
        return services.GetRequiredService<IOptions<PrivacyOptions>>().Value.EntitledKinds;
    }
}
