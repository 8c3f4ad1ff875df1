using Enlace.Grains.ReferenceData;

namespace Enlace.Grains.Victims;

/// <summary>
/// Named facts about one victim that definitions refer to: in <c>when:</c> (which victims a
/// task exists for) and in <c>victimIs</c> guards. Names are data the validator checks.
/// </summary>
public static class VictimConditions
{
    /// <summary>Every condition with what it means, for the validator's messages and the docs.</summary>
    public static readonly IReadOnlyDictionary<string, string> Meanings = new Dictionary<string, string>
    {
        ["minor"] = "the person is under 18 (by age group)",
        ["adult"] = "the person is 18 or over, or the age group is unknown",
        ["sexual-exploitation"] = "sexual exploitation is among the forms of exploitation",
        ["unaccompanied"] = "a child without a parent or guardian",
        ["asylum-seeker"] = "the person asks for international protection",
        ["not-asylum-seeker"] = "the person does not ask for international protection",
        ["foreign"] = "the person's citizenship is not the country where the person is",
    };

    /// <summary>True when <paramref name="condition"/> holds for <paramref name="victim"/> of a case led by <paramref name="leadCountry"/>.</summary>
    public static bool Holds(string condition, VictimRecord victim, VictimValueSet values, string leadCountry) => condition switch
    {
        "minor" => values.IsMinor(victim.AgeGroup),
        "adult" => !values.IsMinor(victim.AgeGroup),
        "sexual-exploitation" => victim.Exploitation.Contains("sexual-exploitation"),
        "unaccompanied" => values.IsMinor(victim.AgeGroup) && victim.Unaccompanied == true,
        "asylum-seeker" => victim.SeeksInternationalProtection == true,
        "not-asylum-seeker" => victim.SeeksInternationalProtection != true,
        "foreign" => victim.Citizenship != StayCountry(victim, leadCountry),
        _ => false,
    };

    /// <summary>The country where the person is: the recorded one, else the case's lead country.</summary>
    public static string StayCountry(VictimRecord victim, string leadCountry) =>
        string.IsNullOrEmpty(victim.CountryOfStay) ? leadCountry : victim.CountryOfStay;
}
