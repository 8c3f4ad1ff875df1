using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Enlace.WebGateway.Statistics;

/// <summary>
/// <c>GET /api/v1/statistics/victims</c>: counts of victims by the fields in <c>By</c>, over the
/// cases led by <c>Countries</c> (opened in <c>Year</c>, or in any year). Only rows of at least
/// <c>K</c> victims are shown; <c>Suppressed</c> is the number of rows left out (not the victims
/// in them, which would give a single small row's count away).
/// </summary>
public sealed record VictimStatistics(
    int K,
    IReadOnlyList<string> Countries,
    int? Year,
    IReadOnlyList<string> By,
    [property: MaxLength(StatisticsQueries.MaxRows)] IReadOnlyList<VictimStatisticsRow> Rows,
    int Suppressed);

/// <summary>
/// One row: a value of each grouping field (the others are absent) and the number of distinct
/// victims with those values. A victim with several forms of exploitation counts once in each
/// form's row; a value not recorded is <c>unknown</c>.
/// </summary>
public sealed record VictimStatisticsRow
{
    /// <summary>Sex or gender (HTCDS <c>prs_Gender</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sex { get; init; }

    /// <summary>Broad age band: 0-17, 18-29, 30-47, 48+ or unknown.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AgeBroad { get; init; }

    /// <summary>ISO 3166 alpha-2.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Citizenship { get; init; }

    /// <summary>One form of exploitation (HTCDS <c>vic_TypeOfExploitation</c>), or unknown when none is recorded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Exploitation { get; init; }

    /// <summary>ISO 3166 alpha-2, or unknown.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CountryOfExploitation { get; init; }

    /// <summary>presumed, identified or not-a-victim.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IdentificationStatus { get; init; }

    /// <summary>Distinct victims with these values; never below k.</summary>
    public long Count { get; init; }
}
