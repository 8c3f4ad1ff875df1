using System.Text.RegularExpressions;
using Enlace.Grains.Workflows.Definitions;

namespace Enlace.Grains.ReferenceData;

/// <summary>Reads and checks the countries, agencies, border points and victim value files.</summary>
public static partial class ReferenceDataLoader
{
    /// <summary>
    /// Loads <c>countries.yaml</c>, <c>agencies.yaml</c>, <c>border-points.yaml</c>, <c>victim-values.yaml</c>
    /// and the working-day calendars in <c>calendars/</c> of <paramref name="directory"/>.
    /// </summary>
    /// <exception cref="InvalidDefinitionException">A file is missing or invalid; lists every problem.</exception>
    public static ReferenceDataSet LoadDirectory(string directory) => Load(
        Path.Combine(directory, "countries.yaml"),
        Path.Combine(directory, "agencies.yaml"),
        Path.Combine(directory, "victim-values.yaml"),
        Path.Combine(directory, "border-points.yaml"),
        Path.Combine(directory, "calendars"));

    /// <summary>Loads the four files and, given its folder, one calendar per country (without: weekends only).</summary>
    /// <exception cref="InvalidDefinitionException">A file is missing or invalid; lists every problem.</exception>
    public static ReferenceDataSet Load(string countriesFile, string agenciesFile, string victimValuesFile, string borderPointsFile, string? calendarsFolder = null)
    {
        var errors = new List<DefinitionError>();
        var countries = Read<CountriesFile>(countriesFile, errors);
        var agencies = Read<AgenciesFile>(agenciesFile, errors);
        var values = Read<VictimValuesFile>(victimValuesFile, errors);
        var borderPoints = Read<BorderPointsFile>(borderPointsFile, errors);
        // A key present with no value (e.g. "borderPoints:") reads as null.
        var countryList = countries.Value?.Countries ?? [];
        var agencyList = agencies.Value?.Agencies ?? [];
        var borderPointList = borderPoints.Value?.BorderPoints ?? [];
        var victimValues = values.Value ?? new VictimValuesFile();
        if (errors.Count == 0)
        {
            errors.AddRange(ValidateCountries(countries.Source, countryList));
            errors.AddRange(ValidateAgencies(agencies.Source, agencyList, countryList));
            errors.AddRange(ValidateBorderPoints(borderPoints.Source, borderPointList, countryList));
            errors.AddRange(Validate(values.Source, victimValues));
        }

        var calendars = errors.Count == 0 && calendarsFolder is not null ? LoadCalendars(calendarsFolder, countryList, errors) : [];

        return errors.Count > 0
            ? throw new InvalidDefinitionException(errors)
            : new ReferenceDataSet(
                countryList,
                agencyList,
                new VictimValueSet(victimValues.Standard, victimValues.Version, victimValues.Fields.ToDictionary(f => f.Key, f => f.Value.Values), victimValues.Legacy),
                borderPointList,
                calendars);
    }

    private static IEnumerable<DefinitionError> Validate(Source file, VictimValuesFile values)
    {
        foreach (var field in VictimValueSet.RequiredFields.Where(f => !values.Fields.ContainsKey(f)))
        {
            yield return file.Error($"fields.{field}", $"the field '{field}' is missing");
        }

        foreach (var (field, entry) in values.Fields)
        {
            var list = entry.Values;
            for (var i = 0; i < list.Count; i++)
            {
                var value = list[i];
                var path = $"fields.{field}.values[{i}]";
                if (string.IsNullOrWhiteSpace(value.Code) || list.Take(i).Any(v => v.Code == value.Code))
                {
                    yield return file.Error($"{path}.code", $"code '{value.Code}' is empty or duplicate");
                }

                if (string.IsNullOrWhiteSpace(value.Title.Es) || string.IsNullOrWhiteSpace(value.Title.En))
                {
                    yield return file.Error($"{path}.title", "a title in Spanish (es) and English (en) is required");
                }

                if (field == "ageGroup" && (value.Minor is null || string.IsNullOrWhiteSpace(value.Broad)))
                {
                    yield return file.Error(path, "an age group needs 'minor' and 'broad'");
                }
            }
        }

        foreach (var (field, map) in values.Legacy)
        {
            foreach (var (old, current) in map)
            {
                if (!values.Fields.TryGetValue(field, out var entry) || !entry.Values.Exists(v => v.Code == current))
                {
                    yield return file.Error($"legacy.{field}.{old}", $"'{current}' is not a value of {field}");
                }
            }
        }
    }

    private static IEnumerable<DefinitionError> ValidateNotifications(Source file, string path, AgencyNotifications? notifications)
    {
        if (notifications is null)
        {
            yield break;
        }

        if (!System.Net.Mail.MailAddress.TryCreate(notifications.Email, out var address) || address.Address != notifications.Email.Trim() || address.DisplayName.Length > 0)
        {
            yield return file.Error($"{path}.email", $"'{notifications.Email}' is not an e-mail address (write it bare, e.g. alertas@institucion.gob.pe)");
        }

        if (notifications.Language is not ("es" or "en"))
        {
            yield return file.Error($"{path}.language", $"language '{notifications.Language}' is not es or en");
        }

        var kinds = notifications.Kinds ?? [];
        for (var k = 0; k < kinds.Count; k++)
        {
            if (!Interfaces.Notifications.NotificationKinds.All.Contains(kinds[k]))
            {
                yield return file.Error($"{path}.kinds[{k}]", $"kind '{kinds[k]}' is not one of {string.Join(", ", Interfaces.Notifications.NotificationKinds.All)}");
            }
        }
    }

    private static IEnumerable<DefinitionError> ValidateCountries(Source file, IReadOnlyList<Country> countries)
    {
        for (var i = 0; i < countries.Count; i++)
        {
            var country = countries[i];
            var path = $"countries[{i}]";
            if (country.Code.Length != 2 || !country.Code.All(char.IsAsciiLetterUpper))
            {
                yield return file.Error($"{path}.code", $"'{country.Code}' is not an ISO 3166 alpha-2 code");
            }

            if (countries.Take(i).Any(c => c.Code == country.Code))
            {
                yield return file.Error($"{path}.code", $"duplicate country '{country.Code}'");
            }

            if (string.IsNullOrWhiteSpace(country.Name.Es) || string.IsNullOrWhiteSpace(country.Name.En))
            {
                yield return file.Error($"{path}.name", "a name in Spanish (es) and English (en) is required");
            }

            if (!IsIanaTimeZone(country.TimeZone))
            {
                yield return file.Error($"{path}.timeZone", $"'{country.TimeZone}' is not an IANA time zone (e.g. America/Lima, America/La_Paz)");
            }

            if (!LocalePattern().IsMatch(country.Locale) || !country.Locale.EndsWith($"-{country.Code}", StringComparison.Ordinal))
            {
                yield return file.Error($"{path}.locale", $"'{country.Locale}' is not a locale of {country.Code}: write language-{country.Code}, e.g. es-{country.Code}");
            }
        }
    }

    private static IEnumerable<DefinitionError> ValidateAgencies(Source file, IReadOnlyList<Agency> agencies, IReadOnlyList<Country> countries)
    {
        for (var i = 0; i < agencies.Count; i++)
        {
            var agency = agencies[i];
            var path = $"agencies[{i}]";
            if (string.IsNullOrWhiteSpace(agency.Code) || agencies.Take(i).Any(a => a.Code == agency.Code))
            {
                yield return file.Error($"{path}.code", $"agency code '{agency.Code}' is empty or duplicate");
            }

            if (agency.Code.All(char.IsAsciiDigit))
            {
                yield return file.Error($"{path}.code", "an agency code must contain a non-digit");
            }

            if (string.IsNullOrWhiteSpace(agency.Name))
            {
                yield return file.Error($"{path}.name", "a name is required");
            }

            if (!countries.Any(c => c.Code == agency.Country))
            {
                yield return file.Error($"{path}.country", $"unknown country '{agency.Country}'; use one of: {string.Join(", ", countries.Select(c => c.Code))}");
            }

            if (!Agency.Kinds.Contains(agency.Kind))
            {
                yield return file.Error($"{path}.kind", $"kind '{agency.Kind}' is not one of {string.Join(", ", Agency.Kinds)}");
            }

            foreach (var error in ValidateNotifications(file, $"{path}.notifications", agency.Notifications))
            {
                yield return error;
            }
        }

        // Rule-addressed work goes to the only agency of a kind in a country, or to its primary one.
        foreach (var group in agencies.Select((a, i) => (Agency: a, Index: i)).GroupBy(a => (a.Agency.Country, a.Agency.Kind)).Where(g => g.Count() > 1))
        {
            var primaries = group.Where(a => a.Agency.Primary).ToList();
            if (primaries.Count != 1)
            {
                var at = primaries.Count > 1 ? $"agencies[{primaries[1].Index}].primary" : $"agencies[{group.First().Index}].kind";
                yield return file.Error(at, $"{group.Key.Country} has {group.Count()} agencies of kind '{group.Key.Kind}' ({string.Join(", ", group.Select(a => a.Agency.Code))}) and {primaries.Count} marked primary: mark exactly one 'primary: true'");
            }
        }
    }

    private static IEnumerable<DefinitionError> ValidateBorderPoints(Source file, IReadOnlyList<BorderPoint> borderPoints, IReadOnlyList<Country> countries)
    {
        for (var i = 0; i < borderPoints.Count; i++)
        {
            var point = borderPoints[i];
            var path = $"borderPoints[{i}]";
            if (!CodePattern().IsMatch(point.Code))
            {
                yield return file.Error($"{path}.code", $"'{point.Code}' is not a border point code: lower-case letters, digits and dashes, e.g. yunguyo-kasani");
            }
            else if (borderPoints.Take(i).Any(b => b.Code == point.Code))
            {
                yield return file.Error($"{path}.code", $"duplicate border point code '{point.Code}'");
            }

            if (string.IsNullOrWhiteSpace(point.Name.Es) || string.IsNullOrWhiteSpace(point.Name.En))
            {
                yield return file.Error($"{path}.name", "a name in Spanish (es) and English (en) is required");
            }

            if (point.Countries.Count == 0)
            {
                yield return file.Error($"{path}.countries", "a border point needs the countries it joins");
            }

            for (var c = 0; c < point.Countries.Count; c++)
            {
                if (!countries.Any(k => k.Code == point.Countries[c]))
                {
                    yield return file.Error($"{path}.countries[{c}]", $"unknown country '{point.Countries[c]}'; use one of: {string.Join(", ", countries.Select(k => k.Code))}");
                }
                else if (point.Countries.Take(c).Contains(point.Countries[c]))
                {
                    yield return file.Error($"{path}.countries[{c}]", $"country '{point.Countries[c]}' is listed twice");
                }
            }
        }
    }

    // Found by the system's time zone data, and named by its IANA id (not a Windows id).
    private static bool IsIanaTimeZone(string id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;

    private static (T? Value, Source Source) Read<T>(string file, List<DefinitionError> errors)
        where T : class
    {
        if (!File.Exists(file))
        {
            errors.Add(new DefinitionError(file, "", null, "the file does not exist"));
            return (null, new Source(file, new Dictionary<string, int>()));
        }

        var (value, lines, error) = YamlDocuments.Parse<T>(file, File.ReadAllText(file));
        if (error is not null)
        {
            errors.Add(error);
        }

        return (value, new Source(file, lines));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[a-z]{2,3}-[A-Z]{2}$")]
    private static partial Regex LocalePattern();

    // A file and the line of each of its nodes: an error names the line of its path, or of the nearest enclosing node.
    private sealed record Source(string File, IReadOnlyDictionary<string, int> Lines)
    {
        public DefinitionError Error(string path, string message)
        {
            var at = path;
            while (at.Length > 0 && !Lines.ContainsKey(at))
            {
                var cut = Math.Max(at.LastIndexOf('.'), at.LastIndexOf('['));
                at = cut > 0 ? at[..cut] : "";
            }

            return new DefinitionError(File, path, Lines.TryGetValue(at, out var line) ? line : null, message);
        }
    }

    private sealed class CountriesFile
    {
        public List<Country> Countries { get; set; } = [];
    }

    private sealed class AgenciesFile
    {
        public List<Agency> Agencies { get; set; } = [];
    }

    private sealed class BorderPointsFile
    {
        public List<BorderPoint> BorderPoints { get; set; } = [];
    }

    private sealed class VictimValuesFile
    {
        public string Standard { get; set; } = "";

        public string Version { get; set; } = "";

        public Dictionary<string, FieldValues> Fields { get; set; } = [];

        public Dictionary<string, Dictionary<string, string>> Legacy { get; set; } = [];
    }

    private sealed class FieldValues
    {
        public List<VictimValue> Values { get; set; } = [];
    }
}
