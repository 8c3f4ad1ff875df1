using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using Enlace.Grains.ReferenceData;

namespace Enlace.Grains.Workflows.Definitions;

/// <summary>
/// How long a definition gives for a task (<c>dueIn</c>, <c>acknowledgeIn</c>): a positive ISO 8601
/// duration (<c>PT24H</c>, <c>P3D</c>: elapsed time), or a count of working days (<c>P2WD</c>),
/// counted in the calendar of the agency that must act.
/// </summary>
public readonly partial record struct DeadlineDuration
{
    /// <summary>The most working days a duration may count (a year and a half of them).</summary>
    public const int MaxWorkingDays = 400;

    private DeadlineDuration(TimeSpan elapsed, int workingDays)
    {
        Elapsed = elapsed;
        WorkingDays = workingDays;
    }

    /// <summary>The elapsed time of an ISO 8601 duration; zero for working days.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The number of working days of a <c>PnWD</c> duration; zero for an ISO duration.</summary>
    public int WorkingDays { get; }

    /// <summary>Parses <c>PnWD</c> (n from 1 to <see cref="MaxWorkingDays"/>) or a positive ISO 8601 duration.</summary>
    public static bool TryParse(string? text, out DeadlineDuration duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (WorkingDaysPattern().Match(text) is { Success: true } match)
        {
            var days = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            duration = new DeadlineDuration(TimeSpan.Zero, days);
            return days <= MaxWorkingDays;
        }

        try
        {
            var elapsed = XmlConvert.ToTimeSpan(text);
            duration = new DeadlineDuration(elapsed, 0);
            return elapsed > TimeSpan.Zero;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The due instant from <paramref name="start"/>: elapsed time, or working days in <paramref name="calendar"/>.</summary>
    public CalendarDue DueFrom(DateTimeOffset start, WorkingCalendar calendar) =>
        WorkingDays > 0 ? calendar.AddWorkingDays(start, WorkingDays) : new CalendarDue(start + Elapsed, []);

    [GeneratedRegex("^P([1-9][0-9]{0,3})WD$", RegexOptions.CultureInvariant)]
    private static partial Regex WorkingDaysPattern();
}
