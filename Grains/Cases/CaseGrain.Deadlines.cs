using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.Monitoring;
using Enlace.Grains.Workflows.Engine;
using Orleans.Runtime;

namespace Enlace.Grains.Cases;

/// <summary>
/// Deadlines: one Orleans reminder per case, due at its earliest open deadline (a task's
/// due date, or an unaccepted referral's acknowledgement date). When it fires, every
/// task then past its deadline and not yet escalated is marked escalated with an audit
/// event (<c>task-escalated</c>), which the read model turns into a notification to the
/// coordinators of the case's countries. Marking is idempotent, so a reminder firing
/// twice escalates once; a reminder missed while the cluster was down fires on restart.
/// </summary>
public sealed partial class CaseGrain : IRemindable
{
    private const string DeadlineReminder = "deadline";

    // When the deadline reminder fires, as far as this activation knows (null: unknown).
    private DateTimeOffset? _reminderAt;

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeadlineReminder || !Case.IsOpen)
        {
            return;
        }

        metrics.ReminderFired("case");
        var now = time.GetUtcNow();
        var late = Case.Tasks.Where(t => Live(t) && !t.Escalated && Deadline(t) is { } d && d <= now).ToList();
        if (late.Count == 0)
        {
            // Nothing newly late (a repeated tick, or an early one): only move the reminder.
            await ScheduleDeadlineAsync(now, afterWrite: true);
            return;
        }

        var acknowledgements = 0;
        foreach (var task in late)
        {
            task.Escalated = true;
            task.Version++;
            task.UpdatedAt = now;
            var missed = Deadline(task)!.Value;
            var acknowledgement = task.State == TaskLifecycle.States.Assigned && task.AcknowledgeBy == missed;
            var what = acknowledgement ? "acknowledgement" : "due date";
            acknowledgements += acknowledgement ? 1 : 0;
            Append(Caller.System, now, "task-escalated", trigger: acknowledgement ? EscalationTriggers.Acknowledgement : EscalationTriggers.DueDate, taskId: task.Id, note: $"{task.Agency}: {what} {missed.UtcDateTime:yyyy-MM-dd HH:mm} UTC passed");
        }

        await CommitAsync(new CommandContext(Caller.System), "deadline", now);
        for (var i = 0; i < late.Count; i++)
        {
            metrics.TaskEscalated(i < acknowledgements ? EnlaceMetrics.Deadlines.Acknowledgement : EnlaceMetrics.Deadlines.DueDate);
        }

        await ScheduleDeadlineAsync(now, afterWrite: true);
    }

    // The deadline of a task still to do (or declined back), if any.
    private static DateTimeOffset? Deadline(CaseTask task)
    {
        if (!TaskLifecycle.States.Open.Contains(task.State))
        {
            return null;
        }

        return task.State == TaskLifecycle.States.Assigned && task.AcknowledgeBy is { } ack && ack < task.DueAt ? ack : task.DueAt;
    }

    private DateTimeOffset? NextDeadline() =>
        Case.Tasks.Where(t => Live(t) && !t.Escalated).Select(Deadline).Where(d => d is not null).Min();

    // A closed case's tasks are done with, except those of the care tracks, which go on.
    private bool Live(CaseTask task) => Case.ClosedAt is null || task.Care;

    // The reminder is never later than the earliest open deadline: one that appears or
    // moves earlier is registered before the write that creates it. A reminder left early
    // (the deadline was met, or moved later) fires once, finds nothing late and moves on
    // (ReceiveReminder), so commands never pay for removing or postponing it. The time it
    // is set for is known to this activation only; a new activation registers again on its
    // first command with a deadline.
    private async Task ScheduleDeadlineAsync(DateTimeOffset now, bool afterWrite)
    {
        var next = NextDeadline();
        if (!afterWrite)
        {
            if (next is { } at && (_reminderAt is null || at < _reminderAt))
            {
                await this.RegisterOrUpdateReminder(DeadlineReminder, Max(at - now, TimeSpan.Zero), deadlineOptions.Value.ReminderPeriod);
                _reminderAt = at;
            }

            return;
        }

        if (next is { } later)
        {
            await this.RegisterOrUpdateReminder(DeadlineReminder, Max(later - now, TimeSpan.Zero), deadlineOptions.Value.ReminderPeriod);
        }
        else if (await this.GetReminder(DeadlineReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _reminderAt = next;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
