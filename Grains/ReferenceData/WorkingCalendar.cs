namespace Enlace.Grains.ReferenceData;

/// <summary>
/// A country's working days: its time zone, weekend days and public holidays, for the years
/// its calendar file covers. Pure: deadlines counted in working days are computed here.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<DayOfWeek> _weekend;
    private readonly Dictionary<DateOnly, CalendarHoliday> _holidays;
    private readonly HashSet<int> _years;

    /// <summary>Creates a calendar; <see cref="ReferenceDataLoader"/> checks the data first.</summary>
    public WorkingCalendar(string country, TimeZoneInfo zone, IEnumerable<DayOfWeek> weekend, IEnumerable<int> years, IEnumerable<CalendarHoliday> holidays)
    {
        Country = country;
        Zone = zone;
        _weekend = [.. weekend];
        _years = [.. years];
        _holidays = holidays.ToDictionary(h => h.Date);
        if (_weekend.Count >= 7)
        {
            throw new ArgumentException("a calendar needs at least one working day a week", nameof(weekend));
        }
    }

    /// <summary>Country code, e.g. <c>PE</c>.</summary>
    public string Country { get; }

    /// <summary>The country's time zone: working days are its local dates.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>The years whose holidays the calendar holds.</summary>
    public IReadOnlySet<int> Years => _years;

    /// <summary>The holidays and declared non-working days, by date.</summary>
    public IReadOnlyDictionary<DateOnly, CalendarHoliday> Holidays => _holidays;

    /// <summary>A calendar with weekends only (Saturday, Sunday) and no year of holidays.</summary>
    public static WorkingCalendar WeekendsOnly(string country, TimeZoneInfo zone) =>
        new(country, zone, [DayOfWeek.Saturday, DayOfWeek.Sunday], [], []);

    /// <summary>True when <paramref name="date"/> is neither a weekend day nor a holiday.</summary>
    public bool IsWorkingDay(DateOnly date) => !_weekend.Contains(date.DayOfWeek) && !_holidays.ContainsKey(date);

    /// <summary>
    /// The instant <paramref name="days"/> working days after <paramref name="start"/>: the same
    /// local time of day on the <paramref name="days"/>-th working day after the start's local
    /// date. A start on a non-working day counts from the beginning (00:00) of the next working
    /// day. A local time that does not exist that day (a daylight-saving gap) moves forward by
    /// the gap; one that occurs twice is the first. Years without holiday data count weekends
    /// only and are named in the answer.
    /// </summary>
    public CalendarDue AddWorkingDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        var missing = new SortedSet<int>();
        var local = TimeZoneInfo.ConvertTime(start, Zone).DateTime;
        var date = DateOnly.FromDateTime(local);
        var timeOfDay = TimeOnly.FromDateTime(local);
        if (!Counts(date, missing))
        {
            timeOfDay = TimeOnly.MinValue;
            do
            {
                date = date.AddDays(1);
            }
            while (!Counts(date, missing));
        }

        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            counted += Counts(date, missing) ? 1 : 0;
        }

        return new CalendarDue(ToInstant(date.ToDateTime(timeOfDay)), [.. missing]);
    }

    // A working day, noting a year the calendar has no holidays for.
    private bool Counts(DateOnly date, SortedSet<int> missing)
    {
        if (!_years.Contains(date.Year))
        {
            missing.Add(date.Year);
        }

        return IsWorkingDay(date);
    }

    // Local wall-clock time (DateTimeKind.Unspecified) of Zone → UTC instant.
    private DateTimeOffset ToInstant(DateTime local)
    {
        TimeSpan offset;
        if (Zone.IsAmbiguousTime(local))
        {
            offset = Zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else if (Zone.IsInvalidTime(local))
        {
            // Read with the offset in force before the gap: lands as far past the gap as the time was into it.
            var before = local;
            do
            {
                before = before.AddMinutes(-15);
            }
            while (Zone.IsInvalidTime(before));
            offset = Zone.GetUtcOffset(before);
        }
        else
        {
            offset = Zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
