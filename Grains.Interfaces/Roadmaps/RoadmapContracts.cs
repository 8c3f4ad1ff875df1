using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Cases;

namespace Enlace.Grains.Interfaces.Roadmaps;

/// <summary>An area of a roadmap (e.g. prevention), defined by the roadmap itself.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.RoadmapArea")]
public sealed record RoadmapArea([property: Id(0)] string Code, [property: Id(1)] string Title);

/// <summary>Creates a roadmap.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.CreateRoadmapCommand")]
public sealed record CreateRoadmapCommand(
    [property: Id(0)] string Title,
    [property: Id(1)] ImmutableArray<string> Countries,
    [property: Id(2)] DateOnly? SignedOn,
    [property: Id(3)] string? SignedAt,
    [property: Id(4)] DateOnly PeriodStart,
    [property: Id(5)] DateOnly PeriodEnd,
    [property: Id(6)] ImmutableArray<RoadmapArea> Areas);

/// <summary>An indicator of an action as proposed: what is measured, from where to where.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.IndicatorInput")]
public sealed record IndicatorInput(
    [property: Id(0)] string Name, [property: Id(1)] string Unit, [property: Id(2)] decimal Baseline, [property: Id(3)] decimal Target);

/// <summary>Adds an action to a roadmap.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.CreateActionCommand")]
public sealed record CreateActionCommand(
    [property: Id(0)] string Title,
    [property: Id(1)] string? Description,
    [property: Id(2)] string Area,
    [property: Id(3)] ImmutableArray<string> ResponsibleAgencies,
    [property: Id(4)] ImmutableArray<IndicatorInput> Indicators,
    [property: Id(5)] DateOnly StartDate,
    [property: Id(6)] DateOnly DueDate);

/// <summary>Fires a trigger of the roadmap-action workflow.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.FireActionTriggerCommand")]
public sealed record FireActionTriggerCommand([property: Id(0)] string Trigger, [property: Id(1)] string? Note = null);

/// <summary>A progress report by a responsible agency.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.ProgressReportCommand")]
public sealed record ProgressReportCommand(
    [property: Id(0)] ImmutableDictionary<string, decimal> IndicatorValues,
    [property: Id(1)] int PercentComplete,
    [property: Id(2)] string Note,
    [property: Id(3)] string? EvidenceRef = null);

/// <summary>A roadmap.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.RoadmapView")]
public sealed record RoadmapView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] ImmutableArray<string> Countries,
    [property: Id(3)] DateOnly? SignedOn,
    [property: Id(4)] string? SignedAt,
    [property: Id(5)] DateOnly PeriodStart,
    [property: Id(6)] DateOnly PeriodEnd,
    [property: Id(7)] ImmutableArray<RoadmapArea> Areas,
    [property: Id(8)] int Actions,
    [property: Id(9)] int Version,
    [property: Id(10)] DateTimeOffset CreatedAt);

/// <summary>An indicator: baseline, target and the latest reported value.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.IndicatorView")]
public sealed record IndicatorView(
    [property: Id(0)] string Name, [property: Id(1)] string Unit, [property: Id(2)] decimal Baseline, [property: Id(3)] decimal Target,
    [property: Id(4)] decimal? Current);

/// <summary>A progress report as recorded.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.ProgressReportView")]
public sealed record ProgressReportView(
    [property: Id(0)] DateTimeOffset At, [property: Id(1)] string Author, [property: Id(2)] string? Agency,
    [property: Id(3)] ImmutableDictionary<string, decimal> IndicatorValues, [property: Id(4)] int PercentComplete,
    [property: Id(5)] string Note, [property: Id(6)] string? EvidenceRef);

/// <summary>A roadmap action as the caller may see it.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.ActionView")]
public sealed record ActionView(
    [property: Id(0)] string Id,
    [property: Id(1)] string RoadmapId,
    [property: Id(2)] string Title,
    [property: Id(3)] string? Description,
    [property: Id(4)] string Area,
    [property: Id(5)] ImmutableArray<string> ResponsibleAgencies,
    [property: Id(6)] ImmutableArray<IndicatorView> Indicators,
    [property: Id(7)] DateOnly StartDate,
    [property: Id(8)] DateOnly DueDate,
    [property: Id(9)] string State,
    [property: Id(10)] int PercentComplete,
    [property: Id(11)] bool Overdue,
    [property: Id(12)] bool Escalated,
    [property: Id(13)] ImmutableArray<ProgressReportView> Reports,
    [property: Id(14)] ImmutableArray<TriggerAvailability> Triggers,
    [property: Id(15)] ImmutableArray<string> PermittedTriggers,
    [property: Id(16)] int Version,
    [property: Id(17)] DateTimeOffset CreatedAt,
    [property: Id(18)] DateTimeOffset UpdatedAt,
    [property: Id(19)] ImmutableArray<VerificationView> Verifications,
    [property: Id(20)] ImmutableArray<string> AwaitingVerification);

/// <summary>One country's verification of an action: by whom, of which agency, when.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.VerificationView")]
public sealed record VerificationView(
    [property: Id(0)] string Country,
    [property: Id(1)] string User,
    [property: Id(2)] string? UserName,
    [property: Id(3)] string? Agency,
    [property: Id(4)] DateTimeOffset At);

/// <summary>The answer of a roadmap or action command or query.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.RoadmapResult")]
public sealed record RoadmapResult(
    [property: Id(0)] CaseOutcome Outcome,
    [property: Id(1)] RoadmapView? Roadmap = null,
    [property: Id(2)] ActionView? Action = null,
    [property: Id(3)] string? Detail = null,
    [property: Id(4)] ImmutableDictionary<string, string[]>? Errors = null,
    [property: Id(5)] ImmutableArray<string> PermittedTriggers = default);
