using Enlace.Grains.Interfaces.Cases;

namespace Enlace.WebGateway.Upgrades;

/// <summary>Body of <c>POST /api/v1/workflows/{id}/upgrades</c>; every field nullable so that a missing one reaches validation.</summary>
public sealed record UpgradeRequest(int? FromVersion, int? ToVersion, Dictionary<string, string?>? StateMap, bool? DryRun, string?[]? CaseIds);

/// <summary>Answer of <c>POST /api/v1/workflows/{id}/upgrades</c>: every case with its outcome, and the counts per outcome.</summary>
public sealed record UpgradeResponse(IReadOnlyList<UpgradeItem> Items, int Moved, int CanMove, int NeedsMapping, int Refused)
{
    /// <summary>The answer for a finished <paramref name="report"/>.</summary>
    public static UpgradeResponse From(UpgradeReport report) =>
        new(report.Items, report.Moved, report.CanMove, report.NeedsMapping, report.Refused);
}
