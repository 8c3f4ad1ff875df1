using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.ReferenceData;
using Enlace.Grains.Workflows.Engine;

namespace Enlace.Grains.Cases;

/// <summary>
/// Who may see and do what in one case, from the caller's roles, agency and countries.
/// Coordinators and managers see the cases of their countries; agents only cases where
/// their agency has a task, and only their agency's tasks; managers change nothing.
/// </summary>
public sealed class CaseAccess
{
    private readonly CaseState _case;
    private readonly Agency? _agency;

    /// <summary>Evaluates <paramref name="caller"/>'s access to <paramref name="state"/>.</summary>
    public CaseAccess(CaseState state, Caller caller, ReferenceDataSet reference, PrivacyOptions privacy)
    {
        _case = state;
        _agency = caller.Is(Caller.Agent) ? reference.FindAgency(caller.Agency) : null;
        var sharesCountry = state.Countries.Any(caller.CoversCountry);
        IsCoordinator = caller.Is(Caller.Coordinator) && sharesCountry;
        IsAdmin = caller.Is(Caller.Admin);
        SeesAllTasks = IsCoordinator || IsAdmin || (caller.Is(Caller.Manager) && sharesCountry);
        TakesPart = _agency is not null && state.Tasks.Any(t => t.Agency == _agency.Code);
        HasOpenTask = _agency is not null && state.Tasks.Any(t => t.Agency == _agency.Code && TaskLifecycle.States.Open.Contains(t.State));
        // A case never opened exists for nobody, administrators included (they see every case that does).
        CanSee = state.IsOpen && (SeesAllTasks || TakesPart);
        EntitledKind = _agency is not null && privacy.EntitledKinds.Contains(_agency.Kind);
        SeesIdentity = IsCoordinator || (HasOpenTask && EntitledKind);
        AgencyKind = _agency?.Kind;
        Domestic = _agency is not null ? _agency.Country == state.LeadCountry : caller.CoversCountry(state.LeadCountry);
        English = caller.English;
    }

    /// <summary>The caller reads English (Spanish otherwise).</summary>
    public bool English { get; }

    /// <summary>A coordinator of one of the case's countries.</summary>
    public bool IsCoordinator { get; }

    /// <summary>An administrator.</summary>
    public bool IsAdmin { get; }

    /// <summary>Sees every task (coordinators, managers of the case's countries, admins).</summary>
    public bool SeesAllTasks { get; }

    /// <summary>An agent whose agency has a task in the case.</summary>
    public bool TakesPart { get; }

    /// <summary>An agent whose agency has a task in the case that is not finished.</summary>
    public bool HasOpenTask { get; }

    /// <summary>The caller's agency is of a kind entitled to identities (<see cref="PrivacyOptions"/>).</summary>
    public bool EntitledKind { get; }

    /// <summary>The kind of the caller's agency, for agents.</summary>
    public string? AgencyKind { get; }

    /// <summary>
    /// The caller works in the case's lead country (an agent's agency is there, or a
    /// coordinator covers it): an identity read from elsewhere crosses the border.
    /// </summary>
    public bool Domestic { get; }

    /// <summary>May record and correct victims, perpetrators and consents: coordinators, and agents with an open task.</summary>
    public bool RecordsVictims => IsCoordinator || HasOpenTask;

    /// <summary>May see the case at all (an open case only); otherwise the case does not exist for the caller.</summary>
    public bool CanSee { get; }

    /// <summary>May read identities through the audited route (consent is checked there too).</summary>
    public bool SeesIdentity { get; }

    /// <summary>
    /// The roles the caller holds in this case, matched against a trigger's roles:
    /// <c>coordinator</c>, <c>admin</c>, and the kind of the caller's agency when it takes part.
    /// </summary>
    public IReadOnlyCollection<string> Capacities
    {
        get
        {
            var capacities = new List<string>(3);
            if (IsCoordinator)
            {
                capacities.Add("coordinator");
            }

            if (IsAdmin)
            {
                capacities.Add("admin");
            }

            if (TakesPart)
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
