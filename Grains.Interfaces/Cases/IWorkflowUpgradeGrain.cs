using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Security;

namespace Enlace.Grains.Interfaces.Cases;

/// <summary>Moves chosen cases to another version of their workflow, after a dry run (administrators).</summary>
[Alias("Enlace.IWorkflowUpgradeGrain")]
public interface IWorkflowUpgradeGrain : IGrainWithIntegerKey
{
    /// <summary>For each case: can it move as it is, or which state needs a mapping. Changes nothing.</summary>
    [Alias("DryRun")]
    Task<ImmutableArray<UpgradePlan>> DryRun(Caller caller, ImmutableArray<string> caseIds, int toVersion);

    /// <summary>Moves each case that can move with <paramref name="stateMapping"/>; answers per case.</summary>
    [Alias("Apply")]
    Task<ImmutableArray<CaseResult>> Apply(Caller caller, ImmutableArray<string> caseIds, int toVersion, ImmutableDictionary<string, string> stateMapping);
}
