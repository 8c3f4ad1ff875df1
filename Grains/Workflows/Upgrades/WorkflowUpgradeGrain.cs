using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.ReadModel;
using Enlace.Grains.Workflows.Definitions;
using Orleans.Concurrency;

namespace Enlace.Grains.Workflows.Upgrades;

/// <summary>
/// Checks an upgrade request and fans one batch of it out to the case grains; each case
/// checks the caller itself and decides through <see cref="UpgradeRules"/>.
/// </summary>
[StatelessWorker]
public sealed class WorkflowUpgradeGrain(WorkflowCatalog catalog, IRunningCases runningCases) : Grain, IWorkflowUpgradeGrain
{
    /// <summary>Cases per batch: one call to this grain moves at most this many.</summary>
    public const int BatchSize = 200;

    /// <inheritdoc />
    public async Task<UpgradeBatch> RunBatch(CommandContext context, UpgradeSpec spec, ImmutableArray<string> caseIds, string? after)
    {
        if (!context.Caller.Is(Caller.Admin))
        {
            return new UpgradeBatch(CaseOutcome.Forbidden, [], Detail: "Only administrators move cases between workflow versions.");
        }

        spec = spec with { StateMap = spec.StateMap ?? ImmutableDictionary<string, string>.Empty };
        var errors = UpgradeRules.Validate(catalog, spec, caseIds);
        if (errors.Count > 0)
        {
            return new UpgradeBatch(CaseOutcome.Invalid, [], Detail: "The upgrade request is invalid; nothing was changed.", Errors: errors.ToImmutableDictionary());
        }

        var batch = caseIds.IsDefaultOrEmpty
            ? await runningCases.ListAsync(spec.WorkflowId, spec.FromVersion, after, BatchSize)
            : [.. caseIds.Distinct().Order(StringComparer.Ordinal).Where(id => after is null || string.CompareOrdinal(id, after) > 0).Take(BatchSize)];

        // The cases apply the upgrade without the request's idempotency key: the gateway
        // replays a retried request, and a case already on the target version answers moved.
        var command = new CommandContext(context.Caller);
        var items = await Task.WhenAll(batch.Select(id => GrainFactory.GetGrain<ICaseGrain>(id).Upgrade(command, spec)));
        return new UpgradeBatch(CaseOutcome.Ok, [.. items], Next: batch.Count == BatchSize ? batch[^1] : null);
    }
}
