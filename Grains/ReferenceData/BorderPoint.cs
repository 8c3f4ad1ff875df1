using Enlace.Grains.Workflows.Definitions;

namespace Enlace.Grains.ReferenceData;

/// <summary>A border crossing a case may name (<c>borderPoint</c>), e.g. Desaguadero–Desaguadero.</summary>
public sealed class BorderPoint
{
    /// <summary>Stable code, e.g. <c>yunguyo-kasani</c>.</summary>
    public string Code { get; set; } = "";

    /// <summary>Name shown to users.</summary>
    public LocalizedText Name { get; set; } = new();

    /// <summary>The configured countries the crossing joins.</summary>
    public List<string> Countries { get; set; } = [];
}
