namespace Enlace.Grains.ReferenceData;

/// <summary>A due instant computed in a calendar, and the years it ran into that the calendar holds no holidays for.</summary>
public sealed record CalendarDue(DateTimeOffset At, IReadOnlyList<int> YearsWithoutData);
