using System.Collections.Immutable;
using Enlace.Grains.Cases;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Workflows.Upgrades;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Upgrades;

/// <summary>The pure decisions of a definition upgrade, without a cluster.</summary>
public sealed class UpgradeRulesTests
{
    private static readonly Grains.Workflows.Definitions.WorkflowDefinition Target = TestCatalog.Shipped.Find("smuggling-case", 1)!;

    [Theory]
    [InlineData("report", 1, false, null, UpgradeOutcomes.CanMove, "report", null)]
    [InlineData("triage", 1, false, null, UpgradeOutcomes.NeedsMapping, null, UpgradeOutcomes.StateMissing)]
    [InlineData("triage", 1, false, "investigation", UpgradeOutcomes.CanMove, "investigation", null)]
    [InlineData("report", 1, false, "investigation", UpgradeOutcomes.CanMove, "report", null)]
    [InlineData("triage", 1, true, "investigation", UpgradeOutcomes.Refused, null, UpgradeOutcomes.Closed)]
    [InlineData("triage", 3, false, "investigation", UpgradeOutcomes.Refused, null, UpgradeOutcomes.OtherVersion)]
    [InlineData("report", 2, false, null, UpgradeOutcomes.Moved, "report", null)]
    public void ACasesOutcomeFollowsItsVersionItsStateAndTheMap(string stage, int version, bool closed, string? triageTo, string outcome, string? to, string? code)
    {
        var state = new CaseState { Reference = "PE-2026-000001", WorkflowId = "smuggling-case", WorkflowVersion = version, Stage = stage, ClosedAt = closed ? DateTimeOffset.UnixEpoch : null };
        var map = triageTo is null ? ImmutableDictionary<string, string>.Empty : ImmutableDictionary<string, string>.Empty.Add("triage", triageTo);

        var plan = UpgradeRules.Plan("c1", state, new UpgradeSpec("smuggling-case", 1, 2, map, DryRun: true), Target);

        Assert.Equal((outcome, to, code), (plan.Outcome, plan.ToState, plan.ReasonCode));
    }

    [Fact]
    public void AnUpgradeRequestIsCheckedFieldByField()
    {
        var spec = new UpgradeSpec("smuggling-case", 1, 1, ImmutableDictionary<string, string>.Empty.Add("nowhere", "report"), DryRun: true);

        var errors = UpgradeRules.Validate(TestCatalog.Shipped, spec, ["c1"]);

        Assert.Equal(["caseIds[0]", "stateMap.nowhere", "toVersion"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["toVersion"], UpgradeRules.Validate(TestCatalog.Shipped, spec with { StateMap = ImmutableDictionary<string, string>.Empty }, []).Keys);
        Assert.Equal(["workflowId"], UpgradeRules.Validate(TestCatalog.Shipped, spec with { WorkflowId = "roadmap-action" }, []).Keys);
    }
}
