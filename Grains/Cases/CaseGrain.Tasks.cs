using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Grains.Workflows.Engine;

namespace Enlace.Grains.Cases;

/// <summary>Task commands of a case: assigning, moving and noting tasks, and the tasks a stage creates.</summary>
public sealed partial class CaseGrain
{
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
        CheckMentions(input, ("title", command.Title), ("description", command.Description));
        if (!input.IsValid)
        {
            return Invalid(input);
        }

        var task = AddTask(command.Title.Trim(), Clean(command.Description), command.Agency, command.Priority, command.Kind,
            command.DueAt, command.AcknowledgeBy, [], null, context.Caller, now);
        await CommitAsync(context, fingerprint, now, created: true, createdId: task.Id);
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

        if (Case.ClosedAt is not null && !task.Care)
        {
            return new CaseResult(CaseOutcome.NotPermitted, Detail: "The case is closed: its tasks no longer change (care-track tasks go on).", PermittedTriggers: []);
        }

        if (command.Trigger is "start" or "complete" && task.RequiresConsent is { } purpose
            && Case.Victims.Find(v => v.Code == task.Victim) is { } person && !person.HasConsent(purpose))
        {
            return new CaseResult(CaseOutcome.NotPermitted,
                Detail: $"{person.Code} has not given consent for '{purpose}' (for a child, through the legal representative): record the consent before this task is started or completed.",
                PermittedTriggers: CaseViews.ToTask(CaseId, task, access, time.GetUtcNow()).PermittedTriggers);
        }

        var lifecycle = new TaskLifecycle(() => task.State, s => task.State = s);
        var permitted = CaseViews.ToTask(CaseId, task, access, time.GetUtcNow()).PermittedTriggers;
        if (!TaskLifecycle.Triggers.Roles.TryGetValue(command.Trigger ?? "", out var capacity))
        {
            var message = $"'{command.Trigger}' is not a task trigger; use one of: {string.Join(", ", TaskLifecycle.Triggers.Roles.Keys)}";
            return new CaseResult(CaseOutcome.Invalid, Detail: message,
                Errors: ImmutableDictionary<string, string[]>.Empty.Add("trigger", [message]), PermittedTriggers: permitted);
        }

        if (ReadOnly(access, "change its tasks") is { } readOnly)
        {
            return readOnly;
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

        var input = new CaseInput().Note("note", command.Note, required: command.Trigger == "decline").Evidence("evidenceRef", command.EvidenceRef);

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

        CheckMentions(input, ("note", command.Note), ("evidenceRef", command.EvidenceRef));
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
        }

        // The agency's part in the case runs on from the moment the work left its hands.
        if (Participation.InHandStates.Contains(task.State))
        {
            task.ClosedAt = null;
        }
        else if (Participation.InHandStates.Contains(from))
        {
            task.ClosedAt = now;
        }

        if (command.Trigger is "reassign" or "reopen")
        {
            // Work handed out again is followed up again.
            task.Escalated = false;
        }

        var note = Clean(command.Note);
        Touch(task, context.Caller, command.Trigger!, note, command.EvidenceRef, now);
        Append(context.Caller, now, "task-transition", trigger: command.Trigger, from: from, to: task.State, taskId: task.Id, note: note);
        await CommitAsync(context, fingerprint, now);
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

        if (ReadOnly(access, "write in it") is { } readOnly)
        {
            return readOnly;
        }

        var input = new CaseInput().Note("text", command.Text, required: true).Evidence("evidenceRef", command.EvidenceRef);
        CheckMentions(input, ("text", command.Text), ("evidenceRef", command.EvidenceRef));
        if (!input.IsValid)
        {
            return Invalid(input);
        }

        var now = time.GetUtcNow();
        var text = command.Text.Trim();
        if (task is not null)
        {
            Touch(task, context.Caller, "note", text, command.EvidenceRef, now);
        }

        Append(context.Caller, now, "note", taskId: task?.Id, note: text);
        await CommitAsync(context, fingerprint, now);
        return new CaseResult(CaseOutcome.Ok, View(access, now), TaskId: task?.Id);
    }

    // A change of a task: its note (if any) kept on the task, its version moved.
    private static void Touch(CaseTask task, Caller caller, string trigger, string? note, string? evidenceRef, DateTimeOffset now)
    {
        var evidence = Clean(evidenceRef);
        if (note is not null || evidence is not null)
        {
            task.Notes.Add(new TaskNoteRecord
            {
                At = now,
                Author = caller.UserId,
                Agency = caller.Agency,
                Trigger = trigger,
                Text = note ?? "",
                EvidenceRef = evidence,
            });
        }

        task.Version++;
        task.UpdatedAt = now;
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
}
