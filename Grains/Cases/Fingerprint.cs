using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Enlace.Grains.Cases;

/// <summary>A stable hash of a command, to tell a retry from another command reusing an idempotency key.</summary>
public static class Fingerprint
{
    /// <summary>SHA-256 of the command's kind and its JSON form.</summary>
    public static string Of<T>(string kind, T command) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(kind + "\n" + JsonSerializer.Serialize(command))));
}
