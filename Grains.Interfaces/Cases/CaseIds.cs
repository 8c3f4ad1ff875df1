using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Enlace.Grains.Interfaces.Cases;

/// <summary>
/// Case ids: <c>c</c> and 32 lower-case hex digits. Opaque and unguessable, and never
/// all digits (Orleans parses an all-digit string key as a number).
/// </summary>
public static partial class CaseIds
{
    /// <summary>A new random id.</summary>
    public static string New() => "c" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// The id a create request with an idempotency key gets: the same user retrying with the
    /// same key reaches the same case grain, which answers the retry with its first answer.
    /// </summary>
    public static string ForIdempotencyKey(string userId, string idempotencyKey) =>
        "c" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{userId}\n{idempotencyKey}")))[..32];

    /// <summary>True when <paramref name="id"/> has the shape of a case id.</summary>
    public static bool IsValid(string? id) => id is not null && Shape().IsMatch(id);

    [GeneratedRegex("^c[0-9a-f]{32}$")]
    private static partial Regex Shape();
}
