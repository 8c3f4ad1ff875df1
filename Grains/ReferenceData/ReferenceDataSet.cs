namespace Enlace.Grains.ReferenceData;

/// <summary>The countries, agencies, border points and victim value lists configured for this deployment.</summary>
public sealed class ReferenceDataSet
{
    private readonly Dictionary<string, Agency> _agencies;

    /// <summary>Creates the set; codes must be unique (the loader checks).</summary>
    public ReferenceDataSet(
        IReadOnlyList<Country> countries,
        IReadOnlyList<Agency> agencies,
        VictimValueSet victimValues,
        IReadOnlyList<BorderPoint>? borderPoints = null,
        IReadOnlyDictionary<string, WorkingCalendar>? calendars = null)
    {
        Calendars = calendars ?? new Dictionary<string, WorkingCalendar>();
        Countries = countries;
        Agencies = agencies;
        VictimValues = victimValues;
        BorderPoints = borderPoints ?? [];
        _agencies = agencies.ToDictionary(a => a.Code, StringComparer.Ordinal);
    }

    /// <summary>Configured countries.</summary>
    public IReadOnlyList<Country> Countries { get; }

    /// <summary>Configured agencies.</summary>
    public IReadOnlyList<Agency> Agencies { get; }

    /// <summary>Configured border points: the values a case's <c>borderPoint</c> may take.</summary>
    public IReadOnlyList<BorderPoint> BorderPoints { get; }

    /// <summary>Working-day calendars, by country code.</summary>
    public IReadOnlyDictionary<string, WorkingCalendar> Calendars { get; }

    /// <summary>Value lists of victim and perpetrator records.</summary>
    public VictimValueSet VictimValues { get; }

    /// <summary>The agency with <paramref name="code"/>, or null.</summary>
    public Agency? FindAgency(string? code) => code is not null && _agencies.TryGetValue(code, out var agency) ? agency : null;

    /// <summary>The border point with <paramref name="code"/>, or null.</summary>
    public BorderPoint? FindBorderPoint(string? code) => BorderPoints.FirstOrDefault(b => b.Code == code);

    /// <summary>True when <paramref name="code"/> is a configured country.</summary>
    public bool HasCountry(string? code) => Countries.Any(c => c.Code == code);

    /// <summary>
    /// The agency that receives rule-addressed work of <paramref name="kind"/> in
    /// <paramref name="country"/>: the only one, or the primary one; null when none.
    /// </summary>
    public Agency? AgencyFor(string kind, string country)
    {
        var candidates = Agencies.Where(a => a.Kind == kind && a.Country == country).ToList();
        return candidates.Count == 1 ? candidates[0] : candidates.Find(a => a.Primary) ?? candidates.FirstOrDefault();
    }

    /// <summary>
    /// The working-day calendar of <paramref name="country"/>; without one (a set built without
    /// calendars), weekends only in the country's time zone (UTC for an unknown country).
    /// </summary>
    public WorkingCalendar CalendarFor(string country) =>
        Calendars.TryGetValue(country, out var calendar) ? calendar
        : WorkingCalendar.WeekendsOnly(country, Countries.FirstOrDefault(c => c.Code == country)?.TimeZone is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc);
}
