namespace Enlace.Grains.Workflows.Definitions;

/// <summary>A text in Spanish (the users' language) and English.</summary>
public sealed class LocalizedText
{
    /// <summary>Spanish.</summary>
    public string Es { get; set; } = "";

    /// <summary>English.</summary>
    public string En { get; set; } = "";

    /// <summary>The text in <paramref name="language"/> ("es" or "en"), Spanish by default.</summary>
    public string In(string language) => language == "en" && En.Length > 0 ? En : Es;
}
