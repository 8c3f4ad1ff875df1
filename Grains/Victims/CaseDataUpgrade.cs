using Enlace.Grains.Cases;
using Enlace.Grains.Interfaces.Victims;
using Enlace.Grains.ReferenceData;

namespace Enlace.Grains.Victims;

/// <summary>
/// Brings a stored case written by an earlier Enlace up to the current shape, in place
/// (an upgrade, never a reset). Step 1: victim codes of the value lists before HTCDS 2.0
/// are mapped through <c>legacy</c> in <c>victim-values.yaml</c>; the single consent flag
/// becomes a <c>data-processing</c> decision dated at the opening; identities kept in
/// clear are sealed and the clear copies dropped; victims get a statistics id.
/// Pure apart from the randomness of keys.
/// </summary>
public static class CaseDataUpgrade
{
    /// <summary>The data version this code writes.</summary>
    public const int Current = 1;

    /// <summary>True when <paramref name="state"/> needs <see cref="Apply"/>.</summary>
    public static bool Needed(CaseState state) => state.IsOpen && state.DataVersion < Current;

    /// <summary>Upgrades <paramref name="state"/> of case <paramref name="caseId"/>; returns what it did, for the audit note.</summary>
    public static string Apply(CaseState state, string caseId, VictimValueSet values, IdentityVault vault)
    {
        var consents = 0;
        foreach (var victim in state.Victims)
        {
            victim.AgeGroup = values.Upgrade("ageGroup", victim.AgeGroup);
            victim.Sex = values.Upgrade("sex", victim.Sex);
            victim.Exploitation = [.. victim.Exploitation.Select(e => values.Upgrade("exploitation", e)).Distinct()];
            victim.MeansOfControl = [.. victim.MeansOfControl.Select(m => values.Upgrade("meansOfControl", m)).Distinct()];
            victim.IdentificationStatus = string.IsNullOrEmpty(victim.IdentificationStatus) ? "presumed" : victim.IdentificationStatus;
            if (victim.LegacyConsentToDataProcessing && victim.Consent(IdentityRules.DataProcessing) is null)
            {
                victim.Consents.Add(new ConsentRecord { Purpose = IdentityRules.DataProcessing, Given = true, RecordedAt = state.OpenedAt, RecordedBy = Interfaces.Security.Caller.System.UserId });
                consents++;
            }

            victim.LegacyConsentToDataProcessing = false;
            victim.Version = Math.Max(victim.Version, 1);
            victim.CreatedAt = victim.CreatedAt == default ? state.OpenedAt : victim.CreatedAt;
            victim.UpdatedAt = victim.UpdatedAt == default ? state.OpenedAt : victim.UpdatedAt;
            victim.StatisticsId = victim.StatisticsId == Guid.Empty ? Guid.NewGuid() : victim.StatisticsId;
        }

        state.LastVictimNumber = Math.Max(state.LastVictimNumber, state.Victims.Count);
        var sealedCount = 0;
        foreach (var (code, identity) in state.LegacyIdentities)
        {
            state.WrappedCaseKey ??= vault.NewCaseKey(caseId);
            state.SealedIdentities[code] = vault.Seal(caseId, state.WrappedCaseKey, code, new PersonIdentity(identity.FullName, identity.DocumentNumber));
            sealedCount++;
        }

        state.LegacyIdentities.Clear();
        state.DataVersion = Current;
        return $"victim records upgraded to HTCDS 2.0 codes ({state.Victims.Count}); consent flags carried over ({consents}); identities sealed ({sealedCount})";
    }
}
