namespace Enlace.Grains.ReadModel;

/// <summary>Finds running cases in the read model, for work that walks many of them (definition upgrades).</summary>
public interface IRunningCases
{
    /// <summary>
    /// Up to <paramref name="limit"/> ids of the cases not closed on version <paramref name="version"/>
    /// of <paramref name="workflowId"/>, in id order, after <paramref name="after"/> (a keyset cursor).
    /// </summary>
    Task<IReadOnlyList<string>> ListAsync(string workflowId, int version, string? after, int limit, CancellationToken cancellationToken = default);
}
