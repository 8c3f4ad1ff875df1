using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Enlace.WebGateway.Auth;
using Enlace.WebGateway.Http;
using Enlace.WebGateway.Victims;
using Microsoft.AspNetCore.Mvc;

namespace Enlace.WebGateway.Cases;

/// <summary>Cases, their tasks and their audit trail: <c>/api/v1/cases</c>.</summary>
public static class CasesApi
{
    /// <summary>The shortest search term: the trigram index has nothing to look up for fewer characters.</summary>
    public const int MinSearchLength = 3;

    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases").WithTags("Cases").RequireAuthorization();
        group.MapGet("/", ListCases).WithName("ListCases").WithSummary("The cases the caller may see, newest change first; filters and a search (at least 3 characters) over reference, title and summary; page on with ?after= (the previous page's next).")
            .Produces<ListPage<CaseSummary>>().ProducesCsv().ProducesProblem(400).ProducesProblem(403);
        group.MapPost("/", OpenCase).WithName("OpenCase").WithSummary("Opens a case (coordinators).")
            .Produces<CaseView>(201).ProducesProblem(403).ProducesCommandProblems();
        group.MapGet("/{id}", GetCase).WithName("GetCase").WithSummary("A case as the caller may see it.")
            .Produces<CaseView>().ProducesProblem(404);
        group.MapPost("/{id}/transitions", FireTrigger).WithName("FireCaseTrigger").WithSummary("Fires a workflow trigger.")
            .Produces<CaseView>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesCommandProblems();
        group.MapPost("/{id}/tasks", CreateTask).WithName("CreateTask").WithSummary("Assigns a task to an agency (coordinators).")
            .Produces<TaskView>(201).ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesCommandProblems();
        group.MapPost("/{id}/tasks/{taskId}/transitions", FireTaskTrigger).WithName("FireTaskTrigger").WithSummary("Moves a task.")
            .Produces<TaskView>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesCommandProblems();
        group.MapPost("/{id}/notes", AddNote).WithName("AddNote").WithSummary("Adds a note to the case or one of its tasks.")
            .Produces<CaseView>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesCommandProblems();
        group.MapGet("/{id}/history", GetHistory).WithName("GetCaseHistory")
            .WithSummary("The audit trail, in order; past its 10,000th event, page on with ?after= (the previous page's next).")
            .Produces<ListPage<AuditEventView>>().ProducesCsv().ProducesProblem(400).ProducesProblem(404);
        group.MapGet("/{id}/history/verify", VerifyHistory).WithName("VerifyCaseHistory").WithSummary("Re-computes the audit trail's hash chain (a tighter per-user budget: Api:Budgets:Verifications).")
            .WithRateBudget(RateBudget.Verifications)
            .Produces<HistoryVerification>().ProducesProblem(404);
        return group;
    }

    private static async Task<IResult> ListCases(
        HttpContext http, [FromServices] CaseQueries? queries, string? state, string? country, string? agency, string? workflowId,
        bool? overdue, string? q, int? page, int? pageSize, string? after)
    {
        if (q is { Length: > 200 } || new[] { state, country, agency, workflowId }.Any(v => v is { Length: > 100 }))
        {
            return Problems.Create(400, "A filter is too long.", new Dictionary<string, string[]> { ["q"] = ["at most 200 characters; other filters at most 100"] }).ToResult();
        }

        // A term of one or two characters has no trigram to look up: it would read every case.
        if (!string.IsNullOrWhiteSpace(q) && q.Trim().Length < MinSearchLength)
        {
            return Problems.Create(400, $"Search for at least {MinSearchLength} characters (a word of the title or summary, or part of a reference such as PE-2026).",
                new Dictionary<string, string[]> { ["q"] = [$"at least {MinSearchLength} characters"] }).ToResult();
        }

        var filter = new CaseQueries.CaseFilter(state, country, agency, workflowId, overdue, q);
        if (!Paging.TryRead(page, pageSize, after, CaseQueries.CaseList, filter.Key, out var paging, out var problem))
        {
            return problem!.ToResult();
        }

        var caller = http.ToCaller();
        if (!caller.Is(Caller.Coordinator) && !caller.Is(Caller.Manager) && !caller.Is(Caller.Agent))
        {
            return Problems.Create(403, "Case lists are for coordinators, managers and agencies; administrators manage definitions, agencies and upgrades, not case content.").ToResult();
        }

        if (queries is null)
        {
            return Problems.NoReadModel();
        }

        return Csv.Negotiate(http, await queries.ListCasesAsync(caller, filter, paging, http.RequestAborted), "casos");
    }

    private static Task<IResult> OpenCase(HttpContext http, IClusterClient grains, CreateCaseRequest body, [FromServices] IdempotencyStore? store = null) =>
        CommandRequest.RunAsync(http, store, body, async context =>
        {
            var id = context.IdempotencyKey is { } key ? CaseIds.ForIdempotencyKey(context.Caller.UserId, key) : CaseIds.New();
            var result = await grains.GetGrain<ICaseGrain>(id).Open(context, ToCommand(body));
            return CaseResponses.From(result, CaseResponses.Case, view => $"/api/v1/cases/{view.Id}");
        });

    private static async Task<IResult> GetCase(HttpContext http, IClusterClient grains, string id)
    {
        if (!CaseIds.IsValid(id))
        {
            return NoSuchCase();
        }

        var response = CaseResponses.From(await grains.GetGrain<ICaseGrain>(id).Get(http.ToCaller()), CaseResponses.Case);
        return response.ToResult();
    }

    private static Task<IResult> FireTrigger(HttpContext http, IClusterClient grains, string id, CaseTransitionRequest body, [FromServices] IdempotencyStore? store = null) =>
        !CaseIds.IsValid(id) ? Task.FromResult(NoSuchCase()) : CommandRequest.RunAsync(http, store, body, async context =>
            CaseResponses.From(
                await grains.GetGrain<ICaseGrain>(id).Fire(context, new FireCaseTriggerCommand(body.Trigger ?? "", body.Note, body.Resolution, body.DecisionRef, body.LeadCountry)),
                CaseResponses.Case));

    private static Task<IResult> CreateTask(HttpContext http, IClusterClient grains, string id, CreateTaskRequest body, [FromServices] IdempotencyStore? store = null)
    {
        if (!CaseIds.IsValid(id))
        {
            return Task.FromResult(NoSuchCase());
        }

        if (body.DueAt is not { } dueAt)
        {
            return Task.FromResult(Problems.Create(400, "The request has invalid fields; nothing was changed.",
                new Dictionary<string, string[]> { ["dueAt"] = ["is required (ISO 8601, e.g. 2026-06-30T17:00:00Z)"] }).ToResult());
        }

        return CommandRequest.RunAsync(http, store, body, async context =>
        {
            var command = new CreateTaskCommand(body.Title ?? "", body.Description, body.Agency ?? "", dueAt, body.Priority ?? "normal", body.Kind ?? "task");
            var result = await grains.GetGrain<ICaseGrain>(id).CreateTask(context, command);
            return CaseResponses.From(result, CaseResponses.Task(result.TaskId), _ => $"/api/v1/cases/{id}/tasks/{result.TaskId}");
        });
    }

    private static Task<IResult> FireTaskTrigger(HttpContext http, IClusterClient grains, string id, string taskId, TaskTransitionRequest body, [FromServices] IdempotencyStore? store = null) =>
        !CaseIds.IsValid(id) ? Task.FromResult(NoSuchCase()) : CommandRequest.RunAsync(http, store, body, async context =>
        {
            var command = new FireTaskTriggerCommand(taskId, body.Trigger ?? "", body.Note, body.EvidenceRef, body.Agency);
            var result = await grains.GetGrain<ICaseGrain>(id).FireTask(context, command);
            return CaseResponses.From(result, CaseResponses.Task(taskId));
        });

    private static Task<IResult> AddNote(HttpContext http, IClusterClient grains, string id, NoteRequest body, [FromServices] IdempotencyStore? store = null) =>
        !CaseIds.IsValid(id) ? Task.FromResult(NoSuchCase()) : CommandRequest.RunAsync(http, store, body, async context =>
            CaseResponses.From(await grains.GetGrain<ICaseGrain>(id).AddNote(context, new AddNoteCommand(body.Text ?? "", body.TaskId, body.EvidenceRef)), CaseResponses.Case));

    private static async Task<IResult> GetHistory(
        HttpContext http, IClusterClient grains, [FromServices] CaseHistory? history, string id, int? page, int? pageSize, string? after)
    {
        long? cursor = null;
        if (after is not null)
        {
            if (!long.TryParse(after, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seq) || page is not (null or 1))
            {
                return Problems.Create(400, "Invalid paging.", new Dictionary<string, string[]>
                {
                    ["after"] = ["the next value of the previous page (a sequence number), without page"],
                }).ToResult();
            }

            cursor = seq;
        }

        if (!Paging.TryRead(page, pageSize, out var paging, out var problem))
        {
            return problem!.ToResult();
        }

        var scope = CaseIds.IsValid(id) ? await grains.GetGrain<ICaseGrain>(id).OpenHistory(http.ToCaller()) : null;
        return scope is null ? NoSuchCase()
            : history is null ? Problems.NoReadModel()
            : Csv.Negotiate(http, await history.PageAsync(id, scope, paging, cursor, http.RequestAborted), $"historial-{id}");
    }

    private static async Task<IResult> VerifyHistory(HttpContext http, IClusterClient grains, [FromServices] CaseHistory? history, string id)
    {
        var scope = CaseIds.IsValid(id) ? await grains.GetGrain<ICaseGrain>(id).OpenHistory(http.ToCaller()) : null;
        return scope is null ? NoSuchCase()
            : history is null ? Problems.NoReadModel()
            : TypedResults.Ok(await history.VerifyAsync(id, scope, http.RequestAborted));
    }

    private static IResult NoSuchCase() => Problems.Create(404, "No such case.").ToResult();

    private static OpenCaseCommand ToCommand(CreateCaseRequest body) => new(
        body.WorkflowId ?? "",
        body.Title ?? "",
        body.Summary ?? "",
        body.LeadCountry ?? "",
        [.. body.PartnerCountries ?? []],
        body.BorderPoint,
        [.. (body.Victims ?? []).Select(v => v?.ToFields()!)]);
}
