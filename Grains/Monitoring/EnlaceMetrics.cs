using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Enlace.Grains.Monitoring;

/// <summary>
/// The grains' own instruments (meter <c>Enlace.Grains</c>), named after the OpenTelemetry
/// semantic conventions. Attributes are only code-defined names (grain type, command,
/// outcome, deadline kind): never an id, a person or free text.
/// </summary>
public sealed class EnlaceMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Enlace.Grains";

    private readonly Histogram<double> _commandDuration;
    private readonly Counter<long> _remindersFired;
    private readonly Counter<long> _tasksEscalated;
    private readonly Counter<long> _actionsOverdue;
    private readonly Counter<long> _identityReads;
    private readonly Counter<long> _deliveries;

    /// <summary>Creates the instruments on a meter of <paramref name="meters"/>.</summary>
    public EnlaceMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _commandDuration = meter.CreateHistogram<double>("enlace.command.duration", unit: "s",
            description: "Duration of case, roadmap and roadmap-action commands, by grain type, command and outcome",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _remindersFired = meter.CreateCounter<long>("enlace.reminder.fired", unit: "{reminder}",
            description: "Deadline reminders received, by grain type");
        _tasksEscalated = meter.CreateCounter<long>("enlace.task.escalated", unit: "{task}",
            description: "Tasks marked escalated because a deadline passed, by the deadline missed (acknowledgement of a referral, or due date)");
        _actionsOverdue = meter.CreateCounter<long>("enlace.roadmap_action.overdue", unit: "{action}",
            description: "Roadmap actions escalated because their due day passed");
        _identityReads = meter.CreateCounter<long>("enlace.identity.reads", unit: "{read}",
            description: "Audited reads of a victim's or perpetrator's identity (a count only)");
        _deliveries = meter.CreateCounter<long>("enlace.notification.deliveries", unit: "{attempt}",
            description: "Notification delivery attempts, by channel (email, webhook) and outcome (sent, retry, failed)");
    }

    /// <summary>Records one command; the strings are constants, so nothing is allocated.</summary>
    public void Command(string grainType, string command, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "enlace.grain.type", grainType },
            { "enlace.command.name", command },
            { "enlace.command.outcome", outcome },
        };
        _commandDuration.Record(elapsed.TotalSeconds, in tags);
    }

    /// <summary>A deadline reminder arrived at a grain of <paramref name="grainType"/>.</summary>
    public void ReminderFired(string grainType) =>
        _remindersFired.Add(1, new KeyValuePair<string, object?>("enlace.grain.type", grainType));

    /// <summary>A task was escalated for missing <paramref name="deadline"/> (<see cref="Deadlines"/>).</summary>
    public void TaskEscalated(string deadline) =>
        _tasksEscalated.Add(1, new KeyValuePair<string, object?>("enlace.deadline.kind", deadline));

    /// <summary>A roadmap action was escalated.</summary>
    public void ActionOverdue() => _actionsOverdue.Add(1);

    /// <summary>An identity was read (and the read recorded).</summary>
    public void IdentityRead() => _identityReads.Add(1);

    /// <summary>A notification delivery attempt by <paramref name="channel"/> ended with <paramref name="outcome"/> (sent, retry, failed).</summary>
    public void Delivery(string channel, string outcome)
    {
        var tags = new TagList { { "enlace.notification.channel", channel }, { "enlace.notification.outcome", outcome } };
        _deliveries.Add(1, in tags);
    }

    /// <summary>The kinds of deadline a task can miss.</summary>
    public static class Deadlines
    {
        /// <summary>A referral not acknowledged in time.</summary>
        public const string Acknowledgement = "acknowledgement";

        /// <summary>A task not done by its due date.</summary>
        public const string DueDate = "due_date";
    }
}
