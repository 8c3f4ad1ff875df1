using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Roadmaps;
using Enlace.Grains.Interfaces.Security;
using Enlace.WebGateway.Auth;
using Enlace.WebGateway.Cases;
using Enlace.WebGateway.Dashboard;
using Enlace.WebGateway.Http;
using Microsoft.AspNetCore.Mvc;

namespace Enlace.WebGateway.Roadmaps;

/// <summary>Roadmaps and their actions: <c>/api/v1/roadmaps</c>, and the roadmap dashboard.</summary>
public static partial class RoadmapsApi
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapRoadmapsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/roadmaps").WithTags("Roadmaps").RequireAuthorization();
        group.MapGet("/", List).WithName("ListRoadmaps").WithSummary("Roadmaps of the caller's countries, newest first. CSV with Accept: text/csv.")
            .Produces<ListPage<RoadmapSummary>>().ProducesCsv().ProducesProblem(400);
        group.MapPost("/", Create).WithName("CreateRoadmap").WithSummary("Creates a roadmap (coordinators, administrators).")
            .Produces<RoadmapView>(201).ProducesProblem(403).ProducesCommandProblems();
        group.MapGet("/{id}", Get).WithName("GetRoadmap").WithSummary("A roadmap with its areas, progress per area and the actions the caller may see.")
            .Produces<RoadmapDetail>().ProducesProblem(404);
        group.MapPost("/{id}/actions", AddAction).WithName("AddRoadmapAction").WithSummary("Adds an action (coordinators of the roadmap's countries).")
            .Produces<ActionView>(201).ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesCommandProblems();
        group.MapGet("/{id}/actions/{actionId}", GetAction).WithName("GetRoadmapAction").WithSummary("An action.")
            .Produces<ActionView>().ProducesProblem(404);
        group.MapPost("/{id}/actions/{actionId}/transitions", FireAction).WithName("FireRoadmapActionTrigger").WithSummary("Fires a trigger of the action's workflow.")
            .Produces<ActionView>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesCommandProblems();
        group.MapPost("/{id}/actions/{actionId}/reports", Report).WithName("ReportRoadmapActionProgress").WithSummary("Reports progress (agents of a responsible agency).")
            .Produces<ActionView>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesCommandProblems();
        group.MapGet("/{id}/actions/{actionId}/history", History).WithName("GetRoadmapActionHistory").WithSummary("The action's audit trail, in order. CSV with Accept: text/csv.")
            .Produces<ListPage<AuditEventView>>().ProducesCsv().ProducesProblem(400).ProducesProblem(404);
        app.MapGet("/api/v1/dashboard/roadmaps/{id}", Dashboard).WithTags("Monitoring").RequireAuthorization()
            .WithName("GetRoadmapDashboard").WithSummary("Per area: actions by state, percent verified, overdue. CSV with Accept: text/csv.")
            .Produces<RoadmapDetail>().ProducesCsv().ProducesProblem(403).ProducesProblem(404);
        return group;
    }

    private static async Task<IResult> List(HttpContext http, [FromServices] RoadmapQueries? queries, int? page, int? pageSize)
    {
        if (!Paging.TryRead(page, pageSize, out var paging, out var problem))
        {
            return problem!.ToResult();
        }

        return queries is null ? Problems.NoReadModel() : Csv.Negotiate(http, await queries.ListAsync(http.ToCaller(), paging, http.RequestAborted), "hojas-de-ruta");
    }

    private static Task<IResult> Create(HttpContext http, IClusterClient grains, CreateRoadmapRequest body, [FromServices] IdempotencyStore? store = null)
    {
        var id = string.IsNullOrEmpty(body.Id) ? "hr-" + Guid.NewGuid().ToString("N")[..12] : body.Id;
        if (!IsId(id))
        {
            return Task.FromResult(Problems.Create(400, "Invalid roadmap id.", new Dictionary<string, string[]> { ["id"] = ["3–60 lower-case letters, digits and hyphens, with at least one letter"] }).ToResult());
        }

        return CommandRequest.RunAsync(http, store, body, async context =>
        {
            var command = new CreateRoadmapCommand(body.Title ?? "", [.. body.Countries ?? []], body.SignedOn, body.SignedAt,
                body.PeriodStart ?? default, body.PeriodEnd ?? default, [.. (body.Areas ?? []).Select(a => a is null ? null! : new RoadmapArea(a.Code ?? "", a.Title ?? ""))]);
            var result = await grains.GetGrain<IRoadmapGrain>(id).Create(context, command);
            return Respond(result, () => (result.Roadmap!, result.Roadmap!.Version), () => $"/api/v1/roadmaps/{id}");
        });
    }

    private static async Task<IResult> Get(HttpContext http, IClusterClient grains, [FromServices] RoadmapQueries? queries, string id)
    {
        var (detail, problem) = await DetailAsync(http, grains, queries, id);
        return problem ?? TypedResults.Ok(detail);
    }

    private static async Task<IResult> Dashboard(HttpContext http, IClusterClient grains, [FromServices] RoadmapQueries? queries, string id)
    {
        if (DashboardApi.RefuseUnlessMonitoring(http.ToCaller()) is { } refusal)
        {
            return refusal;
        }

        var (detail, problem) = await DetailAsync(http, grains, queries, id);
        return problem ?? Csv.Negotiate(http, detail!, d => d.Areas.SelectMany(a => a.ByState.Count == 0
            ? [new AreaStateRow(a.Code, a.Title, "", 0, a.PercentVerified, a.Overdue)]
            : a.ByState.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new AreaStateRow(a.Code, a.Title, s.Key, s.Value, a.PercentVerified, a.Overdue))), $"tablero-{id}");
    }

    // The roadmap as the caller may see it, with progress per area and its actions; or why not.
    private static async Task<(RoadmapDetail? Detail, IResult? Problem)> DetailAsync(HttpContext http, IClusterClient grains, RoadmapQueries? queries, string id)
    {
        var caller = http.ToCaller();
        var result = IsId(id) ? await grains.GetGrain<IRoadmapGrain>(id).Get(caller) : null;
        if (result?.Roadmap is not { } roadmap)
        {
            return (null, NoSuchRoadmap());
        }

        return queries is null ? (null, Problems.NoReadModel()) : (await DetailAsync(queries, roadmap, caller, http.RequestAborted), null);
    }

    private static async Task<RoadmapDetail> DetailAsync(RoadmapQueries queries, RoadmapView roadmap, Caller caller, CancellationToken cancellationToken)
    {
        var seesAll = caller.Is(Caller.Admin) || ((caller.Is(Caller.Coordinator) || caller.Is(Caller.Manager)) && roadmap.Countries.Any(caller.CoversCountry));
        var areas = await queries.ProgressAsync(roadmap, cancellationToken);
        var actions = await queries.ActionsAsync(roadmap.Id, caller, seesAll, cancellationToken);
        return new RoadmapDetail(roadmap, RoadmapQueries.Percent(areas.Sum(a => a.Verified), areas.Sum(a => a.Actions)), areas, actions);
    }

    private static Task<IResult> AddAction(HttpContext http, IClusterClient grains, string id, CreateActionRequest body, [FromServices] IdempotencyStore? store = null) =>
        !IsId(id) ? Task.FromResult(NoSuchRoadmap()) : CommandRequest.RunAsync(http, store, body, async context =>
        {
            var command = new CreateActionCommand(body.Title ?? "", body.Description, body.Area ?? "", [.. body.ResponsibleAgencies ?? []],
                [.. (body.Indicators ?? []).Select(i => i is null ? null! : new IndicatorInput(i.Name ?? "", i.Unit ?? "", i.Baseline, i.Target))],
                body.StartDate ?? default, body.DueDate ?? default);
            var result = await grains.GetGrain<IRoadmapGrain>(id).AddAction(context, command);
            return Respond(result, () => (result.Action!, result.Action!.Version), () => $"/api/v1/roadmaps/{id}/actions/{result.Action!.Id}");
        });

    private static async Task<IResult> GetAction(HttpContext http, IClusterClient grains, string id, string actionId)
    {
        var result = IsId(id) && IsActionId(actionId) ? await Action(grains, id, actionId).Get(http.ToCaller()) : null;
        return result?.Action is { } action ? Respond(result, () => (action, action.Version)).ToResult() : NoSuchAction();
    }

    private static Task<IResult> FireAction(HttpContext http, IClusterClient grains, string id, string actionId, ActionTransitionRequest body, [FromServices] IdempotencyStore? store = null) =>
        !IsId(id) || !IsActionId(actionId) ? Task.FromResult(NoSuchAction()) : CommandRequest.RunAsync(http, store, body, async context =>
        {
            var result = await Action(grains, id, actionId).Fire(context, new FireActionTriggerCommand(body.Trigger ?? "", body.Note));
            return Respond(result, () => (result.Action!, result.Action!.Version));
        });

    private static Task<IResult> Report(HttpContext http, IClusterClient grains, string id, string actionId, ProgressReportRequest body, [FromServices] IdempotencyStore? store = null) =>
        !IsId(id) || !IsActionId(actionId) ? Task.FromResult(NoSuchAction()) : CommandRequest.RunAsync(http, store, body, async context =>
        {
            if (body.PercentComplete is null)
            {
                return Problems.Create(400, "The request has invalid fields; nothing was changed.", new Dictionary<string, string[]> { ["percentComplete"] = ["is required"] });
            }

            var values = (body.IndicatorValues ?? []).ToImmutableDictionary();
            var result = await Action(grains, id, actionId).Report(context, new ProgressReportCommand(values, body.PercentComplete.Value, body.Note ?? "", body.EvidenceRef));
            return Respond(result, () => (result.Action!, result.Action!.Version));
        });

    private static async Task<IResult> History(HttpContext http, IClusterClient grains, string id, string actionId, int? page, int? pageSize)
    {
        if (!Paging.TryRead(page, pageSize, out var paging, out var problem))
        {
            return problem!.ToResult();
        }

        var events = IsId(id) && IsActionId(actionId) ? await Action(grains, id, actionId).GetHistory(http.ToCaller()) : null;
        return events is { } all ? Csv.Negotiate(http, paging.Of(all), $"historial-{actionId}") : NoSuchAction();
    }

    private static IRoadmapActionGrain Action(IClusterClient grains, string id, string actionId) =>
        grains.GetGrain<IRoadmapActionGrain>($"{id}/{actionId}");

    private static ApiResponse Respond(RoadmapResult result, Func<(object, int)> success, Func<string>? location = null) =>
        CaseResponses.From(result.Outcome, result.Detail, result.Errors, result.PermittedTriggers, success, location);

    private static IResult NoSuchRoadmap() => Problems.Create(404, "No such roadmap.").ToResult();

    private static IResult NoSuchAction() => Problems.Create(404, "No such action.").ToResult();

    private static bool IsId(string id) => RoadmapId().IsMatch(id) && id.Any(char.IsAsciiLetterLower);

    private static bool IsActionId(string id) => ActionId().IsMatch(id);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,59}$")]
    private static partial Regex RoadmapId();

    [GeneratedRegex("^a[1-9][0-9]{0,5}$")]
    private static partial Regex ActionId();
}
