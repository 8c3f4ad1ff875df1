using Enlace.Grains.Workflows.Definitions;

namespace Enlace.Grains.ReferenceData;

/// <summary>Reads and checks the countries and agencies files.</summary>
public static class ReferenceDataLoader
{
    /// <summary>Loads both files.</summary>
    /// <exception cref="InvalidDefinitionException">A file is missing or invalid; lists every problem.</exception>
    public static ReferenceDataSet Load(string countriesFile, string agenciesFile)
    {
        var errors = new List<DefinitionError>();
        var countries = Read<CountriesFile>(countriesFile, errors)?.Countries ?? [];
        var agencies = Read<AgenciesFile>(agenciesFile, errors)?.Agencies ?? [];
        if (errors.Count == 0)
        {
            errors.AddRange(Validate(countriesFile, agenciesFile, countries, agencies));
        }

        return errors.Count > 0 ? throw new InvalidDefinitionException(errors) : new ReferenceDataSet(countries, agencies);
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
}
