namespace Enlace.Grains.Workflows.Definitions;

/// <summary>One problem in a definition file: where it is and what is wrong.</summary>
public sealed record DefinitionError(string File, string Path, int? Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{File}{(Line is { } line ? $":{line}" : "")}{(Path.Length > 0 ? $" ({Path})" : "")}: {Message}";
}
