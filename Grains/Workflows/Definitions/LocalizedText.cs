namespace Enlace.Grains.Workflows.Definitions;

/// <summary>A text in Spanish (the users' language) and English.</summary>
public sealed class LocalizedText
{
    /// <summary>Spanish.</summary>
    public string Es { get; set; } = "";

    /// <summary>English.</summary>
    public string En { get; set; } = "";
}
