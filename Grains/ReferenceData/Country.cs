using Enlace.Grains.Workflows.Definitions;

namespace Enlace.Grains.ReferenceData;

/// <summary>A configured country (ISO 3166 alpha-2 code).</summary>
public sealed class Country
{
    /// <summary>ISO 3166 alpha-2 code, e.g. <c>PE</c>.</summary>
    public string Code { get; set; } = "";

    /// <summary>Name shown to users.</summary>
    public LocalizedText Name { get; set; } = new();

    /// <summary>IANA time zone, e.g. <c>America/Lima</c>.</summary>
    public string TimeZone { get; set; } = "";

    /// <summary>BCP 47 language-COUNTRY tag, e.g. <c>es-PE</c>.</summary>
    public string Locale { get; set; } = "";
}
