using Enlace.Grains.Cases;

namespace Enlace.Grains.ReadModel;

/// <summary>
/// Writes a case's state into the read model. Idempotent: projecting the same or an
/// older version again changes nothing, so it may be repeated after any failure.
/// </summary>
public interface ICaseProjection
{
    /// <summary>
    /// Projects the case (read from storage row version <paramref name="storageVersion"/>),
    /// its outbox events with a sequence number above <paramref name="afterSeq"/>, its
    /// tasks and its victims' statistics facts — except the tasks and victims whose version
    /// is the one in <paramref name="projectedTasks"/> and <paramref name="projectedVictims"/>
    /// (already in the read model).
    /// </summary>
    Task ProjectAsync(
        string caseId, CaseState state, int storageVersion, long afterSeq,
        IReadOnlyDictionary<string, int>? projectedTasks = null, IReadOnlyDictionary<string, int>? projectedVictims = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// The storage row version of the case the read model last received (0 when it holds
    /// none): a case whose stored version is not above it has nothing left to project.
    /// </summary>
    Task<int> ProjectedStorageVersionAsync(string caseId, CancellationToken cancellationToken = default);
}
