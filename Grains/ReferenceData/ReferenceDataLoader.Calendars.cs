using System.Globalization;
using Enlace.Grains.Workflows.Definitions;

namespace Enlace.Grains.ReferenceData;

/// <summary>The working-day calendars: one file per country in <c>reference/calendars/</c>.</summary>
public static partial class ReferenceDataLoader
{
    /// <summary>Holiday kinds: a public holiday, or a non-working day the government declared.</summary>
    public static readonly IReadOnlyList<string> HolidayKinds = ["holiday", "non-working"];

    private static readonly IReadOnlyList<string> DayNames = [.. Enum.GetNames<DayOfWeek>().Select(d => d.ToLowerInvariant())];

    // Every *.yaml of the folder, each checked against the countries; a country without one is an error.
    private static Dictionary<string, WorkingCalendar> LoadCalendars(string folder, IReadOnlyList<Country> countries, List<DefinitionError> errors)
    {
        var calendars = new Dictionary<string, WorkingCalendar>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
        {
            errors.Add(new DefinitionError(folder, "", null, "the calendars folder does not exist: it needs one file per country, e.g. PE.yaml"));
            return calendars;
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var (value, file) = Read<CalendarFile>(path, errors);
            if (value is null)
            {
                // Unreadable: its country is unknown, so no "has no calendar" error follows for it.
                files[Path.GetFileNameWithoutExtension(path)] = path;
                continue;
            }

            var problems = ValidateCalendar(file, value, countries).ToList();
            if (files.TryGetValue(value.Country, out var twin))
            {
                problems.Add(file.Error("country", $"duplicate calendar of {value.Country}: {Path.GetFileName(twin)} is one already"));
            }
            else
            {
                files[value.Country] = path;
            }

            errors.AddRange(problems);
            if (problems.Count == 0)
            {
                var country = countries.First(c => c.Code == value.Country);
                calendars[country.Code] = new WorkingCalendar(
                    country.Code,
                    TimeZoneInfo.FindSystemTimeZoneById(country.TimeZone),
                    value.Weekend.Select(d => Enum.Parse<DayOfWeek>(d, ignoreCase: true)),
                    value.Years,
                    value.Holidays.Select(h => new CalendarHoliday(DateOnly.ParseExact(h.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), h.Name, h.Source, h.Kind)));
            }
        }

        foreach (var country in countries.Where(c => !files.ContainsKey(c.Code)))
        {
            errors.Add(new DefinitionError(Path.Combine(folder, $"{country.Code}.yaml"), "", null, $"{country.Code} has no working-day calendar: add calendars/{country.Code}.yaml (see docs/OPERATIONS.md)"));
        }

        return calendars;
    }

    private static IEnumerable<DefinitionError> ValidateCalendar(Source file, CalendarFile calendar, IReadOnlyList<Country> countries)
    {
        if (!countries.Any(c => c.Code == calendar.Country))
        {
            yield return file.Error("country", $"unknown country '{calendar.Country}'; use one of: {string.Join(", ", countries.Select(c => c.Code))}");
        }
        else if (Path.GetFileNameWithoutExtension(file.File) != calendar.Country)
        {
            yield return file.Error("country", $"the calendar of {calendar.Country} belongs in {calendar.Country}.yaml, not {Path.GetFileName(file.File)}");
        }

        for (var i = 0; i < calendar.Weekend.Count; i++)
        {
            var day = calendar.Weekend[i];
            if (!DayNames.Contains(day))
            {
                yield return file.Error($"weekend[{i}]", $"'{day}' is not a day of the week: write {string.Join(", ", DayNames)}");
            }
            else if (calendar.Weekend.Take(i).Contains(day))
            {
                yield return file.Error($"weekend[{i}]", $"'{day}' is listed twice");
            }
        }

        if (calendar.Weekend.Distinct().Count() >= 7)
        {
            yield return file.Error("weekend", "every day of the week is a weekend day: a calendar needs at least one working day");
        }

        if (calendar.Years.Count == 0)
        {
            yield return file.Error("years", "list the years whose holidays the file holds, e.g. years: [2025, 2026, 2027]");
        }

        for (var i = 0; i < calendar.Years.Count; i++)
        {
            var year = calendar.Years[i];
            if (year is < 2000 or > 2100)
            {
                yield return file.Error($"years[{i}]", $"{year} is not a year between 2000 and 2100");
            }
            else if (calendar.Years.Take(i).Contains(year))
            {
                yield return file.Error($"years[{i}]", $"the year {year} is listed twice");
            }
        }

        var seen = new Dictionary<DateOnly, int>();
        for (var i = 0; i < calendar.Holidays.Count; i++)
        {
            var holiday = calendar.Holidays[i];
            var path = $"holidays[{i}]";
            if (!DateOnly.TryParseExact(holiday.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                yield return file.Error($"{path}.date", $"'{holiday.Date}' is not a date: write YYYY-MM-DD, e.g. 2025-01-01");
            }
            else if (seen.TryGetValue(date, out var first))
            {
                yield return file.Error($"{path}.date", $"duplicate date {holiday.Date}: holidays[{first}] is that day already");
            }
            else if (!calendar.Years.Contains(date.Year))
            {
                seen[date] = i;
                yield return file.Error($"{path}.date", $"{holiday.Date} is in {date.Year}, not one of the file's years ({string.Join(", ", calendar.Years)}): add {date.Year} to 'years' with all its holidays");
            }
            else
            {
                seen[date] = i;
            }

            if (string.IsNullOrWhiteSpace(holiday.Name.Es) || string.IsNullOrWhiteSpace(holiday.Name.En))
            {
                yield return file.Error($"{path}.name", "a name in Spanish (es) and English (en) is required");
            }

            if (string.IsNullOrWhiteSpace(holiday.Source))
            {
                yield return file.Error($"{path}.source", "name the legal source of the day, e.g. D. Leg. N.º 713, art. 6");
            }

            if (!HolidayKinds.Contains(holiday.Kind))
            {
                yield return file.Error($"{path}.kind", $"kind '{holiday.Kind}' is not one of {string.Join(", ", HolidayKinds)}");
            }
        }
    }

    private sealed class CalendarFile
    {
        public string Country { get; set; } = "";

        public List<string> Weekend { get; set; } = [];

        public List<int> Years { get; set; } = [];

        public List<HolidayEntry> Holidays { get; set; } = [];
    }

    private sealed class HolidayEntry
    {
        // Read as text so that a bad date is an error naming its line, not a parser failure.
        public string Date { get; set; } = "";

        public LocalizedText Name { get; set; } = new();

        public string Source { get; set; } = "";

        public string Kind { get; set; } = "holiday";
    }
}
