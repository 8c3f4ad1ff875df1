namespace Enlace.Grains.Workflows.Engine;

/// <summary>A text for people in the two languages of the UI.</summary>
public sealed record Localized(string Es, string En)
{
    /// <summary>The text in English when <paramref name="english"/>, in Spanish otherwise.</summary>
    public string In(bool english) => english ? En : Es;
}
