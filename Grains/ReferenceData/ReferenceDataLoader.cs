using Enlace.Grains.Workflows.Definitions;

namespace Enlace.Grains.ReferenceData;

/// <summary>Reads and checks the countries, agencies and victim value files.</summary>
public static class ReferenceDataLoader
{
    /// <summary>Loads the three files.</summary>
    /// <exception cref="InvalidDefinitionException">A file is missing or invalid; lists every problem.</exception>
    public static ReferenceDataSet Load(string countriesFile, string agenciesFile, string victimValuesFile)
    {
        var errors = new List<DefinitionError>();
        var countries = Read<CountriesFile>(countriesFile, errors)?.Countries ?? [];
        var agencies = Read<AgenciesFile>(agenciesFile, errors)?.Agencies ?? [];
        var values = Read<VictimValuesFile>(victimValuesFile, errors) ?? new VictimValuesFile();
        if (errors.Count == 0)
        {
            errors.AddRange(Validate(countriesFile, agenciesFile, countries, agencies));
            errors.AddRange(Validate(victimValuesFile, values));
        }

        return errors.Count > 0
            ? throw new InvalidDefinitionException(errors)
            : new ReferenceDataSet(countries, agencies, new VictimValueSet(values.Standard, values.Version, values.Fields.ToDictionary(f => f.Key, f => f.Value.Values), values.Legacy));
    }

    private static IEnumerable<DefinitionError> Validate(string file, VictimValuesFile values)
    {
        foreach (var field in VictimValueSet.RequiredFields.Where(f => !values.Fields.ContainsKey(f)))
        {
            yield return new DefinitionError(file, $"fields.{field}", null, $"the field '{field}' is missing");
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
                    yield return new DefinitionError(file, path, null, $"code '{value.Code}' is empty or duplicate");
                }

                if (string.IsNullOrWhiteSpace(value.Title.Es) || string.IsNullOrWhiteSpace(value.Title.En))
                {
                    yield return new DefinitionError(file, $"{path}.title", null, "a title in Spanish (es) and English (en) is required");
                }

                if (field == "ageGroup" && (value.Minor is null || string.IsNullOrWhiteSpace(value.Broad)))
                {
                    yield return new DefinitionError(file, path, null, "an age group needs 'minor' and 'broad'");
                }
            }
        }

        foreach (var (field, map) in values.Legacy)
        {
            foreach (var (old, current) in map)
            {
                if (!values.Fields.TryGetValue(field, out var entry) || !entry.Values.Exists(v => v.Code == current))
                {
                    yield return new DefinitionError(file, $"legacy.{field}.{old}", null, $"'{current}' is not a value of {field}");
                }
            }
        }
    }

    /// <summary>Problems of a set of countries and agencies (unique codes, known countries and kinds).</summary>
    public static IEnumerable<DefinitionError> Validate(string countriesFile, string agenciesFile, IReadOnlyList<Country> countries, IReadOnlyList<Agency> agencies)
    {
        for (var i = 0; i < countries.Count; i++)
        {
            var country = countries[i];
            if (country.Code.Length != 2 || !country.Code.All(char.IsAsciiLetterUpper))
            {
                yield return new DefinitionError(countriesFile, $"countries[{i}].code", null, $"'{country.Code}' is not an ISO 3166 alpha-2 code");
            }

            if (countries.Take(i).Any(c => c.Code == country.Code))
            {
                yield return new DefinitionError(countriesFile, $"countries[{i}].code", null, $"duplicate country '{country.Code}'");
            }
        }

        for (var i = 0; i < agencies.Count; i++)
        {
            var agency = agencies[i];
            if (string.IsNullOrWhiteSpace(agency.Code) || agencies.Take(i).Any(a => a.Code == agency.Code))
            {
                yield return new DefinitionError(agenciesFile, $"agencies[{i}].code", null, $"agency code '{agency.Code}' is empty or duplicate");
            }

            if (agency.Code.All(char.IsAsciiDigit))
            {
                yield return new DefinitionError(agenciesFile, $"agencies[{i}].code", null, "an agency code must contain a non-digit");
            }

            if (!countries.Any(c => c.Code == agency.Country))
            {
                yield return new DefinitionError(agenciesFile, $"agencies[{i}].country", null, $"unknown country '{agency.Country}'");
            }

            if (!Agency.Kinds.Contains(agency.Kind))
            {
                yield return new DefinitionError(agenciesFile, $"agencies[{i}].kind", null, $"kind '{agency.Kind}' is not one of {string.Join(", ", Agency.Kinds)}");
            }
        }
    }

    private static T? Read<T>(string file, List<DefinitionError> errors)
        where T : class
    {
        if (!File.Exists(file))
        {
            errors.Add(new DefinitionError(file, "", null, "the file does not exist"));
            return null;
        }

        var (value, _, error) = YamlDocuments.Parse<T>(file, File.ReadAllText(file));
        if (error is not null)
        {
            errors.Add(error);
        }

        return value;
    }

    private sealed class CountriesFile
    {
        public List<Country> Countries { get; set; } = [];
    }

    private sealed class AgenciesFile
    {
        public List<Agency> Agencies { get; set; } = [];
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
