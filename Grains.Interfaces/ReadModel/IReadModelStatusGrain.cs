namespace Enlace.Grains.Interfaces.ReadModel;

/// <summary>
/// Where the read model stands against the grains, as the projection sweepers last saw
/// it. One instance, key 0; it lives in memory only (the sweepers report every few seconds).
/// </summary>
[Alias("Enlace.IReadModelStatusGrain")]
public interface IReadModelStatusGrain : IGrainWithIntegerKey
{
    /// <summary>A sweeper's finding.</summary>
    [Alias("Report")]
    Task Report(ReadModelStatus status);

    /// <summary>The latest finding, or null when no sweeper has reported yet.</summary>
    [Alias("Get")]
    Task<ReadModelStatus?> Get();
}

/// <summary>
/// Cases whose stored state the read model has not received yet (after the sweeper
/// flushed what it could), and the age of the oldest such write.
/// </summary>
[GenerateSerializer, Immutable, Alias("Enlace.ReadModelStatus")]
public sealed record ReadModelStatus(
    [property: Id(0)] int PendingCases,
    [property: Id(1)] double LagSeconds,
    [property: Id(2)] DateTimeOffset CheckedAt);
