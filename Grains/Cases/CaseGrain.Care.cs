using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.Interfaces.Victims;
using Enlace.Grains.Victims;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Grains.Workflows.Engine;

namespace Enlace.Grains.Cases;

/// <summary>
/// Each victim's care track: a Stateless machine of the case definition's <c>care</c>
/// workflow over the victim's own state, with its own tasks. It lives in the case grain
/// (one grain per case) but asks nothing of the criminal case: assistance never waits on
/// the investigation, and closing or archiving the case never closes a track.
/// </summary>
public sealed partial class CaseGrain
{
    /// <inheritdoc />
    public async Task<CaseResult> FireCare(CommandContext context, FireCareTriggerCommand command)
    {
        var access = Access(context.Caller);
        var victim = Case.Victims.Find(v => v.Code == command.Code);
        if (victim is null && access.CanSee)
        {
            return new CaseResult(CaseOutcome.NotFound, Detail: $"This case has no victim '{command.Code}'.");
        }

        var fingerprint = Fingerprint.Of("care", command);
        if (Refuse(context, access, fingerprint, victim?.Version ?? 0) is { } refusal)
        {
            return refusal;
        }

        if (victim!.Care is null || CareWorkflow(victim.Care) is not { } workflow)
        {
            return new CaseResult(CaseOutcome.NotPermitted, Detail: $"{victim.Code} has no care track in this case's workflow.", PermittedTriggers: []);
        }

        if (ReadOnly(access) is { } readOnly)
        {
            return readOnly;
        }

        var machine = new WorkflowMachine(workflow, new CareSubject(Case, victim, Values));
        var check = machine.Check(command.Trigger ?? "", access.Capacities);
        ImmutableArray<string> Permitted() => [.. machine.PermittedTriggers(access.Capacities)];
        var english = context.Caller.English;
        if (check.Reason == RefusalReason.UnknownTrigger)
        {
            var message = check.Explanation.In(english);
            return new CaseResult(CaseOutcome.Invalid, Detail: message,
                Errors: ImmutableDictionary<string, string[]>.Empty.Add("trigger", [message]), PermittedTriggers: Permitted());
        }

        if (!check.Permitted)
        {
            return new CaseResult(CaseOutcome.NotPermitted, Detail: check.Explanation.In(english), PermittedTriggers: Permitted());
        }

        var trigger = workflow.FindTrigger(command.Trigger!)!;
        var input = new CaseInput().Note("note", command.Note, trigger.RequiresNote);
        CheckResolution(input, workflow.Definition, trigger, command.Trigger!, command.Resolution);
        CheckMentions(input, ("note", command.Note));
        if (!input.IsValid)
        {
            return Invalid(input);
        }

        var now = time.GetUtcNow();
        var (from, to) = await machine.FireAsync(trigger.Name);
        var target = workflow.FindState(to)!;
        if (target.Closes)
        {
            victim.Care.ClosedAt = now;
            victim.Care.Resolution = command.Resolution;
        }
        else
        {
            victim.Care.ClosedAt = null;
            victim.Care.Resolution = null;
        }

        victim.Version++;
        victim.UpdatedAt = now;
        Append(context.Caller, now, "care-transition", trigger: trigger.Name, from: from, to: to, note: Clean(command.Note), subject: victim.Code);
        CreateCareTasks(trigger.Tasks, workflow.Definition, stage: null, victim, context.Caller, now);
        if (!trigger.StaysInState)
        {
            CreateCareTasks(target.Tasks, workflow.Definition, target.Name, victim, context.Caller, now);
        }

        await CommitAsync(context, fingerprint, now, createdId: victim.Code);
        return Answer(CaseOutcome.Ok, access, now, victim.Code);
    }

    // A victim recorded on a workflow with care tracks starts one at once, with its tasks
    // (immediate assistance within hours does not wait for anything).
    private void StartCare(VictimRecord victim, Caller caller, DateTimeOffset now)
    {
        if (victim.Care is not null || Workflow().Definition.Care is not { } careId || catalog.Latest(careId) is not { } care)
        {
            return;
        }

        victim.Care = new CareTrack { WorkflowId = care.Id, WorkflowVersion = care.Version, State = care.InitialState, StartedAt = now };
        Append(caller, now, "care-started", to: care.InitialState, note: $"{care.Id} v{care.Version}", subject: victim.Code);
        CreateCareTasks(care.FindState(care.InitialState)!.Tasks, care, care.InitialState, victim, caller, now);
    }

    private void CreateCareTasks(IEnumerable<TaskTemplate> templates, WorkflowDefinition care, string? stage, VictimRecord victim, Caller caller, DateTimeOffset now)
    {
        foreach (var template in templates)
        {
            CreateVictimTask(template, care, stage, victim, care: true, caller, now);
        }
    }

    private CompiledWorkflow? CareWorkflow(CareTrack track) =>
        catalog.Find(track.WorkflowId, track.WorkflowVersion) is { } definition ? catalog.Compile(definition) : null;

    // The care track as the caller sees it: its state and what the caller may do next.
    private CareView? CareViewOf(VictimRecord victim, CaseAccess access)
    {
        if (victim.Care is not { } track || CareWorkflow(track) is not { } workflow)
        {
            return null;
        }

        var availability = workflow.Availability(access.Capacities, new CareSubject(Case, victim, Values));
        return new CareView(track.WorkflowId, track.WorkflowVersion, track.State, workflow.StateTitle(track.State).In(access.English),
            [.. availability.Where(a => a.Permitted).Select(a => a.Trigger)],
            [.. availability.Select(a => CaseViews.ToAvailability(a, workflow, access.English))],
            track.StartedAt, track.ClosedAt, track.Resolution);
    }

    private static void CheckResolution(CaseInput input, WorkflowDefinition definition, TriggerDefinition trigger, string name, string? resolution)
    {
        var allowed = trigger.AllowedResolutions(definition);
        if (trigger.RequiresResolution && !allowed.Contains(resolution ?? ""))
        {
            input.Add("resolution", $"'{name}' needs a resolution: one of {string.Join(", ", allowed)}");
        }
        else if (!trigger.RequiresResolution && resolution is not null)
        {
            input.Add("resolution", $"'{name}' takes no resolution");
        }
    }
}
