namespace Enlace.WebGateway.Dashboard;

/// <summary><c>GET /api/v1/dashboard/summary</c>: cases and work across the caller's countries (or one of them).</summary>
public sealed record DashboardSummary(
    IReadOnlyList<string> Countries,
    long TotalCases,
    IReadOnlyList<StateCount> CasesByState,
    IReadOnlyList<KeyCount> CasesByWorkflow,
    IReadOnlyList<KeyCount> CasesByCountry,
    TaskFigures Tasks,
    IReadOnlyList<StageMedian> MedianHoursPerStage,
    DateTimeOffset AsOf);

/// <summary>Cases of a workflow in one of its states.</summary>
public sealed record StateCount(string WorkflowId, string State, long Count);

/// <summary>A count by key (workflow id, country code).</summary>
public sealed record KeyCount(string Key, long Count);

/// <summary>
/// Tasks: still to do by an agency (assigned, accepted, in progress), declined back to the
/// coordinators, overdue (open or declined past the due date, or a referral not
/// acknowledged in time) and escalated (still open).
/// </summary>
public sealed record TaskFigures(long Open, long Declined, long Overdue, long Escalated);

/// <summary>
/// The median time cases spent in a stage they have left, in whole hours (the lower
/// median of the stays, each rounded down to the hour), over <c>Stays</c> stays.
/// </summary>
public sealed record StageMedian(string WorkflowId, string Stage, int MedianHours, long Stays);

/// <summary><c>GET /api/v1/dashboard/agencies</c>: work per agency.</summary>
public sealed record AgencyDashboard(IReadOnlyList<string> Countries, IReadOnlyList<AgencyFigures> Agencies, DateTimeOffset AsOf);

/// <summary>
/// One agency: open and overdue tasks, tasks completed in the last 30 days, and the median
/// hours from assignment to completion over all its completed tasks (whole hours, lower
/// median), null when it has completed none.
/// </summary>
public sealed record AgencyFigures(
    string Agency, string? Name, string? Country, long Open, long Declined, long Overdue, long Escalated,
    long CompletedLast30Days, long Completed, int? MedianHoursToComplete);

/// <summary>One row of the CSV form of the summary: section, keys and figure.</summary>
public sealed record SummaryRow(string Section, string Key, string? SubKey, double Value);
