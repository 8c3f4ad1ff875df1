using System.Globalization;
using System.Text;
using Enlace.Grains.Interfaces.Victims;

namespace Enlace.Grains.Victims;

/// <summary>
/// Whether a free text names a person recorded in the case, so that names never reach text
/// that is indexed, listed and shown to every agency of the case. Pure. Texts and identities
/// are compared as words: diacritics removed, case folded, split at anything that is not a
/// letter or digit (so whitespace and punctuation do not matter, and a word never matches
/// inside a longer one).
/// <list type="bullet">
/// <item>A name of one significant word matches that word; a longer name matches when the text
/// has two of its words in a row in the name's order — "Ana Quispe", "Quispe Mamani" or
/// "QUISPE MAMANI, Ana" for Ana María Quispe Mamani — but not one word alone: a single given
/// name or surname is shared by many people and would refuse ordinary notes.</item>
/// <item>Significant words have at least <see cref="MinWord"/> letters and are not name
/// particles (<c>de</c>, <c>del</c>, <c>los</c>, …), in the name and in the text alike.</item>
/// <item>A document number matches as a whole however it is punctuated (12.345.678,
/// 12 345 678, 12345678), and so does each part of it of at least <see cref="MinDocument"/>
/// characters holding a digit (the 44556677 of PE-44556677); shorter numbers are ignored, as
/// they would match dates and amounts.</item>
/// </list>
/// Built from the case's opened identities and held only in memory; it never prints them.
/// </summary>
public sealed class IdentityMentions
{
    /// <summary>The shortest word of a name that counts.</summary>
    public const int MinWord = 3;

    /// <summary>The shortest document number (or part of one) that counts.</summary>
    public const int MinDocument = 5;

    /// <summary>No identities: nothing is a mention.</summary>
    public static readonly IdentityMentions None = new([], [], []);

    private static readonly HashSet<string> Particles = ["del", "las", "los", "das", "dos", "van", "von", "der", "den"];

    private readonly HashSet<string> _singleWords;
    private readonly HashSet<(string, string)> _pairs;
    private readonly HashSet<string> _documents;
    private readonly int _longestDocument;

    private IdentityMentions(HashSet<string> singleWords, HashSet<(string, string)> pairs, HashSet<string> documents)
    {
        _singleWords = singleWords;
        _pairs = pairs;
        _documents = documents;
        _longestDocument = documents.Count == 0 ? 0 : documents.Max(d => d.Length);
    }

    /// <summary>True when there is nothing to look for.</summary>
    public bool IsEmpty => _singleWords.Count == 0 && _pairs.Count == 0 && _documents.Count == 0;

    /// <summary>What to look for in texts: the names and document numbers of <paramref name="identities"/>.</summary>
    public static IdentityMentions Of(IEnumerable<PersonIdentity> identities)
    {
        var singles = new HashSet<string>(StringComparer.Ordinal);
        var pairs = new HashSet<(string, string)>();
        var documents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var identity in identities)
        {
            var name = Significant(Words(identity.FullName)).ToList();
            if (name.Count == 1)
            {
                singles.Add(name[0]);
            }

            for (var i = 0; i < name.Count; i++)
            {
                for (var j = i + 1; j < name.Count; j++)
                {
                    pairs.Add((name[i], name[j]));
                }
            }

            if (identity.DocumentNumber is { } document)
            {
                var parts = Words(document);
                var whole = string.Concat(parts);
                if (whole.Length >= MinDocument)
                {
                    documents.Add(whole);
                }

                documents.UnionWith(parts.Where(p => p.Length >= MinDocument && p.Any(char.IsAsciiDigit)));
            }
        }

        return singles.Count == 0 && pairs.Count == 0 && documents.Count == 0 ? None : new(singles, pairs, documents);
    }

    /// <summary>True when <paramref name="text"/> contains a name or document number looked for.</summary>
    public bool Mentions(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || IsEmpty)
        {
            return false;
        }

        var words = Words(text);
        string? previous = null;
        foreach (var word in Significant(words))
        {
            if (_singleWords.Contains(word) || (previous is not null && _pairs.Contains((previous, word))))
            {
                return true;
            }

            previous = word;
        }

        return _documents.Count > 0 && HasDocument(words);
    }

    /// <summary>Never the names or numbers: a log line or an exception that prints this must not carry them.</summary>
    public override string ToString() => "IdentityMentions { (withheld) }";

    /// <summary>The words of <paramref name="text"/>: runs of letters and digits, without diacritics, in lower case.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static IEnumerable<string> Significant(IEnumerable<string> words) =>
        words.Where(w => w.Length >= MinWord && !Particles.Contains(w));

    // A document number written with any separators: consecutive words that together spell it.
    private bool HasDocument(IReadOnlyList<string> words)
    {
        for (var start = 0; start < words.Count; start++)
        {
            var spelled = new StringBuilder();
            for (var end = start; end < words.Count && spelled.Length + words[end].Length <= _longestDocument; end++)
            {
                spelled.Append(words[end]);
                if (_documents.Contains(spelled.ToString()))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
