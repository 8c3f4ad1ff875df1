namespace Enlace.WebGateway.Statistics;

/// <summary>The fields statistics rows may be grouped by (<c>?by=</c>), and their columns in <c>rm_victim_facts</c>.</summary>
public static class StatisticsFields
{
    /// <summary>The grouping when <c>?by=</c> names none.</summary>
    public static readonly IReadOnlyList<string> Default = ["sex", "ageBroad"];

    // Field → SQL expression; "exploitation" is the unnested form (see StatisticsQueries).
    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["sex"] = "f.sex",
        ["ageBroad"] = "f.age_broad",
        ["citizenship"] = "f.citizenship",
        ["exploitation"] = "x.form",
        ["countryOfExploitation"] = "COALESCE(f.country_of_exploitation, 'unknown')",
        ["identificationStatus"] = "f.identification_status",
    };

    /// <summary>Every permitted field, in the order of the API contract.</summary>
    public static IReadOnlyList<string> Permitted { get; } = [.. Columns.Keys];

    /// <summary>The SQL expression of a permitted <paramref name="field"/>.</summary>
    public static string Column(string field) => Columns[field];

    /// <summary>
    /// Reads <c>?by=</c>: comma-separated permitted fields, each once (a repeat is dropped);
    /// none means <see cref="Default"/>. False, with the reason, for anything else.
    /// </summary>
    public static bool TryParse(string? by, out IReadOnlyList<string> fields, out string? error)
    {
        fields = Default;
        error = null;
        if (string.IsNullOrWhiteSpace(by))
        {
            return true;
        }

        var names = by.Split(',', StringSplitOptions.TrimEntries);
        var unknown = names.FirstOrDefault(n => !Columns.ContainsKey(n));
        if (unknown is not null)
        {
            var shown = unknown.Length > 40 ? unknown[..40] + "…" : unknown;
            error = $"'{shown}' is not a field statistics are grouped by; permitted: {string.Join(", ", Permitted)}";
            return false;
        }

        fields = [.. names.Distinct(StringComparer.Ordinal)];
        return true;
    }
}
