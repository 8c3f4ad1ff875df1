using Enlace.Grains.Interfaces.ReadModel;

namespace Enlace.Grains.ReadModel;

/// <summary>Keeps the latest report of the projection sweepers, in memory.</summary>
public sealed class ReadModelStatusGrain : Grain, IReadModelStatusGrain
{
    private ReadModelStatus? _latest;

    /// <inheritdoc />
    public Task Report(ReadModelStatus status)
    {
        if (_latest is null || status.CheckedAt >= _latest.CheckedAt)
        {
            _latest = status;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ReadModelStatus?> Get() => Task.FromResult(_latest);
}
