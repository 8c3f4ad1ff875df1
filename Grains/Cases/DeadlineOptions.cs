namespace Enlace.Grains.Cases;

/// <summary>Settings of deadline reminders (section <c>Deadlines</c>).</summary>
public sealed class DeadlineOptions
{
    /// <summary>
    /// The period of a deadline reminder. A reminder first fires at the earliest open
    /// deadline; the period bounds how late it catches up after the cluster was down
    /// across that moment (Orleans fires the next tick after restart).
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
