namespace Enlace.Grains.Workflows.Definitions;

/// <summary>Thrown when definitions or reference data do not validate; lists every problem found.</summary>
public sealed class InvalidDefinitionException(IReadOnlyList<DefinitionError> errors)
    : Exception("Invalid workflow definitions:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    /// <summary>Every problem found.</summary>
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}
