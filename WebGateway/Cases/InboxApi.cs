using Enlace.Grains.Interfaces.Security;
using Enlace.WebGateway.Auth;
using Enlace.WebGateway.Http;
using Microsoft.AspNetCore.Mvc;

namespace Enlace.WebGateway.Cases;

/// <summary>
/// <c>GET /api/v1/inbox</c>: the caller's agency's tasks across all cases, most urgent first;
/// <c>GET /api/v1/queue</c>: the coordinators' queue of declined and overdue tasks in their countries.
/// </summary>
public static class InboxApi
{
    /// <summary>Maps the routes.</summary>
    public static void MapInboxApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/inbox", GetInbox).WithTags("Tasks").RequireAuthorization()
            .WithName("GetInbox").WithSummary("The caller's agency's tasks still to do (or those in ?state=): overdue first, then by priority, then by due date; page on with ?after= (the previous page's next).")
            .Produces<ListPage<InboxItem>>().ProducesCsv().ProducesProblem(400).ProducesProblem(403);
        app.MapGet("/api/v1/queue", GetQueue).WithTags("Tasks").RequireAuthorization()
            .WithName("GetCoordinationQueue").WithSummary("Coordinators: declined tasks and open tasks past their deadline in the cases of their countries (?country= narrows), overdue first; page on with ?after= (the previous page's next). CSV with Accept: text/csv.")
            .Produces<ListPage<InboxItem>>().ProducesCsv().ProducesProblem(400).ProducesProblem(403);
    }

    private static async Task<IResult> GetQueue(HttpContext http, [FromServices] CaseQueries? queries, string? country, int? page, int? pageSize, string? after)
    {
        if (!Paging.TryRead(page, pageSize, out _, out var problem))
        {
            return problem!.ToResult();
        }

        var caller = http.ToCaller();
        if (!caller.Is(Caller.Coordinator))
        {
            return Problems.Create(403, "The coordination queue is for coordinators (administrators manage definitions, agencies and upgrades, not case content).").ToResult();
        }

        if (country is not null && (country.Length != 2 || !country.All(char.IsAsciiLetterUpper)))
        {
            return Problems.Create(400, "Invalid filter.", new Dictionary<string, string[]> { ["country"] = ["an ISO 3166 alpha-2 code in capitals, e.g. PE"] }).ToResult();
        }

        var countries = caller.Countries.IsDefault ? [] : caller.Countries;
        if (country is not null && !countries.Contains(country))
        {
            return Problems.Create(403, $"You coordinate {(countries.IsEmpty ? "no country" : string.Join(", ", countries))}, not {country}.").ToResult();
        }

        IReadOnlyList<string> scope = country is not null ? [country] : [.. countries];
        if (!Paging.TryRead(page, pageSize, after, CaseQueries.QueueList, CaseQueries.QueueKey(scope), out var paging, out problem))
        {
            return problem!.ToResult();
        }

        return queries is null
            ? Problems.NoReadModel()
            : Csv.Negotiate(http, await queries.QueueAsync(scope, paging, http.RequestAborted), "pendientes");
    }

    private static async Task<IResult> GetInbox(HttpContext http, [FromServices] CaseQueries? queries, string? state, bool? overdue, int? page, int? pageSize, string? after)
    {
        if (!Paging.TryRead(page, pageSize, out _, out var problem))
        {
            return problem!.ToResult();
        }

        var agency = http.ToCaller().Agency;
        if (agency is null)
        {
            return Problems.Create(403, "The inbox is an agency's: your token names no agency.").ToResult();
        }

        if (state is { Length: > 30 })
        {
            return Problems.Create(400, "Invalid filter.", new Dictionary<string, string[]> { ["state"] = ["a task state"] }).ToResult();
        }

        if (!Paging.TryRead(page, pageSize, after, CaseQueries.InboxList, CaseQueries.InboxKey(agency, state, overdue), out var paging, out problem))
        {
            return problem!.ToResult();
        }

        return queries is null
            ? Problems.NoReadModel()
            : Csv.Negotiate(http, await queries.InboxAsync(agency, state, overdue, paging, http.RequestAborted), "bandeja");
    }
}
