using System.Collections.Immutable;
using System.Globalization;
using Enlace.Grains.Cases;
using Enlace.Grains.Interfaces.Victims;
using Enlace.Grains.ReferenceData;

namespace Enlace.Grains.Victims;

/// <summary>Checks victim, perpetrator, identity and consent input against the HTCDS value lists; problems go to a <see cref="CaseInput"/>.</summary>
public static class VictimInput
{
    /// <summary>Most victims (and, apart, perpetrators) one case records.</summary>
    public const int MaxPerCase = 200;

    /// <summary>Checks a victim record.</summary>
    public static void CheckVictim(CaseInput input, string path, VictimFields? victim, VictimValueSet values)
    {
        if (victim is null)
        {
            input.Add(path, "a victim record is required");
            return;
        }

        OneOf(input, Join(path, "identificationStatus"), victim.IdentificationStatus, values, "identificationStatus", required: true);
        OneOf(input, Join(path, "ageGroup"), victim.AgeGroup, values, "ageGroup", required: true);
        OneOf(input, Join(path, "sex"), victim.Sex, values, "sex", required: true);
        Country(input, Join(path, "citizenship"), victim.Citizenship, required: true);
        Country(input, Join(path, "countryOfExploitation"), victim.CountryOfExploitation, required: false);
        AllOf(input, Join(path, "exploitation"), victim.Exploitation, values, "exploitation");
        OneOf(input, Join(path, "labourSector"), victim.LabourSector, values, "labourSector", required: false);
        OneOf(input, Join(path, "sexualExploitationType"), victim.SexualExploitationType, values, "sexualExploitationType", required: false);
        AllOf(input, Join(path, "meansOfControl"), victim.MeansOfControl, values, "meansOfControl");
        OneOf(input, Join(path, "recruitment.method"), victim.RecruitmentMethod, values, "recruitmentMethod", required: false);
        Country(input, Join(path, "recruitment.country"), victim.RecruitmentCountry, required: false);
        OneOf(input, Join(path, "relationshipToTrafficker"), victim.RelationshipToTrafficker, values, "relationshipToTrafficker", required: false);
        AllOf(input, Join(path, "languages"), victim.Languages, values, "language");
        if (victim.Identity is { } identity)
        {
            CheckIdentity(input, Join(path, "identity"), identity);
        }
    }

    /// <summary>Checks a perpetrator record.</summary>
    public static void CheckPerpetrator(CaseInput input, string path, PerpetratorFields? perpetrator, VictimValueSet values)
    {
        if (perpetrator is null)
        {
            input.Add(path, "a perpetrator record is required");
            return;
        }

        OneOf(input, Join(path, "role"), perpetrator.Role, values, "perpetratorRole", required: true);
        OneOf(input, Join(path, "sex"), perpetrator.Sex, values, "sex", required: false);
        Country(input, Join(path, "citizenship"), perpetrator.Citizenship, required: false);
        OneOf(input, Join(path, "ageGroup"), perpetrator.AgeGroup, values, "ageGroup", required: false);
        OneOf(input, Join(path, "proceduralStatus"), perpetrator.ProceduralStatus, values, "proceduralStatus", required: false);
        if (perpetrator.Identity is { } identity)
        {
            CheckIdentity(input, Join(path, "identity"), identity);
        }
    }

    /// <summary>Checks an identity: a name, an optional document number and an optional birth date (yyyy-MM-dd, not in the future).</summary>
    public static void CheckIdentity(CaseInput input, string path, PersonIdentity identity)
    {
        input.Line(Join(path, "fullName"), identity.FullName, CaseInput.TitleMax, required: true);
        input.Line(Join(path, "documentNumber"), identity.DocumentNumber, 50, required: false);
        if (identity.BirthDate is { } birthDate
            && (!DateOnly.TryParseExact(birthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || date.Year < 1900 || date > DateOnly.FromDateTime(DateTime.UtcNow)))
        {
            input.Add(Join(path, "birthDate"), "a date such as 2009-04-30, not in the future, is expected");
        }
    }

    /// <summary>Checks a consent decision; a child's decision names the legal representative who gave it.</summary>
    public static void CheckConsent(CaseInput input, RecordConsentCommand command, bool isMinor, VictimValueSet values)
    {
        OneOf(input, "purpose", command.Purpose, values, "consentPurpose", required: true);
        input.Line("recordedBy", command.RecordedBy, CaseInput.TitleMax, required: false);
        input.Line("legalRepresentative", command.LegalRepresentative, CaseInput.TitleMax, required: isMinor);
        if (isMinor && string.IsNullOrWhiteSpace(command.LegalRepresentative))
        {
            input.Add("legalRepresentative", "the victim is a child: name the legal representative (role or institution) whose decision this is");
        }

        input.Note("note", command.Note, required: false);
    }

    private static string Join(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";

    private static void OneOf(CaseInput input, string field, string? value, VictimValueSet values, string list, bool required)
    {
        if (value is null && !required)
        {
            return;
        }

        if (!values.Has(list, value))
        {
            input.Add(field, $"'{value}' is not one of {string.Join(", ", values.Codes(list))}");
        }
    }

    private static void AllOf(CaseInput input, string field, ImmutableArray<string> given, VictimValueSet values, string list)
    {
        if (given.IsDefault)
        {
            return;
        }

        var allowed = values.Codes(list);
        if (given.Length > allowed.Count)
        {
            input.Add(field, $"at most {allowed.Count} values");
            return;
        }

        foreach (var value in given.Where(v => !values.Has(list, v)).Distinct())
        {
            input.Add(field, $"'{value}' is not one of {string.Join(", ", allowed)}");
        }
    }

    private static void Country(CaseInput input, string field, string? value, bool required)
    {
        if (value is null && !required)
        {
            return;
        }

        if (value is not { Length: 2 } || !value.All(char.IsAsciiLetterUpper))
        {
            input.Add(field, "an ISO 3166 alpha-2 country code such as PE or BO is required");
        }
    }
}
