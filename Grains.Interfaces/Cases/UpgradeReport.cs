using System.Collections.Immutable;

namespace Enlace.Grains.Interfaces.Cases;

/// <summary>
/// The whole of an upgrade: every case with its outcome and the counts per outcome; or,
/// when <see cref="Outcome"/> is not <see cref="CaseOutcome.Ok"/>, why nothing was done.
/// </summary>
public sealed record UpgradeReport(
    CaseOutcome Outcome,
    ImmutableArray<UpgradeItem> Items,
    string? Detail = null,
    ImmutableDictionary<string, string[]>? Errors = null)
{
    /// <summary>Cases on the target version.</summary>
    public int Moved => Count(UpgradeOutcomes.Moved);

    /// <summary>Cases a dry run found able to move.</summary>
    public int CanMove => Count(UpgradeOutcomes.CanMove);

    /// <summary>Cases whose state needs a mapping.</summary>
    public int NeedsMapping => Count(UpgradeOutcomes.NeedsMapping);

    /// <summary>Cases that do not take part.</summary>
    public int Refused => Count(UpgradeOutcomes.Refused);

    private int Count(string outcome) => Items.IsDefault ? 0 : Items.Count(i => i.Outcome == outcome);
}
