using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.ReferenceData;

namespace Enlace.Grains.Cases;

/// <summary>
/// Who may see and do what in one case, from the caller's roles, agency and countries.
/// Coordinators and managers see the cases of their countries; agents only cases where
/// their agency has a task, and only their agency's tasks; managers change nothing.
/// Administrators manage definitions, agencies and upgrades, not case content: as such they
/// see no case (a coordinator's or manager's role of theirs counts as that role). An agency
/// acts in a case only while it takes part (<see cref="Participation"/>): a task in hand, or
/// the grace period after its last one closed; afterwards it still looks at its own tasks.
/// </summary>
public sealed class CaseAccess
{
    private readonly CaseState _case;
    private readonly Agency? _agency;

    /// <summary>Evaluates <paramref name="caller"/>'s access to <paramref name="state"/>.</summary>
    public CaseAccess(CaseState state, Caller caller, ReferenceDataSet reference, PrivacyOptions privacy, ParticipationOptions participation, DateTimeOffset now)
    {
        _case = state;
        _agency = caller.Is(Caller.Agent) ? reference.FindAgency(caller.Agency) : null;
        var sharesCountry = state.Countries.Any(caller.CoversCountry);
        IsCoordinator = caller.Is(Caller.Coordinator) && sharesCountry;
        IsAdmin = caller.Is(Caller.Admin);
        SeesAllTasks = IsCoordinator || (caller.Is(Caller.Manager) && sharesCountry);
        Participation = _agency is null ? ParticipationStatus.None : Cases.Participation.Of(state, _agency.Code, now, participation.Grace);
        GraceDays = participation.GraceDays;
        TakesPart = Participation.Stage != ParticipationStage.None;
        // A case never opened exists for nobody.
        CanSee = state.IsOpen && (SeesAllTasks || TakesPart);
        EntitledKind = _agency is not null && privacy.EntitledKinds.Contains(_agency.Kind);
        SeesIdentity = IsCoordinator || (Participation.Acts && EntitledKind);
        AgencyKind = _agency?.Kind;
        Domestic = _agency is not null ? _agency.Country == state.LeadCountry : caller.CoversCountry(state.LeadCountry);
        English = caller.English;
    }

    /// <summary>The caller reads English (Spanish otherwise).</summary>
    public bool English { get; }

    /// <summary>A coordinator of one of the case's countries.</summary>
    public bool IsCoordinator { get; }

    /// <summary>An administrator: may move the case to another definition version, sees nothing of it for that.</summary>
    public bool IsAdmin { get; }

    /// <summary>Sees every task (coordinators and managers of the case's countries).</summary>
    public bool SeesAllTasks { get; }

    /// <summary>An agent whose agency has (or had) a task in the case: it sees the case and its own tasks.</summary>
    public bool TakesPart { get; }

    /// <summary>The part of the caller's agency in the case: whether it acts there, and until when.</summary>
    public ParticipationStatus Participation { get; }

    /// <summary>The grace period after an agency's last task closed, in days (<see cref="ParticipationOptions"/>).</summary>
    public int GraceDays { get; }

    /// <summary>The caller's agency is of a kind entitled to identities (<see cref="PrivacyOptions"/>).</summary>
    public bool EntitledKind { get; }

    /// <summary>The kind of the caller's agency, for agents.</summary>
    public string? AgencyKind { get; }

    /// <summary>
    /// The caller works in the case's lead country (an agent's agency is there, or a
    /// coordinator covers it): an identity read from elsewhere crosses the border.
    /// </summary>
    public bool Domestic { get; }

    /// <summary>May record and correct victims, perpetrators and consents: coordinators, and agents whose agency takes part.</summary>
    public bool RecordsVictims => IsCoordinator || Participation.Acts;

    /// <summary>Why an agent of an agency whose part ended may only look; null for everyone else.</summary>
    public string? EndedPart => Participation is { Stage: ParticipationStage.Ended, EndsAt: { } ends }
        ? $"your agency's part in this case ended on {ends.UtcDateTime:yyyy-MM-dd HH:mm} UTC: an agency acts in a case while a task of its own is open there "
          + $"and for {GraceDays} days after its last one closed. You still see your agency's tasks; a coordinator of the case can assign a new task"
        : null;

    /// <summary>May see the case at all (an open case only); otherwise the case does not exist for the caller.</summary>
    public bool CanSee { get; }

    /// <summary>May read identities through the audited route (consent is checked there too).</summary>
    public bool SeesIdentity { get; }

    /// <summary>
    /// The roles the caller holds in this case, matched against a trigger's roles:
    /// <c>coordinator</c>, and the kind of the caller's agency while it takes part
    /// (a task in hand or the grace period after the last one).
    /// </summary>
    public IReadOnlyCollection<string> Capacities
    {
        get
        {
            var capacities = new List<string>(2);
            if (IsCoordinator)
            {
                capacities.Add("coordinator");
            }

            if (Participation.Acts)
            {
                capacities.Add(_agency!.Kind);
            }

            return capacities;
        }
    }

    /// <summary>True when the caller may see <paramref name="task"/>.</summary>
    public bool SeesTask(CaseTask task) => SeesAllTasks || (_agency is not null && task.Agency == _agency.Code);

    /// <summary>True when the caller is an agent of the agency the task is assigned to.</summary>
    public bool IsAssignee(CaseTask task) => _agency is not null && task.Agency == _agency.Code;
}
