using Enlace.WebGateway.Auth;
using Enlace.WebGateway.Http;
using Microsoft.AspNetCore.Mvc;

namespace Enlace.WebGateway.Cases;

/// <summary><c>GET /api/v1/inbox</c>: the caller's agency's tasks across all cases, most urgent first.</summary>
public static class InboxApi
{
    /// <summary>Maps the route.</summary>
    public static RouteHandlerBuilder MapInboxApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/inbox", GetInbox).WithTags("Tasks").RequireAuthorization()
            .WithName("GetInbox").WithSummary("The caller's agency's tasks still to do (or those in ?state=): overdue first, then by priority, then by due date.")
            .Produces<ListPage<InboxItem>>().ProducesProblem(400).ProducesProblem(403);

    private static async Task<IResult> GetInbox(HttpContext http, [FromServices] CaseQueries? queries, string? state, bool? overdue, int? page, int? pageSize)
    {
        if (!Paging.TryRead(page, pageSize, out var paging, out var problem))
        {
            return problem!.ToResult();
        }

        var agency = http.User.ToCaller().Agency;
        if (agency is null)
        {
            return Problems.Create(403, "The inbox is an agency's: your token names no agency.").ToResult();
        }

        if (state is { Length: > 30 })
        {
            return Problems.Create(400, "Invalid filter.", new Dictionary<string, string[]> { ["state"] = ["a task state"] }).ToResult();
        }

        return queries is null
            ? Problems.NoReadModel()
            : Csv.Negotiate(http, await queries.InboxAsync(agency, state, overdue, paging, http.RequestAborted), "bandeja");
    }
}
