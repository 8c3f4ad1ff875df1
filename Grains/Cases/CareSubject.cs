using Enlace.Grains.ReferenceData;
using Enlace.Grains.Victims;
using Enlace.Grains.Workflows.Engine;

namespace Enlace.Grains.Cases;

/// <summary>
/// One victim's care track seen by its workflow machine: the track's state, the tasks of
/// this victim's track, the person's consents and conditions. The criminal case's state
/// is not asked: assistance never waits on the investigation.
/// </summary>
public sealed class CareSubject(CaseState state, VictimRecord victim, VictimValueSet values) : IWorkflowSubject
{
    /// <inheritdoc />
    public string State
    {
        get => victim.Care!.State;
        set => victim.Care!.State = value;
    }

    private IEnumerable<CaseTask> Tasks(string tag) => state.Tasks.Where(t => t.Care && t.Victim == victim.Code && t.Tags.Contains(tag));

    /// <inheritdoc />
    public bool TasksCompleted(string tag) => Tasks(tag).All(t => t.Settled);

    /// <inheritdoc />
    public bool TasksAccepted(string tag) => Tasks(tag).Where(t => t.State != TaskLifecycle.States.Cancelled).All(t => t.Acknowledged);

    /// <inheritdoc />
    public bool FieldPresent(string field) => field switch
    {
        // A child's consents count only through a legal representative; an adult needs none.
        "legalRepresentative" => !values.IsMinor(victim.AgeGroup) || victim.Consents.Exists(c => !string.IsNullOrWhiteSpace(c.LegalRepresentative)),
        _ => false,
    };

    /// <inheritdoc />
    public bool ConsentGiven(string purpose) => victim.HasConsent(purpose);

    /// <inheritdoc />
    public bool VictimIs(string condition) => VictimConditions.Holds(condition, victim, values, state.LeadCountry);
}
