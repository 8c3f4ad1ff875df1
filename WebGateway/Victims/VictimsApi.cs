using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Reference;
using Enlace.Grains.Interfaces.Victims;
using Enlace.WebGateway.Auth;
using Enlace.WebGateway.Cases;
using Enlace.WebGateway.Http;
using Microsoft.AspNetCore.Mvc;

namespace Enlace.WebGateway.Victims;

/// <summary>
/// Victims and perpetrators of a case, consents, and the audited identity route:
/// <c>/api/v1/cases/{id}/victims</c>, <c>/perpetrators</c>, <c>/identity-access</c>; and
/// the HTCDS value lists at <c>/api/v1/reference/victim-values</c>.
/// </summary>
public static class VictimsApi
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapVictimsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/reference/victim-values", VictimValues).WithTags("Reference data").RequireAuthorization()
            .WithName("ListVictimValues").WithSummary("Value lists of victim and perpetrator fields (HTCDS 2.0), titles in the caller's language.")
            .Produces<Dictionary<string, ValueList>>();

        var group = app.MapGroup("/api/v1/cases/{id}").WithTags("Victims").RequireAuthorization();
        group.MapPost("/victims", AddVictim).WithName("AddVictim").WithSummary("Records a victim (coordinators, agents with an open task); the code V-n is generated.")
            .Produces<VictimView>(201).ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesCommandProblems();
        group.MapPut("/victims/{code}", UpdateVictim).WithName("UpdateVictim").WithSummary("Replaces a victim's pseudonymous fields (If-Match: the victim's version).")
            .Produces<VictimView>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesCommandProblems();
        group.MapPost("/victims/{code}/consents", RecordConsent).WithName("RecordConsent").WithSummary("Records a consent decision for one purpose; the latest per purpose holds.")
            .Produces<VictimView>(201).ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesCommandProblems();
        group.MapPost("/victims/{code}/care/transitions", FireCare).WithName("FireCareTrigger")
            .WithSummary("Moves a victim's care track (the victim-care workflow); closing the criminal case never closes it.")
            .Produces<VictimView>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesCommandProblems();
        group.MapGet("/victims/{code}/identity", ReadVictimIdentity).WithName("ReadVictimIdentity").WithRateBudget(RateBudget.IdentityReads)
            .WithSummary("A victim's identity, for an entitled caller with a reason; every read is recorded before it is answered.")
            .Produces<PersonIdentity>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(410);
        group.MapPost("/victims/{code}/identity/erase", EraseVictimIdentity).WithName("EraseVictimIdentity").WithSummary("Destroys a victim identity's key (coordinators, note required).")
            .Produces<VictimView>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(410).ProducesProblem(412).ProducesCommandProblems();
        group.MapPost("/perpetrators", AddPerpetrator).WithName("AddPerpetrator").WithSummary("Records a perpetrator; the code P-n is generated.")
            .Produces<PerpetratorView>(201).ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesCommandProblems();
        group.MapPut("/perpetrators/{code}", UpdatePerpetrator).WithName("UpdatePerpetrator").WithSummary("Replaces a perpetrator's pseudonymous fields (If-Match: its version).")
            .Produces<PerpetratorView>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesCommandProblems();
        group.MapGet("/perpetrators/{code}/identity", ReadPerpetratorIdentity).WithName("ReadPerpetratorIdentity").WithRateBudget(RateBudget.IdentityReads)
            .WithSummary("A perpetrator's identity, for an entitled caller with a reason; recorded like a victim's.")
            .Produces<PersonIdentity>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(410);
        group.MapPost("/perpetrators/{code}/identity/erase", ErasePerpetratorIdentity).WithName("ErasePerpetratorIdentity").WithSummary("Destroys a perpetrator identity's key (coordinators, note required).")
            .Produces<PerpetratorView>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(410).ProducesProblem(412).ProducesCommandProblems();
        group.MapGet("/identity-access", IdentityAccessLog).WithName("GetIdentityAccessLog").WithSummary("Every read of an identity of the case (coordinators of its countries).")
            .Produces<IdentityAccessLog>().ProducesProblem(403).ProducesProblem(404);
        return group;
    }

    private static async Task<IResult> VictimValues(HttpContext http, IClusterClient grains)
    {
        var english = Language.PrefersEnglish(http.Request);
        var lists = await grains.GetGrain<IReferenceDataGrain>(0).GetVictimValues();
        return TypedResults.Ok(lists.ToDictionary(
            l => l.Field,
            l => new ValueList(l.Standard, l.Version, [.. l.Values.Select(v => new ValueTitle(v.Code, english ? v.TitleEn : v.Title))])));
    }

    private static Task<IResult> AddVictim(HttpContext http, IClusterClient grains, string id, VictimRequest body, [FromServices] IdempotencyStore? store = null) =>
        Run(http, store, id, body, async (grain, context) => Victim(await grain.AddVictim(context, body.ToFields()), id));

    private static Task<IResult> UpdateVictim(HttpContext http, IClusterClient grains, string id, string code, VictimRequest body, [FromServices] IdempotencyStore? store = null) =>
        Run(http, store, id, body, async (grain, context) => Victim(await grain.UpdateVictim(context, new UpdateVictimCommand(code, body.ToFields())), id));

    private static Task<IResult> RecordConsent(HttpContext http, IClusterClient grains, string id, string code, ConsentRequest body, [FromServices] IdempotencyStore? store = null)
    {
        if (body.Given is not { } given)
        {
            return Task.FromResult(Problems.Create(400, "The request has invalid fields; nothing was changed.",
                new Dictionary<string, string[]> { ["given"] = ["is required: true when the person consents, false when they refuse or withdraw"] }).ToResult());
        }

        var command = new RecordConsentCommand(code, body.Purpose, given, body.RecordedBy, body.LegalRepresentative, body.Note);
        return Run(http, store, id, body, async (grain, context) => Victim(await grain.RecordConsent(context, command), id));
    }

    private static Task<IResult> FireCare(HttpContext http, string id, string code, CareTransitionRequest body, [FromServices] IdempotencyStore? store = null) =>
        !IsVictim(code) ? Task.FromResult(NoSuchPerson(code)) : Run(http, store, id, body, async (grain, context) =>
            Victim(await grain.FireCare(context, new FireCareTriggerCommand(code, body.Trigger, body.Note, body.Resolution)), id));

    private static Task<IResult> AddPerpetrator(HttpContext http, IClusterClient grains, string id, PerpetratorRequest body, [FromServices] IdempotencyStore? store = null) =>
        Run(http, store, id, body, async (grain, context) => Perpetrator(await grain.AddPerpetrator(context, body.ToFields()), id));

    private static Task<IResult> UpdatePerpetrator(HttpContext http, IClusterClient grains, string id, string code, PerpetratorRequest body, [FromServices] IdempotencyStore? store = null) =>
        Run(http, store, id, body, async (grain, context) => Perpetrator(await grain.UpdatePerpetrator(context, new UpdatePerpetratorCommand(code, body.ToFields())), id));

    // The grain reads and erases identities of either kind by code; each route takes only its own kind.
    private static Task<IResult> EraseVictimIdentity(HttpContext http, string id, string code, EraseRequest body, [FromServices] IdempotencyStore? store = null) =>
        !IsVictim(code) ? Task.FromResult(NoSuchPerson(code)) : Run(http, store, id, body, async (grain, context) =>
            Victim(await grain.EraseIdentity(context, new EraseIdentityCommand(code, body.Note)), id));

    private static Task<IResult> ErasePerpetratorIdentity(HttpContext http, string id, string code, EraseRequest body, [FromServices] IdempotencyStore? store = null) =>
        IsVictim(code) ? Task.FromResult(NoSuchPerson(code)) : Run(http, store, id, body, async (grain, context) =>
            Perpetrator(await grain.EraseIdentity(context, new EraseIdentityCommand(code, body.Note)), id));

    private static Task<IResult> ReadVictimIdentity(HttpContext http, IClusterClient grains, string id, string code, string? reason, bool? @override) =>
        !IsVictim(code) ? Task.FromResult(NoSuchPerson(code)) : ReadIdentity(http, grains, id, code, reason, @override);

    private static Task<IResult> ReadPerpetratorIdentity(HttpContext http, IClusterClient grains, string id, string code, string? reason) =>
        IsVictim(code) ? Task.FromResult(NoSuchPerson(code)) : ReadIdentity(http, grains, id, code, reason, false);

    // Victims keep the codes they had before V-n (first-wave cases); perpetrators were always P-n.
    private static bool IsVictim(string code) => !code.StartsWith("P-", StringComparison.Ordinal);

    private static IResult NoSuchPerson(string code) => Problems.Create(404, $"This case has no such person '{code}' on this route.").ToResult();

    private static async Task<IResult> ReadIdentity(HttpContext http, IClusterClient grains, string id, string code, string? reason, bool? @override)
    {
        if (!CaseIds.IsValid(id))
        {
            return NoSuchCase();
        }

        // Whatever the answer, nothing on the way may keep it.
        http.Response.Headers.CacheControl = "no-store";
        var result = await grains.GetGrain<ICaseGrain>(id).ReadIdentity(new CommandContext(http.ToCaller()), new ReadIdentityCommand(code, reason, @override == true));
        return result.Outcome == CaseOutcome.Ok
            ? TypedResults.Ok(result.Identity)
            : CaseResponses.From(result, view => (view, view.Version)).ToResult();
    }

    private static async Task<IResult> IdentityAccessLog(HttpContext http, IClusterClient grains, [FromServices] CaseHistory? history, string id)
    {
        if (!CaseIds.IsValid(id))
        {
            return NoSuchCase();
        }

        var outcome = await grains.GetGrain<ICaseGrain>(id).OpenIdentityAccessLog(http.ToCaller());
        return outcome switch
        {
            CaseOutcome.Ok when history is null => Problems.NoReadModel(),
            CaseOutcome.Ok => TypedResults.Ok(new IdentityAccessLog(await history!.IdentityAccessAsync(id, http.RequestAborted))),
            CaseOutcome.Forbidden => Problems.Create(403, "Only coordinators of the case's countries read the log of identity reads.").ToResult(),
            _ => NoSuchCase(),
        };
    }

    private static Task<IResult> Run<TBody>(
        HttpContext http, IdempotencyStore? store, string id, TBody body, Func<ICaseGrain, CommandContext, Task<ApiResponse>> command)
    {
        if (!CaseIds.IsValid(id))
        {
            return Task.FromResult(NoSuchCase());
        }

        var grains = http.RequestServices.GetRequiredService<IClusterClient>();
        return CommandRequest.RunAsync(http, store, body, context => command(grains.GetGrain<ICaseGrain>(id), context));
    }

    private static ApiResponse Victim(CaseResult result, string caseId) =>
        CaseResponses.From(result, view =>
        {
            var victim = view.Victims.Single(v => v.Code == result.Code);
            return (victim, victim.Version);
        }, view => $"/api/v1/cases/{caseId}/victims/{result.Code}");

    private static ApiResponse Perpetrator(CaseResult result, string caseId) =>
        CaseResponses.From(result, view =>
        {
            var perpetrator = view.Perpetrators.Single(p => p.Code == result.Code);
            return (perpetrator, perpetrator.Version);
        }, view => $"/api/v1/cases/{caseId}/perpetrators/{result.Code}");

    private static IResult NoSuchCase() => Problems.Create(404, "No such case.").ToResult();
}

/// <summary>The values of one field, with the standard they follow.</summary>
public sealed record ValueList(string Standard, string Version, IReadOnlyList<ValueTitle> Values);

/// <summary>One value and its title in the caller's language.</summary>
public sealed record ValueTitle(string Code, string Title);
