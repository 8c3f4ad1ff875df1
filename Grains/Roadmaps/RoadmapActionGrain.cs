using System.Collections.Immutable;
using Enlace.Grains.Cases;
using Enlace.Grains.Hosting;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Roadmaps;
using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.Monitoring;
using Enlace.Grains.ReadModel;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Grains.Workflows.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Enlace.Grains.Roadmaps;

/// <summary>
/// One roadmap action on the <c>roadmap-action</c> workflow. Coordinators and managers of
/// the roadmap's countries see it, and agents of its responsible agencies; those agents
/// report progress and move it (start, flag a risk, report done); coordinators verify.
/// A reminder at the end of its due day marks it overdue and escalates it once.
/// </summary>
public sealed partial class RoadmapActionGrain(
    [PersistentState("roadmap-action", StorageNames.Workflow)] IPersistentState<RoadmapActionState> state,
    WorkflowCatalog catalog,
    TimeProvider time,
    IRoadmapProjection projection,
    IOptions<DeadlineOptions> deadlineOptions,
    IOptions<ParticipationOptions> participation,
    EnlaceMetrics metrics,
    ILogger<RoadmapActionGrain> logger) : Grain, IRoadmapActionGrain, IRemindable
{
    /// <summary>The workflow actions follow.</summary>
    public const string WorkflowId = "roadmap-action";

    private const string DeadlineReminder = "deadline";

    // Whether this activation has registered the due-day reminder.
    private bool _reminderRegistered;

    private RoadmapActionState Action => state.State;

    /// <summary>The grain key of action <paramref name="actionId"/> of <paramref name="roadmapId"/>.</summary>
    public static string Key(string roadmapId, string actionId) => $"{roadmapId}/{actionId}";

    private string ActionId => this.GetPrimaryKeyString()[(this.GetPrimaryKeyString().LastIndexOf('/') + 1)..];

    /// <inheritdoc />
    public async Task<RoadmapResult> Create(Caller caller, RoadmapView roadmap, CreateActionCommand command)
    {
        var fingerprint = Fingerprint.Of("create", command);
        if (Action.Exists)
        {
            return Action.CreationFingerprint == fingerprint
                ? new RoadmapResult(CaseOutcome.Created, Action: View(caller))
                : new RoadmapResult(CaseOutcome.IdempotencyConflict, Detail: "This action number is taken.");
        }

        var input = ActionInput.Validate(roadmap, command, catalog.Reference);
        if (!input.IsValid)
        {
            return new RoadmapResult(CaseOutcome.Invalid, Detail: "The request has invalid fields; nothing was changed.", Errors: input.Errors.ToImmutableDictionary());
        }

        var now = time.GetUtcNow();
        var definition = catalog.Latest(WorkflowId)!;
        Action.RoadmapId = roadmap.Id;
        Action.Title = command.Title.Trim();
        Action.Description = string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim();
        Action.Area = command.Area;
        Action.ResponsibleAgencies = [.. command.ResponsibleAgencies.OrEmpty().Distinct()];
        Action.Countries = [.. roadmap.Countries];
        Action.Indicators = [.. command.Indicators.OrEmpty().Select(x => new IndicatorRecord { Name = x.Name.Trim(), Unit = x.Unit.Trim(), Baseline = x.Baseline, Target = x.Target })];
        Action.StartDate = command.StartDate;
        Action.DueDate = command.DueDate;
        Action.Stage = definition.InitialState;
        Action.WorkflowVersion = definition.Version;
        Action.CreatedAt = now;
        Append(caller, now, "action-created", to: Action.Stage, note: Action.Title);
        Action.CreationFingerprint = fingerprint;
        await CommitAsync(null, now);
        return new RoadmapResult(CaseOutcome.Created, Action: View(caller));
    }

    /// <inheritdoc />
    public Task<RoadmapResult> Get(Caller caller) =>
        Task.FromResult(Action.Exists && Access(caller).CanSee ? new RoadmapResult(CaseOutcome.Ok, Action: View(caller)) : NotFound());

    /// <inheritdoc />
    public async Task<RoadmapResult> Fire(CommandContext context, FireActionTriggerCommand command)
    {
        var access = Access(context.Caller);
        var fingerprint = Fingerprint.Of("fire", command);
        if (Refuse(context, access, fingerprint) is { } refusal)
        {
            return refusal;
        }

        var workflow = Workflow();
        var verification = IsVerification(workflow, command.Trigger);

        // The verification trigger is checked as if every country had verified: what is
        // left to refuse is the state and the role; the countries are counted below.
        var machine = new WorkflowMachine(workflow, new ActionSubject(Action, verifiedByEachCountry: verification));
        var check = machine.Check(command.Trigger ?? "", access.Capacities);
        ImmutableArray<string> Permitted() => [.. machine.PermittedTriggers(access.Capacities)];
        if (check.Reason == RefusalReason.UnknownTrigger)
        {
            var message = check.Explanation.In(context.Caller.English);
            return new RoadmapResult(CaseOutcome.Invalid, Detail: message,
                Errors: ImmutableDictionary<string, string[]>.Empty.Add("trigger", [message]), PermittedTriggers: Permitted());
        }

        if (!check.Permitted)
        {
            return new RoadmapResult(CaseOutcome.NotPermitted, Detail: check.Explanation.In(context.Caller.English), PermittedTriggers: Permitted());
        }

        var trigger = workflow.FindTrigger(command.Trigger!)!;
        var input = new CaseInput().Note("note", command.Note, trigger.RequiresNote);
        if (!input.IsValid)
        {
            return new RoadmapResult(CaseOutcome.Invalid, Detail: "The request has invalid fields; nothing was changed.", Errors: input.Errors.ToImmutableDictionary());
        }

        var now = time.GetUtcNow();
        var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
        if (verification)
        {
            var required = ActionVerification.RequiredCountries(Action, catalog.Reference);
            var country = ActionVerification.CountryOf(context.Caller, catalog.Reference, required);
            if (ActionVerification.Refusal(country, required, ActionVerification.Awaited(Action, required)) is { } refused)
            {
                return new RoadmapResult(CaseOutcome.NotPermitted, Detail: refused.In(context.Caller.English), PermittedTriggers: Permitted());
            }

            Action.Verifications.Add(new CountryVerificationRecord
            {
                Country = country!,
                UserId = context.Caller.UserId,
                UserName = context.Caller.Name,
                Agency = context.Caller.Agency,
                At = now,
            });
            var awaited = ActionVerification.Awaited(Action, required);
            Append(context.Caller, now, "verification-recorded", trigger: trigger.Name, note: awaited.Count == 0
                ? $"{country} verified{(note is null ? "" : ": " + note)}"
                : $"{country} verified; awaiting {string.Join(", ", awaited)}{(note is null ? "" : ": " + note)}");
            if (awaited.Count > 0)
            {
                await CommitAsync(context, now, fingerprint);
                return new RoadmapResult(CaseOutcome.Ok, Action: View(context.Caller));
            }
        }
        else
        {
            // A report sent back (or any other move) needs its verifications afresh.
            Action.Verifications.Clear();
        }

        var (from, to) = await machine.FireAsync(trigger.Name);
        Action.EndedAt = workflow.FindState(to)!.Closes ? now : null;
        Append(context.Caller, now, "transition", trigger: trigger.Name, from: from, to: to, note: note);
        await CommitAsync(context, now, fingerprint);
        return new RoadmapResult(CaseOutcome.Ok, Action: View(context.Caller));
    }

    // The trigger whose guard waits for every country's verification (named in the definition).
    private static bool IsVerification(CompiledWorkflow workflow, string? trigger) =>
        trigger is not null && workflow.FindTrigger(trigger)?.Guards.FieldsPresent.Contains(ActionVerification.Field) == true;

    /// <inheritdoc />
    public async Task<RoadmapResult> Report(CommandContext context, ProgressReportCommand command)
    {
        var access = Access(context.Caller);
        var fingerprint = Fingerprint.Of("report", command);
        if (Refuse(context, access, fingerprint) is { } refusal)
        {
            return refusal;
        }

        if (!access.IsResponsible)
        {
            return new RoadmapResult(CaseOutcome.Forbidden, Detail: "Only agents of the action's responsible agencies report progress.");
        }

        if (!Action.Unfinished)
        {
            return new RoadmapResult(CaseOutcome.NotPermitted, Detail: $"The action is {Action.Stage}: progress is reported while it is planned, in progress or at risk.", PermittedTriggers: [.. Machine().PermittedTriggers(access.Capacities)]);
        }

        var input = new CaseInput().Note("note", command.Note, required: true).Evidence("evidenceRef", command.EvidenceRef);
        if (command.PercentComplete is < 0 or > 100)
        {
            input.Add("percentComplete", "between 0 and 100");
        }

        foreach (var name in (command.IndicatorValues ?? ImmutableDictionary<string, decimal>.Empty).Keys.Where(n => Action.Indicators.All(i => i.Name != n)))
        {
            input.Add("indicatorValues", $"'{name}' is not an indicator of this action ({string.Join(", ", Action.Indicators.Select(i => i.Name))})");
        }

        if (!input.IsValid)
        {
            return new RoadmapResult(CaseOutcome.Invalid, Detail: "The request has invalid fields; nothing was changed.", Errors: input.Errors.ToImmutableDictionary());
        }

        var now = time.GetUtcNow();
        var values = command.IndicatorValues ?? ImmutableDictionary<string, decimal>.Empty;
        foreach (var indicator in Action.Indicators.Where(i => values.ContainsKey(i.Name)))
        {
            indicator.Current = values[indicator.Name];
        }

        Action.PercentComplete = command.PercentComplete;
        Action.Reports.Add(new ProgressReportRecord
        {
            At = now,
            Author = context.Caller.UserId,
            Agency = context.Caller.Agency,
            IndicatorValues = new(values),
            PercentComplete = command.PercentComplete,
            Note = command.Note.Trim(),
            EvidenceRef = string.IsNullOrWhiteSpace(command.EvidenceRef) ? null : command.EvidenceRef.Trim(),
        });
        Append(context.Caller, now, "progress-reported", note: $"{command.PercentComplete} %: {command.Note.Trim()}");
        await CommitAsync(context, now, fingerprint);
        return new RoadmapResult(CaseOutcome.Ok, Action: View(context.Caller));
    }

    /// <inheritdoc />
    public Task<ImmutableArray<AuditEventView>?> GetHistory(Caller caller) =>
        Task.FromResult<ImmutableArray<AuditEventView>?>(Action.Exists && Access(caller).CanSee ? [.. Action.Events.Select(CaseViews.ToView)] : null);

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeadlineReminder || !Action.Exists)
        {
            return;
        }

        metrics.ReminderFired(WorkflowId);
        var now = time.GetUtcNow();
        if (Action.Unfinished && !Action.Escalated && now >= Action.Deadline)
        {
            Action.Escalated = true;
            Append(Caller.System, now, "action-overdue", note: $"due {Action.DueDate:yyyy-MM-dd} passed at {Action.PercentComplete} %");
            await CommitAsync(null, now);
            metrics.ActionOverdue();
        }
        else if (!Action.Unfinished || Action.Escalated)
        {
            await UnregisterQuietlyAsync();
        }
    }

    /// <inheritdoc />
    public Task FlushProjection() => Action.Exists ? ProjectQuietlyAsync() : Task.CompletedTask;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Action.Exists)
        {
            await ProjectQuietlyAsync();
        }
    }

    private ActionAccess Access(Caller caller) =>
        new(Action, caller, Action.Exists && Workflow().FindState(Action.Stage)?.Closes == true, participation.Value, time.GetUtcNow());

    private CompiledWorkflow Workflow() =>
        catalog.Compile(catalog.Find(WorkflowId, Action.WorkflowVersion)
            ?? throw new InvalidOperationException($"{WorkflowId} v{Action.WorkflowVersion} is no longer loaded."));

    private WorkflowMachine Machine() => new(Workflow(), new ActionSubject(Action, verifiedByEachCountry: true));

    private ActionView View(Caller caller)
    {
        var access = Access(caller);
        var machine = Machine();
        var workflow = Workflow();
        var required = ActionVerification.RequiredCountries(Action, catalog.Reference);
        var awaited = ActionVerification.Awaited(Action, required);
        var country = ActionVerification.CountryOf(caller, catalog.Reference, required);
        var availability = machine.Availability(access.Capacities)
            .Select(c => !c.Permitted || !IsVerification(workflow, c.Trigger) || ActionVerification.Refusal(country, required, awaited) is not { } refused
                ? c
                : new TriggerCheck(c.Trigger, RefusalReason.GuardUnmet, [refused], new($"Falta: {refused.Es}", $"'{c.Trigger}' needs: {refused.En}")))
            .ToList();
        var now = time.GetUtcNow();
        return new ActionView(
            ActionId, Action.RoadmapId, Action.Title!, Action.Description, Action.Area, [.. Action.ResponsibleAgencies],
            [.. Action.Indicators.Select(i => new IndicatorView(i.Name, i.Unit, i.Baseline, i.Target, i.Current))],
            Action.StartDate, Action.DueDate, Action.Stage, Action.PercentComplete, Action.Unfinished && now >= Action.Deadline, Action.Escalated,
            [.. Action.Reports.Select(r => new ProgressReportView(r.At, r.Author, r.Agency, r.IndicatorValues.ToImmutableDictionary(), r.PercentComplete, r.Note, r.EvidenceRef))],
            [.. availability.Select(a => CaseViews.ToAvailability(a, Workflow(), caller.English))], [.. availability.Where(a => a.Permitted).Select(a => a.Trigger)],
            Action.Version, Action.CreatedAt, Action.UpdatedAt,
            [.. Action.Verifications.Select(v => new VerificationView(v.Country, v.UserId, v.UserName, v.Agency, v.At))],
            [.. Action.Stage == "reported_done" ? awaited : []]);
    }

    private RoadmapResult? Refuse(CommandContext context, ActionAccess access, string fingerprint)
    {
        if (!Action.Exists || !access.CanSee)
        {
            return NotFound();
        }

        if (IdempotencyLog.Find(Action.Idempotency, context, time.GetUtcNow()) is { } record)
        {
            return record.Fingerprint == fingerprint
                ? new RoadmapResult(CaseOutcome.Ok, Action: View(context.Caller))
                : new RoadmapResult(CaseOutcome.IdempotencyConflict, Detail: "This Idempotency-Key was already used with another request.");
        }

        if (access.Capacities.Count == 0)
        {
            return new RoadmapResult(CaseOutcome.Forbidden, Detail: access.EndedPart is { } ended
                ? $"You may look at this action but not change it: {ended}."
                : "You may look at this action but not change it.");
        }

        return context.ExpectedVersion is { } expected && expected != Action.Version
            ? new RoadmapResult(CaseOutcome.VersionMismatch, Detail: $"The version is {Action.Version}, not {expected}: reload and try again.")
            : null;
    }

    private void Append(Caller caller, DateTimeOffset at, string kind, string? trigger = null, string? from = null, string? to = null, string? note = null)
    {
        var last = Action.Events.Count == 0 ? null : Action.Events[^1];
        Action.Events.Add(AuditEventRecord.Next(last?.Seq ?? 0, last?.Hash ?? "", caller, at, kind, trigger, from, to, null, note));
    }

    private async Task CommitAsync(CommandContext? context, DateTimeOffset now, string? fingerprint = null)
    {
        IdempotencyLog.Remember(Action.Idempotency, context, fingerprint, now);

        Action.Version++;
        Action.UpdatedAt = now;
        try
        {
            // The reminder exists before the state that needs it (an extra tick is harmless);
            // the due date never changes, so once per activation is enough.
            if (Action.Unfinished && !Action.Escalated && !_reminderRegistered)
            {
                var due = Action.Deadline - now;
                await this.RegisterOrUpdateReminder(DeadlineReminder, due > TimeSpan.Zero ? due : TimeSpan.Zero, deadlineOptions.Value.ReminderPeriod);
                _reminderRegistered = true;
            }

            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }

        await ProjectQuietlyAsync();
        if (!Action.Unfinished || Action.Escalated)
        {
            await UnregisterQuietlyAsync();
        }
    }

    private async Task ProjectQuietlyAsync()
    {
        try
        {
            await projection.ProjectActionAsync(Action.RoadmapId, ActionId, Action);
        }
        catch (Exception e)
        {
            LogProjectionFailed(e, this.GetPrimaryKeyString());
        }
    }

    private async Task UnregisterQuietlyAsync()
    {
        try
        {
            if (await this.GetReminder(DeadlineReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            // An action sent back to work (a rejected report) registers it again.
            _reminderRegistered = false;
        }
        catch (Exception e)
        {
            LogProjectionFailed(e, this.GetPrimaryKeyString());
        }
    }

    private static RoadmapResult NotFound() => new(CaseOutcome.NotFound, Detail: "No such action.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projecting or rescheduling roadmap action {ActionKey} failed; its next change or activation retries")]
    private partial void LogProjectionFailed(Exception exception, string actionKey);
}
