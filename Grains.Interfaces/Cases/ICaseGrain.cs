using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.Interfaces.Victims;

namespace Enlace.Grains.Interfaces.Cases;

/// <summary>One case: its workflow state, victims, tasks across agencies and audit trail. Keyed by case id.</summary>
[Alias("Enlace.ICaseGrain")]
public interface ICaseGrain : IGrainWithStringKey
{
    /// <summary>Opens the case (coordinators of the lead country); Created, or a replay of the first answer.</summary>
    [Alias("Open")]
    Task<CaseResult> Open(CommandContext context, OpenCaseCommand command);

    /// <summary>The case as the caller may see it; NotFound when the caller may not see it.</summary>
    [Alias("Get")]
    Task<CaseResult> Get(Caller caller);

    /// <summary>Fires a workflow trigger; NotPermitted lists the triggers the caller can fire.</summary>
    [Alias("Fire")]
    Task<CaseResult> Fire(CommandContext context, FireCaseTriggerCommand command);

    /// <summary>Creates a task for an agency (coordinators).</summary>
    [Alias("CreateTask")]
    Task<CaseResult> CreateTask(CommandContext context, CreateTaskCommand command);

    /// <summary>Fires a task trigger.</summary>
    [Alias("FireTask")]
    Task<CaseResult> FireTask(CommandContext context, FireTaskTriggerCommand command);

    /// <summary>Adds a note to the case, or to one of its tasks the caller may see (not managers).</summary>
    [Alias("AddNote")]
    Task<CaseResult> AddNote(CommandContext context, AddNoteCommand command);

    /// <summary>Records a victim (coordinators, or agents with an open task); the code V-n is the server's.</summary>
    [Alias("AddVictim")]
    Task<CaseResult> AddVictim(CommandContext context, VictimFields victim);

    /// <summary>Replaces a victim's pseudonymous fields (and identity, when one is sent).</summary>
    [Alias("UpdateVictim")]
    Task<CaseResult> UpdateVictim(CommandContext context, UpdateVictimCommand command);

    /// <summary>Records a victim's consent decision for one purpose.</summary>
    [Alias("RecordConsent")]
    Task<CaseResult> RecordConsent(CommandContext context, RecordConsentCommand command);

    /// <summary>Records a perpetrator; the code P-n is the server's.</summary>
    [Alias("AddPerpetrator")]
    Task<CaseResult> AddPerpetrator(CommandContext context, PerpetratorFields perpetrator);

    /// <summary>Replaces a perpetrator's pseudonymous fields (and identity, when one is sent).</summary>
    [Alias("UpdatePerpetrator")]
    Task<CaseResult> UpdatePerpetrator(CommandContext context, UpdatePerpetratorCommand command);

    /// <summary>
    /// Reads one identity for an entitled caller, with a reason; the read is an audit event
    /// written durably before the answer. Forbidden names the condition that failed.
    /// </summary>
    [Alias("ReadIdentity")]
    Task<CaseResult> ReadIdentity(CommandContext context, ReadIdentityCommand command);

    /// <summary>Destroys one identity's key (coordinators, with a note); the audit chain still verifies.</summary>
    [Alias("EraseIdentity")]
    Task<CaseResult> EraseIdentity(CommandContext context, EraseIdentityCommand command);

    /// <summary>Fires a trigger of one victim's care track; NotPermitted lists the triggers the caller can fire on it.</summary>
    [Alias("FireCare")]
    Task<CaseResult> FireCare(CommandContext context, FireCareTriggerCommand command);

    /// <summary>
    /// As <see cref="OpenHistory"/>, for the log of identity reads: coordinators of the
    /// case's countries only (Forbidden otherwise, NotFound for who may not see the case).
    /// </summary>
    [Alias("OpenIdentityAccessLog")]
    Task<CaseOutcome> OpenIdentityAccessLog(Caller caller);

    /// <summary>
    /// Brings the read model up to date with this case (so a reader sees its own writes)
    /// and says which audit events the caller may read there; null when the case was never
    /// opened or the caller may not see it. Throws when the read model cannot be reached.
    /// </summary>
    [Alias("OpenHistory")]
    Task<HistoryScope?> OpenHistory(Caller caller);

    /// <summary>Projects into the read model whatever it does not hold yet (the projection sweeper calls this).</summary>
    [Alias("FlushProjection")]
    Task FlushProjection();

    /// <summary>
    /// Plans (dry run) or applies the move of the case to another version of its workflow
    /// (administrators); a case already on the target version reports moved and changes nothing.
    /// </summary>
    [Alias("Upgrade")]
    Task<UpgradeItem> Upgrade(CommandContext context, UpgradeSpec spec);
}
