using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;

namespace Enlace.Grains.Interfaces.Roadmaps;

/// <summary>A roadmap: its title, countries, signing, areas and the ids of its actions. Key: the roadmap id.</summary>
[Alias("Enlace.IRoadmapGrain")]
public interface IRoadmapGrain : IGrainWithStringKey
{
    /// <summary>Creates the roadmap (coordinators of all its countries' — any one of them — or administrators).</summary>
    [Alias("Create")]
    Task<RoadmapResult> Create(CommandContext context, CreateRoadmapCommand command);

    /// <summary>The roadmap; NotFound when the caller may not see it.</summary>
    [Alias("Get")]
    Task<RoadmapResult> Get(Caller caller);

    /// <summary>Adds an action (coordinators of the roadmap's countries); the answer carries the action.</summary>
    [Alias("AddAction")]
    Task<RoadmapResult> AddAction(CommandContext context, CreateActionCommand command);

    /// <summary>Projects the roadmap into the read model (the projection sweeper calls this).</summary>
    [Alias("FlushProjection")]
    Task FlushProjection();
}

/// <summary>One action of a roadmap, driven by the roadmap-action workflow. Key: <c>{roadmapId}/{actionId}</c>.</summary>
[Alias("Enlace.IRoadmapActionGrain")]
public interface IRoadmapActionGrain : IGrainWithStringKey
{
    /// <summary>Creates the action; called by its roadmap only.</summary>
    [Alias("Create")]
    Task<RoadmapResult> Create(Caller caller, RoadmapView roadmap, CreateActionCommand command);

    /// <summary>The action; NotFound when the caller may not see it.</summary>
    [Alias("Get")]
    Task<RoadmapResult> Get(Caller caller);

    /// <summary>Fires a workflow trigger.</summary>
    [Alias("Fire")]
    Task<RoadmapResult> Fire(CommandContext context, FireActionTriggerCommand command);

    /// <summary>Records a progress report (agents of a responsible agency).</summary>
    [Alias("Report")]
    Task<RoadmapResult> Report(CommandContext context, ProgressReportCommand command);

    /// <summary>The audit trail; null when the caller may not see the action.</summary>
    [Alias("History")]
    Task<ImmutableArray<AuditEventView>?> GetHistory(Caller caller);

    /// <summary>Projects the action into the read model (the projection sweeper calls this).</summary>
    [Alias("FlushProjection")]
    Task FlushProjection();
}
