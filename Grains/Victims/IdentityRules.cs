using Enlace.Grains.Cases;

namespace Enlace.Grains.Victims;

/// <summary>
/// Who may read an identity, and when. Pure: the grain asks, then records the read and
/// answers. Conditions, in the order a refusal names them: the caller is entitled
/// (a coordinator of the case's countries, or an agent of an entitled agency kind whose agency
/// takes part in the case: an open task, or the grace period after its last one closed —
/// <see cref="Participation"/>); for a victim, <c>data-processing</c> consent is given and, for a reader
/// outside the lead country, <c>cross-border-transfer</c> consent too. A coordinator may
/// pass a missing consent with <c>override</c> and a reason; the read is then marked so.
/// </summary>
public static class IdentityRules
{
    /// <summary>The consent every identity read needs.</summary>
    public const string DataProcessing = "data-processing";

    /// <summary>The consent a read from outside the lead country needs.</summary>
    public const string CrossBorderTransfer = "cross-border-transfer";

    /// <summary>The consent a victim's record needs to count in statistics (when it has an identity).</summary>
    public const string Statistics = "statistics";

    /// <summary>Decides a read of the identity of <paramref name="victim"/> (null for a perpetrator).</summary>
    public static IdentityDecision Decide(CaseAccess access, VictimRecord? victim, bool overrideConsent)
    {
        if (!access.SeesIdentity)
        {
            var why = access.IsCoordinator || access.TakesPart
                ? access.EntitledKind
                    ? access.EndedPart ?? "your agency has no open task in this case; identities are shown only while it has one"
                    : $"agencies of kind '{access.AgencyKind}' are not entitled to identities"
                : "only coordinators of the case's countries and agents of entitled agencies with an open task read identities";
            return IdentityDecision.Refuse($"You may not read this identity: {why}.");
        }

        if (victim is null)
        {
            return IdentityDecision.Allow(overridden: false);
        }

        var missing = new List<string>(2);
        if (!victim.HasConsent(DataProcessing))
        {
            missing.Add(DataProcessing);
        }

        if (!access.Domestic && !victim.HasConsent(CrossBorderTransfer))
        {
            missing.Add(CrossBorderTransfer);
        }

        if (missing.Count == 0)
        {
            return IdentityDecision.Allow(overridden: false);
        }

        if (overrideConsent && access.IsCoordinator)
        {
            return IdentityDecision.Allow(overridden: true);
        }

        var consents = string.Join(" and ", missing.Select(m => $"'{m}'"));
        return IdentityDecision.Refuse(access.IsCoordinator
            ? $"{victim.Code} has not given {consents} consent: a coordinator may read it only with override=true and a reason."
            : $"{victim.Code} has not given {consents} consent.");
    }

    /// <summary>True when the task's agency works outside the lead country and a victim with an identity has not consented to its transfer.</summary>
    public static bool WithheldAcrossBorder(CaseState state, string agencyCountry) =>
        agencyCountry != state.LeadCountry
        && state.Victims.Exists(v => state.SealedIdentities.ContainsKey(v.Code) && !v.HasConsent(CrossBorderTransfer));
}

/// <summary>The answer of <see cref="IdentityRules.Decide"/>.</summary>
public sealed record IdentityDecision(bool Allowed, bool Overridden, string? Refusal)
{
    /// <summary>The read may go ahead.</summary>
    public static IdentityDecision Allow(bool overridden) => new(true, overridden, null);

    /// <summary>The read is refused for <paramref name="why"/>.</summary>
    public static IdentityDecision Refuse(string why) => new(false, false, why);
}
