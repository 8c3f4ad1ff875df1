using System.Collections.Immutable;
using Enlace.Grains.Hosting;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Grains.Workflows.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Enlace.Grains.Cases;

/// <summary>
/// One case. Every command: check who may see and do it, replay a retried idempotency
/// key, check the expected version, validate, apply through the workflow and task
/// machines, append hash-chained audit events, write the state once, then answer.
/// </summary>
public sealed partial class CaseGrain(
    [PersistentState("case", StorageNames.Workflow)] IPersistentState<CaseState> state,
    WorkflowCatalog catalog,
    IOptions<PrivacyOptions> privacy,
    TimeProvider time,
    ILogger<CaseGrain> logger) : Grain, ICaseGrain
{
    private static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(24);

    private CaseState Case => state.State;

    private string CaseId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<CaseResult> Open(CommandContext context, OpenCaseCommand command)
    {
        var fingerprint = Fingerprint.Of("open", command);
        if (Case.IsOpen)
        {
            var access = Access(context.Caller);
            return !access.CanSee ? NotFound()
                : Replay(context, fingerprint, access) ?? new CaseResult(CaseOutcome.Invalid, Detail: "A case with this id already exists.");
        }

        if (!context.Caller.Is(Caller.Coordinator))
        {
            return new CaseResult(CaseOutcome.Forbidden, Detail: "Only coordinators open cases.");
        }

        var input = CaseInput.ForOpen(command, catalog);
        if (input.IsValid && !context.Caller.CoversCountry(command.LeadCountry))
        {
            input.Add("leadCountry", $"you coordinate {string.Join(", ", context.Caller.Countries.OrEmpty())}, not {command.LeadCountry}");
        }

        if (!input.IsValid)
        {
            return Invalid(input);
        }

        var definition = catalog.Latest(command.WorkflowId)!;
        var now = time.GetUtcNow();
        var reference = await GrainFactory.GetGrain<ICaseReferenceGrain>($"{command.LeadCountry}-{now.Year}").Next();

        Case.Reference = reference;
        Case.WorkflowId = definition.Id;
        Case.WorkflowVersion = definition.Version;
        Case.Title = command.Title.Trim();
        Case.Summary = command.Summary.Trim();
        Case.Stage = definition.InitialState;
        Case.LeadCountry = command.LeadCountry;
        Case.PartnerCountries = [.. command.PartnerCountries.OrEmpty()];
        Case.BorderPoint = string.IsNullOrWhiteSpace(command.BorderPoint) ? null : command.BorderPoint.Trim();
        Case.OpenedAt = now;
        foreach (var victim in command.Victims.OrEmpty())
        {
            Case.Victims.Add(new VictimRecord
            {
                Code = victim.Code,
                AgeGroup = victim.AgeGroup,
                Sex = victim.Sex,
                Nationality = victim.Nationality,
                Exploitation = [.. victim.Exploitation.OrEmpty().Distinct()],
                MeansOfControl = [.. victim.MeansOfControl.OrEmpty().Distinct()],
                ConsentToDataProcessing = victim.ConsentToDataProcessing,
            });
            if (victim.Identity is { } identity)
            {
                Case.Identities[victim.Code] = new VictimIdentityRecord { FullName = identity.FullName.Trim(), DocumentNumber = identity.DocumentNumber?.Trim() };
            }
        }

        Append(context.Caller, now, "case-opened", to: Case.Stage);
        CreateStageTasks(definition.FindState(Case.Stage)!, context.Caller, now);
        await CommitAsync(context, fingerprint, now, created: true);
        LogOpened(CaseId, reference, definition.Id, definition.Version);
        return new CaseResult(CaseOutcome.Created, View(Access(context.Caller), now));
    }

    /// <inheritdoc />
    public Task<CaseResult> Get(Caller caller)
    {
        var access = Access(caller);
        return Task.FromResult(access.CanSee ? new CaseResult(CaseOutcome.Ok, View(access, time.GetUtcNow())) : NotFound());
    }

    /// <inheritdoc />
    public async Task<CaseResult> Fire(CommandContext context, FireCaseTriggerCommand command)
    {
        var access = Access(context.Caller);
        var fingerprint = Fingerprint.Of("fire", command);
        if (Refuse(context, access, fingerprint, Case.Version) is { } refusal)
        {
            return refusal;
        }

        var workflow = Workflow();
        var machine = new WorkflowMachine(workflow, new CaseSubject(Case));
        var check = machine.Check(command.Trigger ?? "", access.Capacities);
        var permitted = machine.PermittedTriggers(access.Capacities);
        if (check.Reason == RefusalReason.UnknownTrigger)
        {
            return new CaseResult(
                CaseOutcome.Invalid,
                Detail: check.Message,
                Errors: ImmutableDictionary<string, string[]>.Empty.Add("trigger", [check.Message]),
                PermittedTriggers: [.. permitted]);
        }

        if (!check.Permitted)
        {
            return new CaseResult(CaseOutcome.NotPermitted, Detail: check.Message, PermittedTriggers: [.. permitted]);
        }

        var trigger = workflow.FindTrigger(command.Trigger!)!;
        var input = new CaseInput().Note("note", command.Note, trigger.RequiresNote);
        if (trigger.RequiresResolution && !workflow.Definition.Resolutions.Contains(command.Resolution ?? ""))
        {
            input.Add("resolution", $"'{command.Trigger}' needs a resolution: one of {string.Join(", ", workflow.Definition.Resolutions)}");
        }
        else if (!trigger.RequiresResolution && command.Resolution is not null)
        {
            input.Add("resolution", $"'{command.Trigger}' takes no resolution");
        }

        if (!input.IsValid)
        {
            return Invalid(input);
        }

        var now = time.GetUtcNow();
        var (from, to) = await machine.FireAsync(trigger.Name);
        var target = workflow.Definition.FindState(to)!;
        if (target.Terminal)
        {
            Case.ClosedAt = now;
            Case.Resolution = command.Resolution;
        }

        Append(context.Caller, now, "transition", trigger: trigger.Name, from: from, to: to, note: Clean(command.Note));
        CreateStageTasks(target, context.Caller, now);
        await CommitAsync(context, fingerprint, now);
        return new CaseResult(CaseOutcome.Ok, View(access, now));
    }

    /// <inheritdoc />
    public async Task<CaseResult> CreateTask(CommandContext context, CreateTaskCommand command)
    {
        var access = Access(context.Caller);
        var fingerprint = Fingerprint.Of("task", command);
        if (Refuse(context, access, fingerprint, Case.Version) is { } refusal)
        {
            return refusal;
        }

        if (!access.IsCoordinator)
        {
            return new CaseResult(CaseOutcome.Forbidden, Detail: "Only coordinators of the case's countries assign tasks.");
        }

        if (Case.ClosedAt is not null)
        {
            return new CaseResult(CaseOutcome.NotPermitted, Detail: "The case is closed.", PermittedTriggers: []);
        }

        var now = time.GetUtcNow();
        var input = CaseInput.ForTask(command, now);
        CheckAgency(input, "agency", command.Agency);
        if (!input.IsValid)
        {
            return Invalid(input);
        }

        var task = AddTask(command.Title.Trim(), Clean(command.Description), command.Agency, command.Priority, command.Kind,
            command.DueAt, command.AcknowledgeBy, [], null, context.Caller, now);
        await CommitAsync(context, fingerprint, now, created: true, taskId: task.Id);
        return new CaseResult(CaseOutcome.Created, View(access, now), TaskId: task.Id);
    }

    /// <inheritdoc />
    public async Task<CaseResult> FireTask(CommandContext context, FireTaskTriggerCommand command)
    {
        var access = Access(context.Caller);
        var task = Case.Tasks.Find(t => t.Id == command.TaskId);
        if (!access.CanSee || task is null || !access.SeesTask(task))
        {
            return NotFound();
        }

        var fingerprint = Fingerprint.Of("task-trigger", command);
        if (Refuse(context, access, fingerprint, task.Version) is { } refusal)
        {
            return refusal;
        }

        if (Case.ClosedAt is not null)
        {
            return new CaseResult(CaseOutcome.NotPermitted, Detail: "The case is closed: its tasks no longer change.", PermittedTriggers: []);
        }

        var lifecycle = new TaskLifecycle(() => task.State, s => task.State = s);
        var permitted = CaseViews.ToTask(CaseId, task, access, time.GetUtcNow()).PermittedTriggers;
        if (!TaskLifecycle.Triggers.Roles.TryGetValue(command.Trigger ?? "", out var capacity))
        {
            var message = $"'{command.Trigger}' is not a task trigger; use one of: {string.Join(", ", TaskLifecycle.Triggers.Roles.Keys)}";
            return new CaseResult(CaseOutcome.Invalid, Detail: message,
                Errors: ImmutableDictionary<string, string[]>.Empty.Add("trigger", [message]), PermittedTriggers: permitted);
        }

        if (access.Capacities.Count == 0 && !access.IsAssignee(task))
        {
            return new CaseResult(CaseOutcome.Forbidden, Detail: "You may look at this task but not change it.");
        }

        if (!CaseViews.Holds(capacity, task, access))
        {
            var who = capacity == TaskLifecycle.Triggers.Assignee ? $"agents of {task.Agency}" : "coordinators of the case";
            return new CaseResult(CaseOutcome.NotPermitted, Detail: $"'{command.Trigger}' may be fired only by {who}.", PermittedTriggers: permitted);
        }

        if (!lifecycle.CanFire(command.Trigger!))
        {
            return new CaseResult(CaseOutcome.NotPermitted, Detail: $"'{command.Trigger}' cannot be fired on a task in state '{task.State}'.", PermittedTriggers: permitted);
        }

        var input = new CaseInput().Note("note", command.Note, required: command.Trigger == "decline");
        if (command.EvidenceRef is { Length: > 500 })
        {
            input.Add("evidenceRef", "must be at most 500 characters");
        }

        if (command.Trigger == "reassign")
        {
            CheckAgency(input, "agency", command.Agency);
            if (command.Agency == task.Agency)
            {
                input.Add("agency", "the task is already assigned to this agency");
            }
        }
        else if (command.Agency is not null)
        {
            input.Add("agency", "only 'reassign' takes an agency");
        }

        if (!input.IsValid)
        {
            return Invalid(input);
        }

        var now = time.GetUtcNow();
        var from = task.State;
        await lifecycle.FireAsync(command.Trigger!);
        if (command.Trigger == "reassign")
        {
            task.Agency = command.Agency!;
            task.Escalated = false;
        }

        var note = Clean(command.Note);
        if (note is not null || command.EvidenceRef is not null)
        {
            task.Notes.Add(new TaskNoteRecord
            {
                At = now,
                Author = context.Caller.UserId,
                Agency = context.Caller.Agency,
                Trigger = command.Trigger!,
                Text = note ?? "",
                EvidenceRef = Clean(command.EvidenceRef),
            });
        }

        task.Version++;
        task.UpdatedAt = now;
        Append(context.Caller, now, "task-transition", trigger: command.Trigger, from: from, to: task.State, taskId: task.Id, note: note);
        await CommitAsync(context, fingerprint, now, taskId: task.Id);
        return new CaseResult(CaseOutcome.Ok, View(access, now), TaskId: task.Id);
    }

    /// <inheritdoc />
    public async Task<CaseResult> AddNote(CommandContext context, AddNoteCommand command)
    {
        var access = Access(context.Caller);
        var task = command.TaskId is null ? null : Case.Tasks.Find(t => t.Id == command.TaskId);
        if (command.TaskId is not null && (task is null || !access.SeesTask(task)))
        {
            return NotFound();
        }

        var fingerprint = Fingerprint.Of("note", command);
        if (Refuse(context, access, fingerprint, task?.Version ?? Case.Version) is { } refusal)
        {
            return refusal;
        }

        if (access.Capacities.Count == 0 && (task is null || !access.IsAssignee(task)))
        {
            return new CaseResult(CaseOutcome.Forbidden, Detail: "You may look at this case but not write in it.");
        }

        var input = new CaseInput().Note("text", command.Text, required: true);
        if (command.EvidenceRef is { Length: > 500 })
        {
            input.Add("evidenceRef", "must be at most 500 characters");
        }

        if (!input.IsValid)
        {
            return Invalid(input);
        }

        var now = time.GetUtcNow();
        var text = command.Text.Trim();
        if (task is not null)
        {
            task.Notes.Add(new TaskNoteRecord { At = now, Author = context.Caller.UserId, Agency = context.Caller.Agency, Trigger = "note", Text = text, EvidenceRef = Clean(command.EvidenceRef) });
            task.Version++;
            task.UpdatedAt = now;
        }

        Append(context.Caller, now, "note", taskId: task?.Id, note: text);
        await CommitAsync(context, fingerprint, now, taskId: task?.Id);
        return new CaseResult(CaseOutcome.Ok, View(access, now), TaskId: task?.Id);
    }

    /// <inheritdoc />
    public Task<ImmutableArray<AuditEventView>?> GetHistory(Caller caller)
    {
        var access = Access(caller);
        if (!access.CanSee)
        {
            return Task.FromResult<ImmutableArray<AuditEventView>?>(null);
        }

        var visibleTasks = Case.Tasks.Where(access.SeesTask).Select(t => t.Id).ToHashSet();
        ImmutableArray<AuditEventView> events =
            [.. Case.Events.Where(e => e.TaskId is null || visibleTasks.Contains(e.TaskId)).Select(CaseViews.ToView)];
        return Task.FromResult<ImmutableArray<AuditEventView>?>(events);
    }

    /// <inheritdoc />
    public Task<UpgradePlan> PlanUpgrade(Caller caller, int toVersion) =>
        Task.FromResult(Plan(caller, toVersion, ImmutableDictionary<string, string>.Empty));

    /// <inheritdoc />
    public async Task<CaseResult> Upgrade(CommandContext context, int toVersion, ImmutableDictionary<string, string> stateMapping)
    {
        var access = Access(context.Caller);
        var fingerprint = Fingerprint.Of("upgrade", new { toVersion, stateMapping });
        if (Refuse(context, access, fingerprint, Case.Version) is { } refusal)
        {
            return refusal;
        }

        var plan = Plan(context.Caller, toVersion, stateMapping ?? ImmutableDictionary<string, string>.Empty);
        if (!access.IsAdmin)
        {
            return new CaseResult(CaseOutcome.Forbidden, Detail: "Only administrators move cases between workflow versions.");
        }

        if (!plan.CanMove)
        {
            return new CaseResult(CaseOutcome.Invalid, Detail: plan.Message,
                Errors: ImmutableDictionary<string, string[]>.Empty.Add("stateMapping", [plan.Message]));
        }

        var now = time.GetUtcNow();
        var from = Case.Stage;
        var target = catalog.Find(Case.WorkflowId, toVersion)!;
        Case.Stage = target.FindState(from) is null ? stateMapping![from] : from;
        Case.WorkflowVersion = toVersion;
        Append(context.Caller, now, "definition-upgraded", from: from, to: Case.Stage, note: $"{plan.FromVersion} → {toVersion}");
        await CommitAsync(context, fingerprint, now);
        return new CaseResult(CaseOutcome.Ok, View(access, now));
    }

    private UpgradePlan Plan(Caller caller, int toVersion, ImmutableDictionary<string, string> mapping)
    {
        var access = Access(caller);
        if (!access.CanSee || !access.IsAdmin)
        {
            return new UpgradePlan(CaseId, false, 0, toVersion, false, null, "No such case.");
        }

        var target = catalog.Find(Case.WorkflowId, toVersion);
        if (target is null)
        {
            return new UpgradePlan(CaseId, true, Case.WorkflowVersion, toVersion, false, null, $"{Case.WorkflowId} has no version {toVersion}.");
        }

        if (target.FindState(Case.Stage) is not null)
        {
            return new UpgradePlan(CaseId, true, Case.WorkflowVersion, toVersion, true, null, $"State '{Case.Stage}' exists in version {toVersion}.");
        }

        return mapping.TryGetValue(Case.Stage, out var mapped) && target.FindState(mapped) is not null
            ? new UpgradePlan(CaseId, true, Case.WorkflowVersion, toVersion, true, null, $"State '{Case.Stage}' maps to '{mapped}'.")
            : new UpgradePlan(CaseId, true, Case.WorkflowVersion, toVersion, false, Case.Stage,
                $"State '{Case.Stage}' does not exist in version {toVersion}: map it to one of {string.Join(", ", target.States.Select(s => s.Name))}.");
    }

    private CaseResult? Refuse(CommandContext context, CaseAccess access, string fingerprint, int currentVersion)
    {
        if (!Case.IsOpen || !access.CanSee)
        {
            return NotFound();
        }

        if (Replay(context, fingerprint, access) is { } replay)
        {
            return replay;
        }

        return context.ExpectedVersion is { } expected && expected != currentVersion
            ? new CaseResult(CaseOutcome.VersionMismatch, Detail: $"The version is {currentVersion}, not {expected}: reload and try again.")
            : null;
    }

    private CaseResult? Replay(CommandContext context, string fingerprint, CaseAccess access)
    {
        if (context.IdempotencyKey is null
            || !Case.Idempotency.TryGetValue(IdempotencyKey(context), out var record)
            || record.At + IdempotencyWindow < time.GetUtcNow())
        {
            return null;
        }

        return record.Fingerprint != fingerprint
            ? new CaseResult(CaseOutcome.IdempotencyConflict, Detail: "This Idempotency-Key was already used with another request.")
            : new CaseResult(record.Created ? CaseOutcome.Created : CaseOutcome.Ok, View(access, time.GetUtcNow()), TaskId: record.TaskId, Replayed: true);
    }

    private void CheckAgency(CaseInput input, string field, string? code)
    {
        var agency = catalog.Reference.FindAgency(code);
        if (agency is null)
        {
            input.Add(field, $"'{code}' is not a configured agency");
        }
        else if (!Case.Countries.Contains(agency.Country))
        {
            input.Add(field, $"{agency.Code} is in {agency.Country}, which is not a country of this case ({string.Join(", ", Case.Countries)})");
        }
    }

    private void CreateStageTasks(StateDefinition stage, Caller caller, DateTimeOffset now)
    {
        foreach (var template in stage.Tasks)
        {
            var countries = template.Assign.Country switch
            {
                "lead" => [Case.LeadCountry],
                "partner" => Case.PartnerCountries,
                _ => Case.Victims.Select(v => v.Nationality).Distinct().Where(catalog.Reference.HasCountry).ToList(),
            };
            foreach (var country in countries)
            {
                var agency = catalog.Reference.AgencyFor(template.Assign.AgencyKind, country);
                if (agency is null)
                {
                    continue;
                }

                WorkflowValidator.TryDuration(template.DueIn, out var dueIn);
                DateTimeOffset? acknowledgeBy = WorkflowValidator.TryDuration(template.AcknowledgeIn, out var ackIn) ? now + ackIn : null;
                AddTask(template.Title.Es, null, agency.Code, template.Priority, template.Kind, now + dueIn, acknowledgeBy,
                    template.Tags, stage.Name, caller, now);
            }
        }
    }

    private CaseTask AddTask(
        string title, string? description, string agency, string priority, string kind, DateTimeOffset dueAt,
        DateTimeOffset? acknowledgeBy, IEnumerable<string> tags, string? stage, Caller caller, DateTimeOffset now)
    {
        var task = new CaseTask
        {
            Id = $"t{++Case.LastTaskNumber}",
            Title = title,
            Description = description,
            Agency = agency,
            State = TaskLifecycle.States.Assigned,
            Priority = priority,
            Kind = kind,
            DueAt = dueAt,
            AcknowledgeBy = acknowledgeBy,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
            Tags = [.. tags],
            CreatedByStage = stage,
        };
        Case.Tasks.Add(task);
        Append(caller, now, "task-created", to: task.State, taskId: task.Id, note: $"{agency}: {title}");
        return task;
    }

    private void Append(Caller caller, DateTimeOffset at, string kind, string? trigger = null, string? from = null, string? to = null, string? taskId = null, string? note = null)
    {
        var previous = Case.LastEventSeq == 0 ? AuditChain.Genesis : Case.LastEventHash;
        var seq = Case.LastEventSeq + 1;
        var hash = AuditChain.Hash(seq, at, caller.UserId, caller.Agency, kind, trigger, from, to, taskId, note, previous);
        Case.Events.Add(new AuditEventRecord
        {
            Seq = seq,
            At = at,
            Actor = caller.UserId,
            Agency = caller.Agency,
            Kind = kind,
            Trigger = trigger,
            From = from,
            To = to,
            TaskId = taskId,
            Note = note,
            Hash = hash,
            PreviousHash = previous,
        });
        Case.LastEventSeq = seq;
        Case.LastEventHash = hash;
    }

    private async Task CommitAsync(CommandContext context, string fingerprint, DateTimeOffset now, bool created = false, string? taskId = null)
    {
        foreach (var expired in Case.Idempotency.Where(e => e.Value.At + IdempotencyWindow < now).Select(e => e.Key).ToList())
        {
            Case.Idempotency.Remove(expired);
        }

        if (context.IdempotencyKey is not null)
        {
            Case.Idempotency[IdempotencyKey(context)] = new IdempotencyRecord { Fingerprint = fingerprint, At = now, Created = created, TaskId = taskId };
        }

        Case.Version++;
        Case.UpdatedAt = now;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            // The command changed the state in memory only. Drop this activation so that
            // the next call starts from what storage holds, and let the caller retry.
            LogWriteFailed(e, CaseId);
            DeactivateOnIdle();
            await ReloadQuietlyAsync();
            throw;
        }
    }

    private async Task ReloadQuietlyAsync()
    {
        try
        {
            await state.ReadStateAsync();
        }
        catch (Exception e)
        {
            LogReloadFailed(e, CaseId);
        }
    }

    private CompiledWorkflow Workflow() =>
        catalog.Compile(catalog.Find(Case.WorkflowId, Case.WorkflowVersion)
            ?? throw new InvalidOperationException($"Case {CaseId} runs on {Case.WorkflowId} v{Case.WorkflowVersion}, which is no longer loaded."));

    private CaseView View(CaseAccess access, DateTimeOffset now) =>
        CaseViews.ToView(CaseId, Case, access, new WorkflowMachine(Workflow(), new CaseSubject(Case)), now);

    private CaseAccess Access(Caller caller) => new(Case, caller, catalog.Reference, privacy.Value);

    private static string IdempotencyKey(CommandContext context) => $"{context.Caller.UserId}\n{context.IdempotencyKey}";

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static CaseResult NotFound() => new(CaseOutcome.NotFound, Detail: "No such case.");

    private static CaseResult Invalid(CaseInput input) =>
        new(CaseOutcome.Invalid, Detail: "The request has invalid fields; nothing was changed.", Errors: input.Errors.ToImmutableDictionary());

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId} opened as {Reference} on {WorkflowId} v{Version}")]
    private partial void LogOpened(string caseId, string reference, string workflowId, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing case {CaseId} failed; the activation is dropped")]
    private partial void LogWriteFailed(Exception exception, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading case {CaseId} after a failed write failed too")]
    private partial void LogReloadFailed(Exception exception, string caseId);
}
