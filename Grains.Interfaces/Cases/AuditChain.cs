using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Enlace.Grains.Interfaces.Cases;

/// <summary>
/// How audit events are chained: each hash is the SHA-256 (lower-case hex) of the
/// event's fields, each written as its UTF-8 byte length, a colon and the text (so no
/// two different events share an encoding), followed by the previous event's hash.
/// The first event's previous hash is <see cref="Genesis"/>. An event about a victim or
/// perpetrator adds its subject code as a last field; events without one hash as they
/// always did, so chains written before subjects existed still verify. Public so that
/// anyone holding an export can verify it.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first event: 64 zeros.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The hash of an event with the given content and predecessor.</summary>
    public static string Hash(
        long seq, DateTimeOffset at, string actor, string? agency, string kind, string? trigger,
        string? from, string? to, string? taskId, string? note, string previousHash, string? subject = null, string? decisionRef = null)
    {
        var text = new StringBuilder();
        foreach (var field in new[]
        {
            seq.ToString(CultureInfo.InvariantCulture),
            at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
            actor, agency, kind, trigger, from, to, taskId, note, previousHash,
        })
        {
            Append(text, field);
        }

        if (subject is not null || decisionRef is not null)
        {
            Append(text, subject);
        }

        if (decisionRef is not null)
        {
            Append(text, decisionRef);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The hash <paramref name="e"/> should carry given its content.</summary>
    public static string HashOf(AuditEventView e) =>
        Hash(e.Seq, e.At, e.Actor, e.Agency, e.Kind, e.Trigger, e.From, e.To, e.TaskId, e.Note, e.PreviousHash, e.Subject, e.DecisionRef);

    private static void Append(StringBuilder text, string? field)
    {
        var value = field ?? "";
        text.Append(Encoding.UTF8.GetByteCount(value)).Append(':').Append(value);
    }

    /// <summary>The sequence number of the first event that breaks the chain, or null when it is intact.</summary>
    public static long? FirstBroken(IEnumerable<AuditEventView> events) => Walk(events).FirstBroken;

    /// <summary>
    /// As <see cref="FirstBroken(IEnumerable{AuditEventView})"/>, and also checks the chain
    /// against its head as the case holds it: a missing tail breaks at the first missing
    /// sequence number, extra events at the first one past the head, and a chain that was
    /// rewritten consistently to its end at the head itself.
    /// </summary>
    public static long? FirstBroken(IEnumerable<AuditEventView> events, long headSeq, string headHash)
    {
        var (broken, count, last) = Walk(events);
        if (broken is not null)
        {
            return broken;
        }

        return count != headSeq ? Math.Min(count, headSeq) + 1
            : count > 0 && last != headHash ? headSeq
            : null;
    }

    private static (long? FirstBroken, long Count, string LastHash) Walk(IEnumerable<AuditEventView> events)
    {
        var previous = Genesis;
        var count = 0L;
        foreach (var e in events)
        {
            if (e.Seq != count + 1 || e.PreviousHash != previous || HashOf(e) != e.Hash)
            {
                return (count + 1, count, previous);
            }

            previous = e.Hash;
            count++;
        }

        return (null, count, previous);
    }
}
