using Enlace.Grains.Workflows.Definitions;

namespace Enlace.Grains.ReferenceData;

/// <summary>
/// The value lists of victim and perpetrator records (HTCDS 2.0), loaded from
/// <c>reference/victim-values.yaml</c>, and the mapping from the codes used before them.
/// </summary>
public sealed class VictimValueSet
{
    /// <summary>Fields the engine relies on; the file must define each.</summary>
    public static readonly IReadOnlyList<string> RequiredFields =
    [
        "identificationStatus", "ageGroup", "sex", "exploitation", "labourSector", "sexualExploitationType", "meansOfControl",
        "recruitmentMethod", "relationshipToTrafficker", "language", "perpetratorRole", "proceduralStatus", "consentPurpose",
    ];

    private readonly Dictionary<string, List<VictimValue>> _fields;
    private readonly Dictionary<string, Dictionary<string, string>> _legacy;

    /// <summary>Creates the set; <see cref="ReferenceDataLoader"/> checks it first.</summary>
    public VictimValueSet(string standard, string version, Dictionary<string, List<VictimValue>> fields, Dictionary<string, Dictionary<string, string>> legacy)
    {
        Standard = standard;
        Version = version;
        _fields = fields;
        _legacy = legacy;
    }

    /// <summary>The standard the lists follow, e.g. HTCDS.</summary>
    public string Standard { get; }

    /// <summary>The standard's version, e.g. 2.0.</summary>
    public string Version { get; }

    /// <summary>Field name → its values, in the file's order.</summary>
    public IReadOnlyDictionary<string, List<VictimValue>> Fields => _fields;

    /// <summary>The codes of <paramref name="field"/>.</summary>
    public IReadOnlyList<string> Codes(string field) => _fields.TryGetValue(field, out var values) ? values.ConvertAll(v => v.Code) : [];

    /// <summary>True when <paramref name="code"/> is a value of <paramref name="field"/>.</summary>
    public bool Has(string field, string? code) => code is not null && _fields.TryGetValue(field, out var values) && values.Exists(v => v.Code == code);

    /// <summary>True when every age in <paramref name="ageGroup"/> is under 18.</summary>
    public bool IsMinor(string? ageGroup) => Find("ageGroup", ageGroup)?.Minor == true;

    /// <summary>The broad age band of <paramref name="ageGroup"/> for statistics.</summary>
    public string AgeBroad(string? ageGroup) => Find("ageGroup", ageGroup)?.Broad ?? "unknown";

    /// <summary>The current code for a code recorded before these lists (itself when it is current or unknown to the mapping).</summary>
    public string Upgrade(string field, string code) =>
        _legacy.TryGetValue(field, out var map) && map.TryGetValue(code, out var current) && !Has(field, code) ? current : code;

    private VictimValue? Find(string field, string? code) =>
        code is not null && _fields.TryGetValue(field, out var values) ? values.Find(v => v.Code == code) : null;
}

/// <summary>One value of a list: its code, its title in both languages, and for age groups whether it is a minor's and its broad band.</summary>
public sealed class VictimValue
{
    public string Code { get; set; } = "";

    public LocalizedText Title { get; set; } = new();

    public bool? Minor { get; set; }

    public string? Broad { get; set; }
}
