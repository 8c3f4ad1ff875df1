using Enlace.Grains.Cases;
using Enlace.Grains.Interfaces.Security;

namespace Enlace.Grains.Roadmaps;

/// <summary>
/// Who may see and do what in a roadmap action: coordinators and managers of the
/// roadmap's countries see it, administrators, and agents of its responsible agencies;
/// coordinators act as <c>coordinator</c>, and those agents as <c>responsible</c>
/// while the action runs and for the grace period after it ended (<see cref="Participation"/>);
/// afterwards they still see it.
/// </summary>
public sealed class ActionAccess
{
    /// <summary>Evaluates <paramref name="caller"/>'s access to <paramref name="action"/>, which has <paramref name="ended"/> or not.</summary>
    public ActionAccess(RoadmapActionState action, Caller caller, bool ended, ParticipationOptions participation, DateTimeOffset now)
    {
        var sharesCountry = action.Countries.Any(caller.CoversCountry);
        var coordinator = caller.Is(Caller.Coordinator) && sharesCountry;
        var named = caller.Is(Caller.Agent) && caller.Agency is not null && action.ResponsibleAgencies.Contains(caller.Agency);
        Participation = !named ? ParticipationStatus.None
            : !ended ? ParticipationStatus.Active
            : Cases.Participation.After(action.EndedAt ?? action.UpdatedAt, now, participation.Grace);
        IsResponsible = Participation.Acts;
        CanSee = coordinator || named || caller.Is(Caller.Admin) || (caller.Is(Caller.Manager) && sharesCountry);
        EndedPart = Participation is { Stage: ParticipationStage.Ended, EndsAt: { } ends }
            ? $"the action ended and its responsible agencies' part in it ended on {ends.UtcDateTime:yyyy-MM-dd HH:mm} UTC, {participation.GraceDays} days later"
            : null;
        var capacities = new HashSet<string>();
        if (coordinator)
        {
            capacities.Add("coordinator");
        }

        if (IsResponsible)
        {
            capacities.Add("responsible");
        }

        Capacities = capacities;
    }

    /// <summary>Sees the action.</summary>
    public bool CanSee { get; }

    /// <summary>An agent of a responsible agency, while the action runs or within the grace period after it ended.</summary>
    public bool IsResponsible { get; }

    /// <summary>The part of the caller's agency in the action.</summary>
    public ParticipationStatus Participation { get; }

    /// <summary>Why an agent of a responsible agency may only look; null for everyone else.</summary>
    public string? EndedPart { get; }

    /// <summary>Capacities the workflow's roles are matched against.</summary>
    public IReadOnlyCollection<string> Capacities { get; }
}
