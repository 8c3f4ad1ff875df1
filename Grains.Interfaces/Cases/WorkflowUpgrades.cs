using System.Collections.Immutable;

namespace Enlace.Grains.Interfaces.Cases;

/// <summary>
/// Runs a definition upgrade batch after batch through <see cref="IWorkflowUpgradeGrain"/>, the
/// one path the HTTP API and the <c>upgrade</c> command share. Each call is bounded; a run cut
/// short is resumed by running it again (moved cases leave the source version, or report
/// <c>moved</c> again when listed).
/// </summary>
public static class WorkflowUpgrades
{
    /// <summary>Every batch of the upgrade, gathered; stops at the first refusal of the request.</summary>
    public static async Task<UpgradeReport> RunAsync(
        IGrainFactory grains, CommandContext context, UpgradeSpec spec, ImmutableArray<string> caseIds, CancellationToken cancellationToken = default)
    {
        var upgrader = grains.GetGrain<IWorkflowUpgradeGrain>(0);
        var items = ImmutableArray.CreateBuilder<UpgradeItem>();
        string? after = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await upgrader.RunBatch(context, spec, caseIds.IsDefault ? [] : caseIds, after);
            if (batch.Outcome != CaseOutcome.Ok)
            {
                return new UpgradeReport(batch.Outcome, [], batch.Detail, batch.Errors);
            }

            items.AddRange(batch.Items);
            after = batch.Next;
        }
        while (after is not null);

        return new UpgradeReport(CaseOutcome.Ok, items.ToImmutable());
    }
}
