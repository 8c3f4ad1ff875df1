using Enlace.Grains.Cases;
using Enlace.Grains.ReferenceData;

namespace Enlace.Grains.Victims;

/// <summary>
/// What the statistics projection holds of a case's victims, and which of them count. Pure:
/// the case projection and the benchmark's generator both write these facts.
/// </summary>
public static class VictimFacts
{
    /// <summary>
    /// True when <paramref name="victim"/> counts in statistics: it has given
    /// <c>statistics</c> consent, or no identity is recorded for it (an erased identity is
    /// none, so nothing in the count can be tied to a person) and it has not refused: an
    /// explicit refusal is honoured whatever else holds.
    /// </summary>
    public static bool Counts(CaseState state, VictimRecord victim) =>
        victim.Consent(IdentityRules.Statistics) is { } decision ? decision.Given : !state.SealedIdentities.ContainsKey(victim.Code);

    /// <summary>The fact of <paramref name="victim"/>, a victim of the case <paramref name="state"/>.</summary>
    public static VictimFact Of(CaseState state, VictimRecord victim, VictimValueSet values) => new(
        victim.StatisticsId,
        state.LeadCountry,
        state.OpenedAt.UtcDateTime.Year,
        victim.Sex,
        values.AgeBroad(victim.AgeGroup),
        victim.Citizenship,
        victim.Exploitation,
        victim.CountryOfExploitation,
        victim.IdentificationStatus,
        Counts(state, victim));

    /// <summary>True when <paramref name="victim"/> has a statistics id (every victim has one once its case is upgraded).</summary>
    public static bool HasFact(VictimRecord victim) => victim.StatisticsId != Guid.Empty;
}
