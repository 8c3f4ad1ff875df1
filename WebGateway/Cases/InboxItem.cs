namespace Enlace.WebGateway.Cases;

/// <summary>A task in an agency's inbox (from the read model).</summary>
public sealed record InboxItem(
    string Id, string CaseId, string CaseReference, string CaseTitle, string Title, string Agency, string State, string Priority,
    string Kind, DateTimeOffset DueAt, DateTimeOffset? AcknowledgeBy, bool Overdue, bool Escalated, DateTimeOffset UpdatedAt, int Version);
