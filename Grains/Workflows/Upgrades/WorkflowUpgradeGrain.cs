using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Orleans.Concurrency;

namespace Enlace.Grains.Workflows.Upgrades;

/// <summary>Fans a dry run or an upgrade out to the chosen case grains; each case checks the caller itself.</summary>
[StatelessWorker]
public sealed class WorkflowUpgradeGrain : Grain, IWorkflowUpgradeGrain
{
    private const int MaxCases = 1000;

    /// <inheritdoc />
    public async Task<ImmutableArray<UpgradePlan>> DryRun(Caller caller, ImmutableArray<string> caseIds, int toVersion) =>
        [.. await Task.WhenAll(Valid(caseIds).Select(id => GrainFactory.GetGrain<ICaseGrain>(id).PlanUpgrade(caller, toVersion)))];

    /// <inheritdoc />
    public async Task<ImmutableArray<CaseResult>> Apply(Caller caller, ImmutableArray<string> caseIds, int toVersion, ImmutableDictionary<string, string> stateMapping) =>
        [.. await Task.WhenAll(Valid(caseIds).Select(id => GrainFactory.GetGrain<ICaseGrain>(id).Upgrade(new CommandContext(caller), toVersion, stateMapping)))];

    private static IEnumerable<string> Valid(ImmutableArray<string> caseIds)
    {
        var ids = caseIds.IsDefault ? [] : caseIds;
        if (ids.Length > MaxCases)
        {
            throw new ArgumentException($"At most {MaxCases} cases per request.", nameof(caseIds));
        }

        return ids.Where(CaseIds.IsValid).Distinct();
    }
}
