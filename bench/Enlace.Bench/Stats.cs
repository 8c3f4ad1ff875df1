using System.Globalization;

namespace Enlace.Bench;

/// <summary>Medians and percentiles, the only statistics the reports use.</summary>
public static class Stats
{
    /// <summary>The median (mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The nearest-rank percentile of an ascending list (<paramref name="p"/> from 0 to 1).</summary>
    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>A target of the issue, its figure in this run and whether the figure meets it.</summary>
public sealed record Verdict(string Target, string Figure, bool Pass)
{
    /// <summary>One line of the closing table.</summary>
    public string Row => string.Create(CultureInfo.InvariantCulture, $"| {Target} | {Figure} | **{(Pass ? "PASS" : "FAIL")}** |");
}
