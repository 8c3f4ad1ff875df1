using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Victims;
using Enlace.Grains.ReferenceData;
using Enlace.Grains.Victims;
using Enlace.Grains.Workflows.Engine;

namespace Enlace.Grains.Cases;

/// <summary>Maps persisted case state to the views a caller may see.</summary>
public static class CaseViews
{
    /// <summary>The case as <paramref name="access"/> allows: tasks filtered; identities never in it.</summary>
    public static CaseView ToView(
        string caseId, CaseState state, CaseAccess access, CompiledWorkflow workflow, ReferenceDataSet reference, DateTimeOffset now, Func<VictimRecord, CareView?> care)
    {
        var capacities = access.Capacities;
        var availability = workflow.Availability(capacities, new CaseSubject(state));
        return new CaseView(
            caseId,
            state.Reference!,
            state.WorkflowId,
            state.WorkflowVersion,
            state.Title,
            state.Summary,
            state.Stage,
            state.LeadCountry,
            [.. state.PartnerCountries],
            state.BorderPoint,
            [.. state.Victims.Select(v => ToVictim(v, state, reference.VictimValues) with { Care = care(v) })],
            [.. state.Tasks.Where(access.SeesTask).Select(t => ToTask(caseId, t, access, now) with
            {
                IdentityWithheld = reference.FindAgency(t.Agency) is { } agency && IdentityRules.WithheldAcrossBorder(state, agency.Country),
            })],
            [.. availability.Where(a => a.Permitted).Select(a => a.Trigger)],
            [.. availability.Select(a => ToAvailability(a, workflow, access.English))],
            state.Version,
            state.OpenedAt,
            state.UpdatedAt,
            state.ClosedAt,
            state.Resolution,
            [.. state.Perpetrators.Select(p => ToPerpetrator(p, state))],
            [.. state.LinkedCases],
            access.Participation.Stage == ParticipationStage.None ? null
                : new ParticipationView(access.Participation.Stage.ToString().ToLowerInvariant(), access.Participation.EndsAt));
    }

    /// <summary>A task as the caller sees it, with the triggers the caller may fire on it.</summary>
    public static TaskView ToTask(string caseId, CaseTask task, CaseAccess access, DateTimeOffset now)
    {
        var permitted = TaskLifecycle.Triggers.Roles
            .Where(r => TaskLifecycle.Leaves(task.State, r.Key) && Holds(r.Value, task, access))
            .Select(r => r.Key);
        return new TaskView(
            task.Id,
            caseId,
            task.Title,
            task.Description,
            task.Agency,
            task.State,
            task.Priority,
            task.Kind,
            task.DueAt,
            task.AcknowledgeBy,
            IsOverdue(task, now),
            task.Escalated,
            task.CreatedAt,
            task.UpdatedAt,
            task.Version,
            [.. task.Tags],
            [.. task.Notes.Select(n => new TaskNote(n.At, n.Author, n.Agency, n.Trigger, n.Text, n.EvidenceRef))],
            [.. permitted],
            Victim: task.Victim,
            UnmatchedRule: task.UnmatchedRule,
            RequiresConsent: task.RequiresConsent,
            Care: task.Care);
    }

    /// <summary>True when the caller holds the capacity a task trigger needs.</summary>
    public static bool Holds(string capacity, CaseTask task, CaseAccess access) => capacity switch
    {
        TaskLifecycle.Triggers.Assignee => access.IsAssignee(task),
        TaskLifecycle.Triggers.Coordinator => access.IsCoordinator,
        _ => false,
    };

    /// <summary>Past its due date (or, for an unacknowledged referral, its acknowledgement deadline) and still open.</summary>
    public static bool IsOverdue(CaseTask task, DateTimeOffset now) =>
        TaskLifecycle.States.Open.Contains(task.State)
        && (now > task.DueAt || (task.State == TaskLifecycle.States.Assigned && task.AcknowledgeBy is { } ack && now > ack));

    /// <summary>An audit event as exposed.</summary>
    public static AuditEventView ToView(AuditEventRecord e) =>
        new(e.Seq, e.At, e.Actor, e.Agency, e.Kind, e.Trigger, e.From, e.To, e.TaskId, e.Note, e.Hash, e.PreviousHash, e.Subject, e.DecisionRef);

    /// <summary>Whether a trigger may be fired now, and why not, in the caller's language; what its command must carry.</summary>
    public static TriggerAvailability ToAvailability(TriggerCheck check, CompiledWorkflow workflow, bool english)
    {
        var trigger = workflow.FindTrigger(check.Trigger);
        return new(
            check.Trigger,
            check.Permitted,
            ReasonCode(check.Reason),
            [.. check.UnmetGuards.Select(g => g.In(english))],
            check.Explanation.In(english),
            trigger is null ? null : CompiledWorkflow.TitleOf(trigger).In(english),
            trigger?.RequiresNote ?? false,
            trigger?.RequiresResolution ?? false,
            trigger is not null && (trigger.RequiresDecisionRef || check.RecordsOnBehalf),
            trigger is { RequiresResolution: true } ? [.. trigger.AllowedResolutions(workflow.Definition)] : [],
            trigger?.Effect);
    }

    private static string? ReasonCode(RefusalReason reason) => reason switch
    {
        RefusalReason.None => null,
        RefusalReason.UnknownTrigger => "unknown-trigger",
        RefusalReason.WrongState => "wrong-state",
        RefusalReason.RoleNotAllowed => "role-not-allowed",
        RefusalReason.GuardUnmet => "guard-unmet",
        _ => reason.ToString(),
    };

    private static VictimView ToVictim(VictimRecord v, CaseState state, VictimValueSet values) =>
        new(v.Code, v.IdentificationStatus, v.IdentificationDecidedBy, v.AgeGroup, values.IsMinor(v.AgeGroup), v.Sex, v.Citizenship,
            v.CountryOfExploitation, [.. v.Exploitation], v.LabourSector, v.SexualExploitationType, [.. v.MeansOfControl],
            v.RecruitmentMethod is null && v.RecruitmentCountry is null ? null : new RecruitmentView(v.RecruitmentMethod, v.RecruitmentCountry),
            v.RelationshipToTrafficker, [.. v.Languages], v.Unaccompanied, state.SealedIdentities.ContainsKey(v.Code), v.IdentityErased,
            [.. v.Consents.Select(c => new ConsentView(c.Purpose, c.Given, c.RecordedAt, c.RecordedBy, c.RecordedByAgency, c.LegalRepresentative))],
            v.Version, v.CreatedAt, v.UpdatedAt, v.CountryOfStay, v.SeeksInternationalProtection);

    private static PerpetratorView ToPerpetrator(PerpetratorRecord p, CaseState state) =>
        new(p.Code, p.Role, p.Sex, p.Citizenship, p.AgeGroup, p.ProceduralStatus, state.SealedIdentities.ContainsKey(p.Code), p.IdentityErased, p.Version);

    /// <summary>An empty array instead of a default one.</summary>
    public static ImmutableArray<T> OrEmpty<T>(this ImmutableArray<T> values) => values.IsDefault ? [] : values;
}
