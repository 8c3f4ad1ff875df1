using Enlace.Grains.Interfaces.Reference;
using Enlace.Grains.Interfaces.Security;
using Enlace.WebGateway.Auth;
using Enlace.WebGateway.Http;
using Microsoft.AspNetCore.Mvc;

namespace Enlace.WebGateway.Dashboard;

/// <summary>
/// Monitoring for managers, coordinators and administrators: <c>/api/v1/dashboard</c>.
/// Figures cover the cases of the caller's countries (administrators: all), or one of
/// them with <c>?country=</c>; every figure also as CSV (<c>Accept: text/csv</c>).
/// </summary>
public static class DashboardApi
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/dashboard").WithTags("Monitoring").RequireAuthorization();
        group.MapGet("/summary", GetSummary).WithName("GetDashboardSummary")
            .WithSummary("Cases by state, workflow and country; open, declined, overdue and escalated tasks; median hours per stage. CSV with Accept: text/csv.")
            .Produces<DashboardSummary>().ProducesCsv().ProducesProblem(400).ProducesProblem(403);
        group.MapGet("/agencies", GetAgencies).WithName("GetDashboardAgencies")
            .WithSummary("Per agency: open, overdue, completed in the last 30 days, median hours to complete. CSV with Accept: text/csv.")
            .Produces<AgencyDashboard>().ProducesCsv().ProducesProblem(400).ProducesProblem(403);
        return group;
    }

    private static async Task<IResult> GetSummary(HttpContext http, [FromServices] DashboardQueries? queries, string? country)
    {
        if (Scope(http.ToCaller(), country, queries, out var scope) is { } refusal)
        {
            return refusal;
        }

        var summary = await queries!.SummaryAsync(scope, http.RequestAborted);
        return Csv.Negotiate(http, summary, Rows, "resumen");
    }

    private static async Task<IResult> GetAgencies(HttpContext http, [FromServices] DashboardQueries? queries, IClusterClient grains, string? country)
    {
        if (Scope(http.ToCaller(), country, queries, out var scope) is { } refusal)
        {
            return refusal;
        }

        var (figures, asOf) = await queries!.AgenciesAsync(scope, http.RequestAborted);
        var agencies = (await grains.GetGrain<IReferenceDataGrain>(0).GetAgencies()).ToDictionary(a => a.Code);
        var named = figures.Select(f => agencies.TryGetValue(f.Agency, out var a) ? f with { Name = a.Name, Country = a.Country } : f).ToList();
        return Csv.Negotiate(http, new AgencyDashboard(scope ?? [], named, asOf), d => d.Agencies, "agencias");
    }

    /// <summary>403 unless the caller monitors: a manager, coordinator or administrator.</summary>
    public static IResult? RefuseUnlessMonitoring(Caller caller) =>
        caller.Is(Caller.Manager) || caller.Is(Caller.Coordinator) || caller.Is(Caller.Admin)
            ? null
            : Problems.Create(403, "Dashboards are for managers, coordinators and administrators.").ToResult();

    // Null scope: every country (administrators without a filter).
    private static IResult? Scope(Caller caller, string? country, DashboardQueries? queries, out IReadOnlyList<string>? scope)
    {
        scope = null;
        if (RefuseUnlessMonitoring(caller) is { } refusal)
        {
            return refusal;
        }

        if (country is not null && (country.Length != 2 || !country.All(char.IsAsciiLetterUpper)))
        {
            return Problems.Create(400, "Invalid filter.", new Dictionary<string, string[]> { ["country"] = ["an ISO 3166 alpha-2 code in capitals, e.g. PE"] }).ToResult();
        }

        var countries = caller.Countries.IsDefault ? [] : caller.Countries;
        if (!caller.Is(Caller.Admin))
        {
            if (country is not null && !countries.Contains(country))
            {
                return Problems.Create(403, $"You monitor {(countries.IsEmpty ? "no country" : string.Join(", ", countries))}, not {country}.").ToResult();
            }

            scope = country is null ? [.. countries] : [country];
        }
        else if (country is not null)
        {
            scope = [country];
        }

        return queries is null ? Problems.NoReadModel() : null;
    }

    private static IEnumerable<SummaryRow> Rows(DashboardSummary s) =>
        s.CasesByState.Select(c => new SummaryRow("casesByState", c.WorkflowId, c.State, c.Count))
            .Concat(s.CasesByWorkflow.Select(c => new SummaryRow("casesByWorkflow", c.Key, null, c.Count)))
            .Concat(s.CasesByCountry.Select(c => new SummaryRow("casesByCountry", c.Key, null, c.Count)))
            .Append(new SummaryRow("tasks", "open", null, s.Tasks.Open))
            .Append(new SummaryRow("tasks", "declined", null, s.Tasks.Declined))
            .Append(new SummaryRow("tasks", "overdue", null, s.Tasks.Overdue))
            .Append(new SummaryRow("tasks", "escalated", null, s.Tasks.Escalated))
            .Concat(s.MedianHoursPerStage.Select(m => new SummaryRow("medianHoursPerStage", m.WorkflowId, m.Stage, m.MedianHours)));
}
