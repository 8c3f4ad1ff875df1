namespace Enlace.Grains.ReadModel;

/// <summary>No read model (<c>Cluster:Localhost</c>): no case is found by listing; listed case ids still work.</summary>
public sealed class NoRunningCases : IRunningCases
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(string workflowId, int version, string? after, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}
