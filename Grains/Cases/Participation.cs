using Enlace.Grains.Workflows.Engine;

namespace Enlace.Grains.Cases;

/// <summary>
/// An agency's part in a case, pure. It acts there — its agency-kind capacity for triggers,
/// recording victims, the identities its kind is entitled to — while a task of the case is in its
/// hands (assigned, accepted, in progress; in a closed case only care-track tasks stay in hand),
/// and for a grace period after the last one left them. Afterwards it only looks at its own tasks.
/// </summary>
public static class Participation
{
    /// <summary>The task states in which the assigned agency has the work to do.</summary>
    public static readonly IReadOnlyList<string> InHandStates =
        [TaskLifecycle.States.Assigned, TaskLifecycle.States.Accepted, TaskLifecycle.States.InProgress];

    /// <summary>The part of <paramref name="agency"/> in <paramref name="state"/> at <paramref name="now"/>.</summary>
    public static ParticipationStatus Of(CaseState state, string agency, DateTimeOffset now, TimeSpan grace)
    {
        DateTimeOffset? last = null;
        foreach (var task in state.Tasks)
        {
            if (task.Agency != agency)
            {
                continue;
            }

            if (InHand(state, task))
            {
                return ParticipationStatus.Active;
            }

            var released = ReleasedAt(state, task);
            last = last is null || released > last ? released : last;
        }

        return last is { } at ? After(at, now, grace) : ParticipationStatus.None;
    }

    /// <summary>The part of an agency whose work ended at <paramref name="releasedAt"/>: in grace, or ended.</summary>
    public static ParticipationStatus After(DateTimeOffset releasedAt, DateTimeOffset now, TimeSpan grace)
    {
        var ends = releasedAt + grace;
        return new(now < ends ? ParticipationStage.Grace : ParticipationStage.Ended, ends);
    }

    /// <summary>True while the task is its agency's to do.</summary>
    public static bool InHand(CaseState state, CaseTask task) =>
        InHandStates.Contains(task.State) && (state.ClosedAt is null || task.Care);

    // When a task left its agency's hands: its recorded closing, the closing of the case that froze
    // it, or — for tasks stored before closings were recorded — its last change.
    private static DateTimeOffset ReleasedAt(CaseState state, CaseTask task) =>
        InHandStates.Contains(task.State) ? state.ClosedAt ?? task.UpdatedAt : task.ClosedAt ?? task.UpdatedAt;
}

/// <summary>Where an agency stands in a case or a roadmap action.</summary>
public enum ParticipationStage
{
    /// <summary>It never had a task there.</summary>
    None,

    /// <summary>A task there is in its hands.</summary>
    Active,

    /// <summary>Its work there ended, within the grace period.</summary>
    Grace,

    /// <summary>Its work there ended, and the grace period with it: it only looks.</summary>
    Ended,
}

/// <summary>The answer of <see cref="Participation.Of"/>: the stage and, once the work ended, when the grace period ends.</summary>
public sealed record ParticipationStatus(ParticipationStage Stage, DateTimeOffset? EndsAt)
{
    /// <summary>Never had a task.</summary>
    public static readonly ParticipationStatus None = new(ParticipationStage.None, null);

    /// <summary>Has a task in hand.</summary>
    public static readonly ParticipationStatus Active = new(ParticipationStage.Active, null);

    /// <summary>Acts there: a task in hand, or within the grace period.</summary>
    public bool Acts => Stage is ParticipationStage.Active or ParticipationStage.Grace;
}
