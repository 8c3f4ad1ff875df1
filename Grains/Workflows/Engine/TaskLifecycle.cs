using Stateless;

namespace Enlace.Grains.Workflows.Engine;

/// <summary>
/// The lifecycle of a task inside a case, as a Stateless machine over the task's
/// external state. The assigned agency accepts, starts, completes or declines;
/// coordinators reassign, cancel and reopen.
/// </summary>
public sealed class TaskLifecycle
{
    /// <summary>Task states.</summary>
    public static class States
    {
        /// <summary>Waiting for the agency to accept.</summary>
        public const string Assigned = "assigned";

        /// <summary>Accepted by the agency.</summary>
        public const string Accepted = "accepted";

        /// <summary>Work under way.</summary>
        public const string InProgress = "in_progress";

        /// <summary>Done (terminal unless reopened).</summary>
        public const string Completed = "completed";

        /// <summary>Declined by the agency with a reason: back with the coordinator.</summary>
        public const string Declined = "declined";

        /// <summary>Cancelled by a coordinator (terminal unless reopened).</summary>
        public const string Cancelled = "cancelled";

        /// <summary>States in which the task still needs work from someone.</summary>
        public static readonly IReadOnlyList<string> Open = [Assigned, Accepted, InProgress, Declined];
    }

    /// <summary>Task triggers and who fires them.</summary>
    public static class Triggers
    {
        /// <summary>Capacity of an agent of the assigned agency.</summary>
        public const string Assignee = "assignee";

        /// <summary>Capacity of a coordinator of the case.</summary>
        public const string Coordinator = "coordinator";

        /// <summary>Every trigger with the capacity that may fire it.</summary>
        public static readonly IReadOnlyDictionary<string, string> Roles = new Dictionary<string, string>
        {
            ["accept"] = Assignee,
            ["start"] = Assignee,
            ["complete"] = Assignee,
            ["decline"] = Assignee,
            ["reassign"] = Coordinator,
            ["cancel"] = Coordinator,
            ["reopen"] = Coordinator,
        };
    }

    // Which triggers leave each state: asked once of a machine configured as every task's is.
    private static readonly Dictionary<string, HashSet<string>> LeavingTriggers = States.Open
        .Concat([States.Completed, States.Cancelled])
        .ToDictionary(state => state, state =>
        {
            var machine = Configure(new StateMachine<string, string>(state));
            return Triggers.Roles.Keys.Where(machine.CanFire).ToHashSet(StringComparer.Ordinal);
        }, StringComparer.Ordinal);

    private readonly StateMachine<string, string> _machine;

    /// <summary>Builds the lifecycle over a task's state accessor.</summary>
    public TaskLifecycle(Func<string> read, Action<string> write)
    {
        _machine = Configure(new StateMachine<string, string>(read, write));
    }

    /// <summary>True when <paramref name="trigger"/> leaves the current state.</summary>
    public bool CanFire(string trigger) => Triggers.Roles.ContainsKey(trigger) && _machine.CanFire(trigger);

    /// <summary>True when <paramref name="trigger"/> leaves <paramref name="state"/> (as <see cref="CanFire"/>, without a machine).</summary>
    public static bool Leaves(string state, string trigger) => LeavingTriggers.TryGetValue(state, out var leaving) && leaving.Contains(trigger);

    /// <summary>Fires a trigger checked with <see cref="CanFire"/>.</summary>
    public Task FireAsync(string trigger) => _machine.FireAsync(trigger);

    private static StateMachine<string, string> Configure(StateMachine<string, string> machine)
    {
        machine.Configure(States.Assigned)
            .Permit("accept", States.Accepted)
            .Permit("decline", States.Declined)
            .PermitReentry("reassign")
            .Permit("cancel", States.Cancelled);
        machine.Configure(States.Accepted)
            .Permit("start", States.InProgress)
            .Permit("complete", States.Completed)
            .Permit("decline", States.Declined)
            .Permit("reassign", States.Assigned)
            .Permit("cancel", States.Cancelled);
        machine.Configure(States.InProgress)
            .Permit("complete", States.Completed)
            .Permit("decline", States.Declined)
            .Permit("reassign", States.Assigned)
            .Permit("cancel", States.Cancelled);
        machine.Configure(States.Declined)
            .Permit("reassign", States.Assigned)
            .Permit("cancel", States.Cancelled);
        machine.Configure(States.Completed)
            .Permit("reopen", States.Assigned);
        machine.Configure(States.Cancelled)
            .Permit("reopen", States.Assigned);
        return machine;
    }
}
