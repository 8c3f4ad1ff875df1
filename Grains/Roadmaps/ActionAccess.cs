using Enlace.Grains.Interfaces.Security;

namespace Enlace.Grains.Roadmaps;

/// <summary>
/// Who may see and do what in a roadmap action: coordinators and managers of the
/// roadmap's countries see it, and agents of its responsible agencies; coordinators act
/// as <c>coordinator</c>, those agents as <c>responsible</c>, administrators as <c>admin</c>.
/// </summary>
public sealed class ActionAccess
{
    /// <summary>Evaluates <paramref name="caller"/>'s access to <paramref name="action"/>.</summary>
    public ActionAccess(RoadmapActionState action, Caller caller)
    {
        var sharesCountry = action.Countries.Any(caller.CoversCountry);
        var coordinator = caller.Is(Caller.Coordinator) && sharesCountry;
        IsResponsible = caller.Is(Caller.Agent) && caller.Agency is not null && action.ResponsibleAgencies.Contains(caller.Agency);
        CanSee = coordinator || IsResponsible || caller.Is(Caller.Admin) || (caller.Is(Caller.Manager) && sharesCountry);
        var capacities = new HashSet<string>();
        if (coordinator)
        {
            capacities.Add("coordinator");
        }

        if (IsResponsible)
        {
            capacities.Add("responsible");
        }

        if (caller.Is(Caller.Admin))
        {
            capacities.Add("admin");
        }

        Capacities = capacities;
    }

    /// <summary>Sees the action.</summary>
    public bool CanSee { get; }

    /// <summary>An agent of a responsible agency.</summary>
    public bool IsResponsible { get; }

    /// <summary>Capacities the workflow's roles are matched against.</summary>
    public IReadOnlyCollection<string> Capacities { get; }
}
