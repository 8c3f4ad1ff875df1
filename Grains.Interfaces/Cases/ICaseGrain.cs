using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Security;

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

    /// <summary>
    /// Brings the read model up to date with this case (so a reader sees its own writes)
    /// and says which audit events the caller may read there; null when the caller may
    /// not see the case. Throws when the read model cannot be reached.
    /// </summary>
    [Alias("OpenHistory")]
    Task<HistoryScope?> OpenHistory(Caller caller);

    /// <summary>Projects into the read model whatever it does not hold yet (the projection sweeper calls this).</summary>
    [Alias("FlushProjection")]
    Task FlushProjection();

    /// <summary>Dry run of moving the case to another version of its workflow (admins).</summary>
    [Alias("PlanUpgrade")]
    Task<UpgradePlan> PlanUpgrade(Caller caller, int toVersion);

    /// <summary>Moves the case to another version of its workflow, mapping its state when the target lacks it (admins).</summary>
    [Alias("Upgrade")]
    Task<CaseResult> Upgrade(CommandContext context, int toVersion, ImmutableDictionary<string, string> stateMapping);
}
