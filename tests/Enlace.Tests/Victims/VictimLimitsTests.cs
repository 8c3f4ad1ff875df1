using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Victims;
using Enlace.Grains.Victims;
using Enlace.Tests.Cases;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Victims;

/// <summary>A case records at most <see cref="VictimInput.MaxPerCase"/> victims and as many perpetrators; beyond, a 400 that says so.</summary>
[Collection(CaseCollection.Name)]
public sealed class VictimLimitsTests(CaseClusterFixture fixture)
{
    [Fact]
    public async Task TheVictimAndPerpetratorBeyondTheLimitAreRefusedAndNothingChanges()
    {
        var (id, _) = await fixture.OpenTraffickingCaseAsync();
        var grain = fixture.Case(id);
        var context = new CommandContext(Callers.Coordinator());
        for (var i = 2; i < VictimInput.MaxPerCase; i++)
        {
            Assert.Equal(CaseOutcome.Created, (await grain.AddVictim(context, Samples.Adult())).Outcome);
        }

        for (var i = 0; i < VictimInput.MaxPerCase; i++)
        {
            Assert.Equal(CaseOutcome.Created, (await grain.AddPerpetrator(context, new PerpetratorFields("exploiter"))).Outcome);
        }

        var before = (await grain.Get(Callers.Coordinator())).Case!;
        var victim = await grain.AddVictim(context, Samples.Adult());
        var perpetrator = await grain.AddPerpetrator(context, new PerpetratorFields("exploiter"));

        Assert.Equal((CaseOutcome.Invalid, CaseOutcome.Invalid), (victim.Outcome, perpetrator.Outcome));
        Assert.Contains("200 victims", victim.Errors!["victims"][0]);
        Assert.Contains("200 perpetrators", perpetrator.Errors!["perpetrators"][0]);
        var after = (await grain.Get(Callers.Coordinator())).Case!;
        Assert.Equal((before.Version, 200, 200), (after.Version, after.Victims.Length, after.Perpetrators.Length));
    }
}
