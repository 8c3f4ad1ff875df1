using Enlace.Grains.Interfaces.Cases;

namespace Enlace.Grains.Cases;

/// <summary>
/// The commands a grain applied with an Idempotency-Key in the last 24 h, by caller and
/// key, kept in its state: a retry finds its record, another command with the key is refused.
/// </summary>
public static class IdempotencyLog
{
    /// <summary>How long a key is remembered.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>The record of the command <paramref name="context"/> retries, if it is still remembered.</summary>
    public static IdempotencyRecord? Find(Dictionary<string, IdempotencyRecord> log, CommandContext context, DateTimeOffset now) =>
        context.IdempotencyKey is not null && log.TryGetValue(Key(context), out var record) && record.At + Window >= now ? record : null;

    /// <summary>Forgets expired keys and remembers this command's, if it has one.</summary>
    public static void Remember(
        Dictionary<string, IdempotencyRecord> log, CommandContext? context, string? fingerprint, DateTimeOffset now, bool created = false, string? createdId = null)
    {
        foreach (var expired in log.Where(e => e.Value.At + Window < now).Select(e => e.Key).ToList())
        {
            log.Remove(expired);
        }

        if (context?.IdempotencyKey is not null && fingerprint is not null)
        {
            log[Key(context)] = new IdempotencyRecord { Fingerprint = fingerprint, At = now, Created = created, CreatedId = createdId };
        }
    }

    private static string Key(CommandContext context) => $"{context.Caller.UserId}\n{context.IdempotencyKey}";
}
