using Enlace.Grains.Roadmaps;

namespace Enlace.Grains.ReadModel;

/// <summary>Writes roadmaps and their actions into the read model; idempotent by version.</summary>
public interface IRoadmapProjection
{
    /// <summary>Projects a roadmap.</summary>
    Task ProjectRoadmapAsync(string roadmapId, RoadmapState state, CancellationToken cancellationToken = default);

    /// <summary>Projects an action, and the notifications its overdue events raise.</summary>
    Task ProjectActionAsync(string roadmapId, string actionId, RoadmapActionState state, CancellationToken cancellationToken = default);
}

/// <summary>No read model (the localhost setup).</summary>
public sealed class NoRoadmapProjection : IRoadmapProjection
{
    /// <inheritdoc />
    public Task ProjectRoadmapAsync(string roadmapId, RoadmapState state, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public Task ProjectActionAsync(string roadmapId, string actionId, RoadmapActionState state, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
