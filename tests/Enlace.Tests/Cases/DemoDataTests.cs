using Enlace.Grains.Interfaces.Cases;
using Enlace.Silo.Demo;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Cases;

/// <summary>The demo data ./run loads on first start.</summary>
[Collection(CaseCollection.Name)]
public sealed class DemoDataTests(CaseClusterFixture fixture)
{
    [Fact]
    public async Task TheDemoCasesReachTheirStatesAndLoadingTwiceAddsNothing()
    {
        var loader = new DemoLoader(fixture.Client, TestCatalog.Shipped, TextWriter.Null);

        var first = await loader.LoadAsync();
        var second = await loader.LoadAsync();

        Assert.Equal((DemoCases.All.Count, 0), (first, second));
        foreach (var (number, command, target) in DemoCases.All)
        {
            var view = (await fixture.Case(CaseIds.ForIdempotencyKey("demo", $"case-{number}")).Get(loader.Coordinator(command.LeadCountry))).Case!;
            Assert.True(view.State == target, $"demo case {number} is in {view.State}, not {target}");
            Assert.Equal(command.Title, view.Title);
        }
    }
}
