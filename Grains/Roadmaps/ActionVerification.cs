using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.ReferenceData;

namespace Enlace.Grains.Roadmaps;

/// <summary>
/// Who verifies an action (pure rules). An action is verified by the secretariat of every
/// country its responsible agencies belong to: a binational activity needs a coordinator of
/// each country, a single-country one a coordinator of that country. A verification counts
/// for the country of the coordinator's agency. The trigger that names the
/// <see cref="Field"/> guard in the definition is the verification trigger: fired by the
/// first country, it records that country's verification (audited) and leaves the state;
/// fired by the last one, it moves the action.
/// </summary>
public static class ActionVerification
{
    /// <summary>The <c>fieldsPresent</c> guard that holds once every country has verified.</summary>
    public const string Field = "verificationByEachCountry";

    /// <summary>The countries whose secretariats must verify: those of the responsible agencies.</summary>
    public static IReadOnlyList<string> RequiredCountries(RoadmapActionState action, ReferenceDataSet reference) =>
        [.. action.ResponsibleAgencies.Select(code => reference.FindAgency(code)?.Country ?? code[..Math.Min(2, code.Length)])
            .Where(action.Countries.Contains).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The countries still to verify.</summary>
    public static IReadOnlyList<string> Awaited(RoadmapActionState action, IReadOnlyList<string> required) =>
        [.. required.Where(c => action.Verifications.All(v => v.Country != c))];

    /// <summary>
    /// The country <paramref name="caller"/> would verify for: their agency's country when it
    /// is one of <paramref name="required"/> and one they cover; null otherwise.
    /// </summary>
    public static string? CountryOf(Caller caller, ReferenceDataSet reference, IReadOnlyList<string> required)
    {
        var country = reference.FindAgency(caller.Agency)?.Country;
        if (country is null && !caller.Countries.IsDefault)
        {
            var covered = caller.Countries.Where(required.Contains).ToList();
            country = covered.Count == 1 ? covered[0] : null;
        }

        return country is not null && required.Contains(country) && caller.CoversCountry(country) ? country : null;
    }

    /// <summary>Why <paramref name="country"/> (the caller's, or null) cannot record a verification now; null when it can.</summary>
    public static Workflows.Engine.Localized? Refusal(string? country, IReadOnlyList<string> required, IReadOnlyList<string> awaited) =>
        country is null
            ? new($"esta actividad la verifican las secretarías técnicas de {string.Join(" y ", required)}; su institución no es una de ellas",
                $"this action is verified by the technical secretariats of {string.Join(" and ", required)}; your agency is not one of them")
            : !awaited.Contains(country)
                ? new($"{country} ya verificó; falta la verificación de {string.Join(" y ", awaited)}",
                    $"{country} has already verified; awaiting the verification of {string.Join(" and ", awaited)}")
                : null;
}
