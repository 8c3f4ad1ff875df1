using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Enlace.WebGateway.Http;

/// <summary>
/// A position in a long list — the sort key of the last item of a page — handed out as the page's
/// <c>next</c> and taken back as <c>?after=</c>, so the following page is read from the index at
/// that key (keyset pagination): it costs the same on page 1 and on page 10,000, and rows added
/// meanwhile neither repeat nor shift an item. The text is opaque: base64url of the key and a
/// check over the key, the list and its filters, so a changed cursor, or one taken to another list
/// or filter, is refused (400) instead of read. The check is not a secret: a forged cursor can only
/// move the start of the caller's own list, because what a caller may see is decided in the query.
/// </summary>
/// <param name="Late">Which run of a task list the key is in: overdue work first, then the rest.</param>
/// <param name="Rank">A task's priority rank (higher is more urgent); 0 elsewhere.</param>
/// <param name="At">The time of the key: a case's last change, a task's due date, a notification's time.</param>
/// <param name="Id">The first tie-breaker: a case id, a notification id.</param>
/// <param name="Id2">The second tie-breaker: a task id; empty elsewhere.</param>
public sealed record ListCursor(bool Late, int Rank, DateTimeOffset At, string Id, string Id2 = "")
{
    /// <summary>The longest <c>after</c> accepted.</summary>
    public const int MaxLength = 512;

    private const byte Version = 1;
    private const int TagLength = 8;

    /// <summary>The cursor's text for <paramref name="list"/> with <paramref name="filter"/> (the list's filters, as its query reads them).</summary>
    public string Write(string list, string filter)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(Late);
            writer.Write(Rank);
            writer.Write(At.UtcTicks);
            writer.Write(Id);
            writer.Write(Id2);
        }

        var key = buffer.ToArray();
        return Base64Url.EncodeToString(Concat(key, Tag(list, filter, key)));
    }

    /// <summary>Reads a cursor that <see cref="Write"/> made for the same list and filter; false for anything else.</summary>
    public static bool TryRead(string text, string list, string filter, out ListCursor? cursor)
    {
        cursor = null;
        if (text.Length is 0 or > MaxLength || !Base64Url.IsValid(text))
        {
            return false;
        }

        var bytes = Base64Url.DecodeFromChars(text);
        if (bytes.Length <= TagLength + 1)
        {
            return false;
        }

        var key = bytes.AsSpan(0, bytes.Length - TagLength);
        if (!CryptographicOperations.FixedTimeEquals(bytes.AsSpan(bytes.Length - TagLength), Tag(list, filter, key)) || key[0] != Version)
        {
            return false;
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(key.ToArray()), Encoding.UTF8);
            reader.ReadByte();
            var late = reader.ReadBoolean();
            var rank = reader.ReadInt32();
            var ticks = reader.ReadInt64();
            var id = reader.ReadString();
            var id2 = reader.ReadString();
            if (reader.BaseStream.Position != reader.BaseStream.Length || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return false;
            }

            cursor = new ListCursor(late, rank, new DateTimeOffset(ticks, TimeSpan.Zero), id, id2);
            return true;
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or ArgumentException or IOException)
        {
            return false;
        }
    }

    private static byte[] Tag(string list, string filter, ReadOnlySpan<byte> key) =>
        SHA256.HashData(Concat(Encoding.UTF8.GetBytes($"enlace/list-cursor/{list}\0{filter}\0"), key))[..TagLength];

    private static byte[] Concat(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var bytes = new byte[first.Length + second.Length];
        first.CopyTo(bytes);
        second.CopyTo(bytes.AsSpan(first.Length));
        return bytes;
    }
}
