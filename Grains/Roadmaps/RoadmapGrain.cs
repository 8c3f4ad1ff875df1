using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Enlace.Grains.Cases;
using Enlace.Grains.Hosting;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Roadmaps;
using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.ReadModel;
using Enlace.Grains.Workflows.Definitions;
using Microsoft.Extensions.Logging;

namespace Enlace.Grains.Roadmaps;

/// <summary>
/// A roadmap: created by a coordinator of one of its countries (or an administrator),
/// visible to everyone of its countries; adds actions, each its own grain.
/// </summary>
public sealed partial class RoadmapGrain(
    [PersistentState("roadmap", StorageNames.Workflow)] IPersistentState<RoadmapState> state,
    WorkflowCatalog catalog,
    TimeProvider time,
    IRoadmapProjection projection,
    ILogger<RoadmapGrain> logger) : Grain, IRoadmapGrain
{
    private RoadmapState Roadmap => state.State;

    private string RoadmapId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<RoadmapResult> Create(CommandContext context, CreateRoadmapCommand command)
    {
        var fingerprint = Fingerprint.Of("roadmap", command);
        if (Roadmap.Exists)
        {
            return Replay(context, fingerprint) ?? (CanSee(context.Caller) ? new RoadmapResult(CaseOutcome.Invalid, Detail: "A roadmap with this id already exists.") : NotFound());
        }

        var caller = context.Caller;
        if (!caller.Is(Caller.Coordinator) && !caller.Is(Caller.Admin))
        {
            return new RoadmapResult(CaseOutcome.Forbidden, Detail: "Only coordinators and administrators create roadmaps.");
        }

        var input = new CaseInput();
        input.Line("title", command.Title, 300, required: true);
        var countries = command.Countries.OrEmpty();
        if (countries.Length == 0)
        {
            input.Add("countries", "at least one country");
        }

        foreach (var country in countries.Where(c => !catalog.Reference.HasCountry(c)))
        {
            input.Add("countries", $"'{country}' is not a configured country");
        }

        if (countries.Distinct().Count() != countries.Length)
        {
            input.Add("countries", "a country is listed twice");
        }

        if (!caller.Is(Caller.Admin) && countries.Length > 0 && !countries.Any(caller.CoversCountry))
        {
            input.Add("countries", $"you coordinate {string.Join(", ", caller.Countries.OrEmpty())}, none of these");
        }

        input.Line("signedAt", command.SignedAt, 300, required: false);
        if (command.PeriodEnd < command.PeriodStart)
        {
            input.Add("periodEnd", "must not be before periodStart");
        }

        var areas = command.Areas.OrEmpty();
        if (areas.Length is 0 or > 20)
        {
            input.Add("areas", "between 1 and 20 areas");
        }

        for (var i = 0; i < areas.Length; i++)
        {
            if (areas[i] is null || !AreaCode().IsMatch(areas[i].Code ?? ""))
            {
                input.Add($"areas[{i}].code", "lower-case letters, digits and hyphens, 2–40 characters");
            }

            input.Line($"areas[{i}].title", areas[i]?.Title, 200, required: true);
        }

        if (areas.Where(a => a is not null).GroupBy(a => a.Code).Any(g => g.Count() > 1))
        {
            input.Add("areas", "area codes must be unique");
        }

        if (!input.IsValid)
        {
            return new RoadmapResult(CaseOutcome.Invalid, Detail: "The request has invalid fields; nothing was changed.", Errors: input.Errors.ToImmutableDictionary());
        }

        var now = time.GetUtcNow();
        Roadmap.Title = command.Title.Trim();
        Roadmap.Countries = [.. countries];
        Roadmap.SignedOn = command.SignedOn;
        Roadmap.SignedAt = string.IsNullOrWhiteSpace(command.SignedAt) ? null : command.SignedAt.Trim();
        Roadmap.PeriodStart = command.PeriodStart;
        Roadmap.PeriodEnd = command.PeriodEnd;
        Roadmap.Areas = [.. areas.Select(a => new RoadmapAreaRecord { Code = a.Code, Title = a.Title.Trim() })];
        Roadmap.CreatedAt = now;
        await CommitAsync(context, fingerprint, now, created: true);
        return new RoadmapResult(CaseOutcome.Created, View());
    }

    /// <inheritdoc />
    public Task<RoadmapResult> Get(Caller caller) =>
        Task.FromResult(Roadmap.Exists && CanSee(caller) ? new RoadmapResult(CaseOutcome.Ok, View()) : NotFound());

    /// <inheritdoc />
    public async Task<RoadmapResult> AddAction(CommandContext context, CreateActionCommand command)
    {
        if (!Roadmap.Exists || !CanSee(context.Caller))
        {
            return NotFound();
        }

        var fingerprint = Fingerprint.Of("action", command);
        if (Replay(context, fingerprint) is { } replay)
        {
            // A retried creation answers with the action its number was taken for — and creates
            // it now when the first attempt failed after taking the number.
            return replay.Detail is { } createdId && replay.Outcome == CaseOutcome.Created
                ? await CreateActionAsync(context, fingerprint, createdId, command)
                : replay;
        }

        if (!(context.Caller.Is(Caller.Coordinator) && Roadmap.Countries.Any(context.Caller.CoversCountry)) && !context.Caller.Is(Caller.Admin))
        {
            return new RoadmapResult(CaseOutcome.Forbidden, Detail: "Only coordinators of the roadmap's countries add actions.");
        }

        if (context.ExpectedVersion is { } expected && expected != Roadmap.Version)
        {
            return new RoadmapResult(CaseOutcome.VersionMismatch, Detail: $"The version is {Roadmap.Version}, not {expected}: reload and try again.");
        }

        var input = ActionInput.Validate(View(), command, catalog.Reference);
        if (!input.IsValid)
        {
            return new RoadmapResult(CaseOutcome.Invalid, Detail: "The request has invalid fields; nothing was changed.", Errors: input.Errors.ToImmutableDictionary());
        }

        // Two writes, the roadmap's first: it takes the number, with the idempotency record
        // naming it, and only then is the action written. A failure between them leaves a number
        // without an action — nothing anyone can see — which a retry with the same
        // Idempotency-Key completes. (The other order left, after a 503, an action its roadmap
        // had not recorded.)
        return await CreateActionAsync(context, fingerprint, await TakeNumberAsync(context, fingerprint), command);
    }

    // The next action number, durably taken for this command.
    private async Task<string> TakeNumberAsync(CommandContext context, string fingerprint)
    {
        var actionId = $"a{++Roadmap.LastActionNumber}";
        await CommitAsync(context, fingerprint, time.GetUtcNow(), created: true, actionId: actionId);
        return actionId;
    }

    // Creates (or, for a retry, finds) the action under the number taken for it.
    private async Task<RoadmapResult> CreateActionAsync(CommandContext context, string fingerprint, string actionId, CreateActionCommand command)
    {
        while (true)
        {
            var created = await Action(actionId).Create(context.Caller, View(), command);
            if (created.Outcome != CaseOutcome.IdempotencyConflict)
            {
                return created.Outcome == CaseOutcome.Created ? created with { Roadmap = View() } : created;
            }

            // The number holds another action this roadmap never recorded (one left behind by the
            // earlier order of writes): take the next.
            actionId = await TakeNumberAsync(context, fingerprint);
        }
    }

    private IRoadmapActionGrain Action(string actionId) => GrainFactory.GetGrain<IRoadmapActionGrain>(RoadmapActionGrain.Key(RoadmapId, actionId));

    private bool CanSee(Caller caller) => caller.Is(Caller.Admin) || Roadmap.Countries.Any(caller.CoversCountry);

    private RoadmapView View() => new(
        RoadmapId, Roadmap.Title!, [.. Roadmap.Countries], Roadmap.SignedOn, Roadmap.SignedAt, Roadmap.PeriodStart, Roadmap.PeriodEnd,
        [.. Roadmap.Areas.Select(a => new RoadmapArea(a.Code, a.Title))], Roadmap.LastActionNumber, Roadmap.Version, Roadmap.CreatedAt);

    private RoadmapResult? Replay(CommandContext context, string fingerprint)
    {
        if (IdempotencyLog.Find(Roadmap.Idempotency, context, time.GetUtcNow()) is not { } record)
        {
            return null;
        }

        if (record.Fingerprint != fingerprint)
        {
            return new RoadmapResult(CaseOutcome.IdempotencyConflict, Detail: "This Idempotency-Key was already used with another request.");
        }

        return record.CreatedId is { } actionId
            ? new RoadmapResult(CaseOutcome.Created, View(), Detail: actionId)
            : new RoadmapResult(record.Created ? CaseOutcome.Created : CaseOutcome.Ok, View());
    }

    private async Task CommitAsync(CommandContext context, string fingerprint, DateTimeOffset now, bool created, string? actionId = null)
    {
        IdempotencyLog.Remember(Roadmap.Idempotency, context, fingerprint, now, created, actionId);

        Roadmap.Version++;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }

        await ProjectQuietlyAsync();
    }

    /// <inheritdoc />
    public Task FlushProjection() => ProjectQuietlyAsync();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken) => ProjectQuietlyAsync();

    // The state is durable; the read model follows (and is retried on activation and by the sweeper).
    private async Task ProjectQuietlyAsync()
    {
        if (!Roadmap.Exists)
        {
            return;
        }

        try
        {
            await projection.ProjectRoadmapAsync(RoadmapId, Roadmap);
        }
        catch (Exception e)
        {
            LogProjectionFailed(e, RoadmapId);
        }
    }

    private static RoadmapResult NotFound() => new(CaseOutcome.NotFound, Detail: "No such roadmap.");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial Regex AreaCode();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projecting roadmap {RoadmapId} failed; its next change or activation retries")]
    private partial void LogProjectionFailed(Exception exception, string roadmapId);
}
