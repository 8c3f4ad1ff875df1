using Enlace.Grains.Cases;

namespace Enlace.Grains.ReadModel;

/// <summary>No read model: the in-memory quick-experiment setup (<c>Cluster:Localhost</c>).</summary>
public sealed class NoCaseProjection : ICaseProjection
{
    /// <inheritdoc />
    public Task ProjectAsync(
        string caseId, CaseState state, int storageVersion, long afterSeq,
        IReadOnlyDictionary<string, int>? projectedTasks = null, IReadOnlyDictionary<string, int>? projectedVictims = null,
        CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<int> ProjectedStorageVersionAsync(string caseId, CancellationToken cancellationToken = default) => Task.FromResult(int.MaxValue);
}
