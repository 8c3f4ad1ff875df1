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

    [Fact]
    public async Task TheDemoRoadmapsLoadOnceAndTheirDashboardMatchesTheSeededActions()
    {
        var users = new DemoLoader(fixture.Client, TestCatalog.Shipped, TextWriter.Null);
        var loader = new DemoRoadmapLoader(fixture.Client, users, TextWriter.Null);

        var first = await loader.LoadAsync();
        var second = await loader.LoadAsync();

        Assert.Equal((DemoRoadmaps.All.Count, 0), (first, second));
        await using var database = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
        var queries = new WebGateway.Roadmaps.RoadmapQueries(database);
        foreach (var (id, command, actions) in DemoRoadmaps.All)
        {
            var roadmap = (await fixture.Client.GetGrain<Grains.Interfaces.Roadmaps.IRoadmapGrain>(id).Get(users.Coordinator("BO"))).Roadmap!;
            var progress = await queries.ProgressAsync(roadmap, CancellationToken.None);
            Assert.Equal(
                command.Areas.Select(a => (a.Code, actions.Where(x => x.Command.Area == a.Code).GroupBy(x => x.Target).ToDictionary(g => g.Key, g => g.Count()))),
                progress.Select(p => (p.Code, p.ByState.ToDictionary(s => s.Key, s => s.Value))));
            Assert.Equal(actions.Count(a => a.Target == "verified"), progress.Sum(p => p.Verified));
        }

        Assert.Equal(11, DemoRoadmaps.All[0].Actions.Count);
        Assert.Equal(4, DemoRoadmaps.All[0].Roadmap.Areas.Length);
    }
}
