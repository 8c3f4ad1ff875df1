namespace Enlace.WebGateway.Statistics;

/// <summary>Settings of the statistics routes (section <c>Statistics</c>).</summary>
public sealed class StatisticsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Statistics";

    /// <summary>The smallest k: with k = 1 every victim would show.</summary>
    public const int MinimumK = 2;

    /// <summary>The least number of victims a row shows (CTDC publishes with k = 11).</summary>
    public int K { get; set; } = 11;
}
