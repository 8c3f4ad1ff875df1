using Enlace.WebGateway.Victims;

namespace Enlace.WebGateway.Cases;

/// <summary>Body of <c>POST /api/v1/cases</c>; victims as in <c>POST /cases/{id}/victims</c>.</summary>
public sealed record CreateCaseRequest(
    string? WorkflowId, string? Title, string? Summary, string? LeadCountry, string[]? PartnerCountries, string? BorderPoint, VictimRequest[]? Victims);

/// <summary>Body of <c>POST /api/v1/cases/{id}/transitions</c>.</summary>
public sealed record CaseTransitionRequest(string? Trigger, string? Note, string? Resolution, string? DecisionRef = null, string? LeadCountry = null);

/// <summary>Body of <c>POST /api/v1/cases/{id}/tasks</c>.</summary>
public sealed record CreateTaskRequest(string? Title, string? Description, string? Agency, DateTimeOffset? DueAt, string? Priority, string? Kind);

/// <summary>Body of <c>POST /api/v1/cases/{id}/tasks/{taskId}/transitions</c>.</summary>
public sealed record TaskTransitionRequest(string? Trigger, string? Note, string? EvidenceRef, string? Agency);

/// <summary>Body of <c>POST /api/v1/cases/{id}/notes</c>.</summary>
public sealed record NoteRequest(string? Text, string? TaskId, string? EvidenceRef);
