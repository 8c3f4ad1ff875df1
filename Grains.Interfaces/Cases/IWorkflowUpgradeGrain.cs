using System.Collections.Immutable;

namespace Enlace.Grains.Interfaces.Cases;

/// <summary>
/// Moves running cases to a newer version of their workflow (administrators), one bounded
/// batch per call; <see cref="WorkflowUpgrades.RunAsync"/> walks the batches.
/// </summary>
[Alias("Enlace.IWorkflowUpgradeGrain")]
public interface IWorkflowUpgradeGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Checks the request, then plans (dry run) or applies the upgrade of the batch of cases after
    /// <paramref name="after"/> (case ids in order): the listed <paramref name="caseIds"/>, or when
    /// there are none every running case on the source version found in the read model.
    /// </summary>
    [Alias("RunBatch")]
    Task<UpgradeBatch> RunBatch(CommandContext context, UpgradeSpec spec, ImmutableArray<string> caseIds, string? after);
}
