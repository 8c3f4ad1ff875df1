using Enlace.Grains.Victims;

namespace Enlace.Grains.Cases;

/// <summary>
/// Free text written into the case (titles, summaries, descriptions, notes, references) never
/// names a person recorded in it: a text with one of the case's own names or document numbers
/// is refused (<see cref="IdentityMentions"/>), so identities stay out of what is indexed,
/// listed and shown to every agency.
/// </summary>
public sealed partial class CaseGrain
{
    // The case's identities, opened once per activation for the comparison and kept in memory
    // only — never in the state, a log line or an answer — with the sealed values they came from:
    // any change of those (recorded, replaced, erased, state reloaded) opens them again.
    private IdentityMentions? _mentions;
    private HashSet<SealedIdentity> _mentionsOf = new(ReferenceEqualityComparer.Instance);

    private void CheckMentions(CaseInput input, params (string Field, string? Text)[] texts)
    {
        if (Case.SealedIdentities.Count == 0 || texts.All(t => string.IsNullOrWhiteSpace(t.Text)))
        {
            return;
        }

        var mentions = Mentions();
        foreach (var (field, text) in texts)
        {
            input.NoIdentity(field, text, mentions);
        }
    }

    private IdentityMentions Mentions()
    {
        var current = Case.SealedIdentities;
        if (_mentions is null || _mentionsOf.Count != current.Count || !current.Values.All(_mentionsOf.Contains))
        {
            _mentions = IdentityMentions.Of(current.Select(e => vault.Open(CaseId, Case.WrappedCaseKey!, e.Key, e.Value)));
            _mentionsOf = new(current.Values, ReferenceEqualityComparer.Instance);
        }

        return _mentions;
    }
}
