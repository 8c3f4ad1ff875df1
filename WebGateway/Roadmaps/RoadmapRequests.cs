namespace Enlace.WebGateway.Roadmaps;

/// <summary>Body of <c>POST /api/v1/roadmaps</c>.</summary>
public sealed record CreateRoadmapRequest(
    string? Id, string? Title, string[]? Countries, DateOnly? SignedOn, string? SignedAt, DateOnly? PeriodStart, DateOnly? PeriodEnd,
    AreaRequest?[]? Areas);

/// <summary>An area in a request.</summary>
public sealed record AreaRequest(string? Code, string? Title);

/// <summary>Body of <c>POST /api/v1/roadmaps/{id}/actions</c>.</summary>
public sealed record CreateActionRequest(
    string? Title, string? Description, string? Area, string[]? ResponsibleAgencies, IndicatorRequest?[]? Indicators,
    DateOnly? StartDate, DateOnly? DueDate);

/// <summary>An indicator in a request.</summary>
public sealed record IndicatorRequest(string? Name, string? Unit, decimal Baseline, decimal Target);

/// <summary>Body of <c>POST .../actions/{actionId}/transitions</c>.</summary>
public sealed record ActionTransitionRequest(string? Trigger, string? Note);

/// <summary>Body of <c>POST .../actions/{actionId}/reports</c>.</summary>
public sealed record ProgressReportRequest(Dictionary<string, decimal>? IndicatorValues, int? PercentComplete, string? Note, string? EvidenceRef);

/// <summary>A roadmap in the list.</summary>
public sealed record RoadmapSummary(
    string Id, string Title, IReadOnlyList<string> Countries, DateOnly? SignedOn, string? SignedAt, DateOnly PeriodStart, DateOnly PeriodEnd,
    int Actions, int Verified, double PercentVerified);

/// <summary>Progress of one area: actions by state, verified share, overdue.</summary>
public sealed record AreaProgress(string Code, string Title, int Actions, IReadOnlyDictionary<string, int> ByState, int Verified, double PercentVerified, int Overdue);

/// <summary>An action in a roadmap's list.</summary>
public sealed record ActionSummary(
    string Id, string Area, string Title, string State, IReadOnlyList<string> ResponsibleAgencies, int PercentComplete,
    DateOnly StartDate, DateOnly DueDate, bool Overdue, bool Escalated, int Version);

/// <summary><c>GET /api/v1/roadmaps/{id}</c>: the roadmap, progress per area and the actions the caller may see.</summary>
public sealed record RoadmapDetail(
    Grains.Interfaces.Roadmaps.RoadmapView Roadmap, double PercentVerified, IReadOnlyList<AreaProgress> Areas, IReadOnlyList<ActionSummary> Actions);

/// <summary>One row of the CSV form of the roadmap dashboard.</summary>
public sealed record AreaStateRow(string Area, string AreaTitle, string State, int Actions, double PercentVerified, int Overdue);
