namespace Enlace.Grains.ReferenceData;

/// <summary>An institution taking part in cases or roadmap actions.</summary>
public sealed class Agency
{
    /// <summary>The agency kinds of the API contract.</summary>
    public static readonly IReadOnlyList<string> Kinds =
        ["police", "prosecutor", "ministry", "secretariat", "migration", "protection", "child-protection", "consular",
         "labour-inspection", "ombudsperson", "judiciary", "international", "ngo"];

    /// <summary>Stable code, e.g. <c>PE-PNP-DIRCTPTIM</c>.</summary>
    public string Code { get; set; } = "";

    /// <summary>Official name (in the country's language).</summary>
    public string Name { get; set; } = "";

    /// <summary>Country code.</summary>
    public string Country { get; set; } = "";

    /// <summary>One of <see cref="Kinds"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>
    /// Receives the tasks that workflow rules address to its kind in its country when
    /// the country has several agencies of that kind.
    /// </summary>
    public bool Primary { get; set; }

    /// <summary>Its notification address and preferences; null: it receives no e-mail.</summary>
    public AgencyNotifications? Notifications { get; set; }
}
