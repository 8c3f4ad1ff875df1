using System.Security.Cryptography;
using System.Text;

namespace Enlace.Silo.Notifications;

/// <summary>
/// The signature of a webhook call: <c>Enlace-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</c>
/// over <c>t + "." + body</c> with the subscriber's secret (pure).
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header carrying the signature.</summary>
    public const string Header = "Enlace-Signature";

    /// <summary>The header carrying the stable delivery id (the same on every retry).</summary>
    public const string DeliveryHeader = "Enlace-Delivery";

    /// <summary>The header carrying the event kind.</summary>
    public const string EventHeader = "Enlace-Event";

    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Sign(byte[] secret, long timestamp, string body) => $"t={timestamp},v1={Compute(secret, timestamp, body)}";

    /// <summary>
    /// Whether <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/> and its time is
    /// within <paramref name="tolerance"/> of <paramref name="now"/> (what a receiver checks).
    /// </summary>
    public static bool Verify(byte[] secret, string? header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        long? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in (header ?? "").Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            if (pair[0].Trim() == "t" && long.TryParse(pair[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (pair[0].Trim() == "v1")
            {
                signatures.Add(pair[1].Trim());
            }
        }

        if (timestamp is not { } at || Math.Abs(now.ToUnixTimeSeconds() - at) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, at, body));
        return signatures.Exists(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }

    private static string Compute(byte[] secret, long timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
}
