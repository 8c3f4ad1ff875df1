namespace Enlace.WebGateway.Cases;

/// <summary>A case in a list (from the read model).</summary>
public sealed record CaseSummary(
    string Id, string Reference, string WorkflowId, int WorkflowVersion, string Title, string State, string LeadCountry,
    IReadOnlyList<string> Countries, string? BorderPoint, DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ClosedAt,
    int Version, int OpenTasks, int OverdueTasks);
