using Enlace.Grains.Workflows.Definitions;

namespace Enlace.Grains.ReferenceData;

/// <summary>A configured country (ISO 3166 alpha-2 code).</summary>
public sealed class Country
{
    /// <summary>ISO 3166 alpha-2 code, e.g. <c>PE</c>.</summary>
    public string Code { get; set; } = "";

    /// <summary>Name shown to users.</summary>
    public LocalizedText Name { get; set; } = new();
}
