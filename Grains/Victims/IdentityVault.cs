using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Enlace.Grains.Interfaces.Victims;

namespace Enlace.Grains.Victims;

/// <summary>
/// Envelope encryption of identities, AES-256-GCM throughout. The master key lives
/// outside PostgreSQL (<c>Privacy:MasterKeyFile</c>) and wraps one data key per case;
/// the case key wraps one key per identity; that key seals the identity. Every layer's
/// associated data names the case (and the subject), so a sealed value copied to another
/// case or subject does not open. Pure: no Orleans, no I/O besides <see cref="FromFile"/>.
/// </summary>
public sealed class IdentityVault
{
    private const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _masterKey;

    /// <summary>A vault over a 32-byte master key.</summary>
    public IdentityVault(byte[] masterKey)
    {
        if (masterKey.Length != KeySize)
        {
            throw new ArgumentException($"The master key must be {KeySize} bytes, not {masterKey.Length}.", nameof(masterKey));
        }

        _masterKey = [.. masterKey];
    }

    /// <summary>
    /// Reads the master key from a file holding 32 bytes in base64 (what <c>./run</c> writes:
    /// <c>head -c 32 /dev/urandom | base64</c>).
    /// </summary>
    public static IdentityVault FromFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The master key file {path} cannot be read: {e.Message}", e);
        }

        try
        {
            return new IdentityVault(Convert.FromBase64String(text));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InvalidOperationException($"The master key file {path} must hold 32 bytes in base64 (head -c 32 /dev/urandom | base64 > {path}).", e);
        }
    }

    /// <summary>
    /// A keyed tag of <paramref name="identity"/> (HMAC-SHA-256 under a key derived from the
    /// master key): equal identities have equal tags, and nobody without the master key can
    /// test a guessed name against one.
    /// </summary>
    public string Tag(PersonIdentity identity)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, _masterKey, KeySize, info: Encoding.UTF8.GetBytes("enlace/identity-tag"));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, JsonSerializer.SerializeToUtf8Bytes(identity)));
    }

    /// <summary>Writes a new random master key to <paramref name="path"/> (base64, readable by its owner only), unless the file exists.</summary>
    public static void CreateKeyFile(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.WriteLine(Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeySize)));
    }

    /// <summary>A fresh data key for <paramref name="caseId"/>, wrapped by the master key.</summary>
    public byte[] NewCaseKey(string caseId) => Seal(_masterKey, RandomNumberGenerator.GetBytes(KeySize), CaseKeyContext(caseId));

    /// <summary>Seals <paramref name="identity"/> of <paramref name="subject"/> under a new key of its own.</summary>
    public SealedIdentity Seal(string caseId, byte[] wrappedCaseKey, string subject, PersonIdentity identity)
    {
        var caseKey = Open(_masterKey, wrappedCaseKey, CaseKeyContext(caseId));
        var subjectKey = RandomNumberGenerator.GetBytes(KeySize);
        try
        {
            var plain = JsonSerializer.SerializeToUtf8Bytes(identity);
            return new SealedIdentity
            {
                WrappedKey = Seal(caseKey, subjectKey, SubjectKeyContext(caseId, subject)),
                Payload = Seal(subjectKey, plain, IdentityContext(caseId, subject)),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(caseKey);
            CryptographicOperations.ZeroMemory(subjectKey);
        }
    }

    /// <summary>Opens a sealed identity; throws <see cref="CryptographicException"/> when any layer was altered or belongs elsewhere.</summary>
    public PersonIdentity Open(string caseId, byte[] wrappedCaseKey, string subject, SealedIdentity sealedIdentity)
    {
        var caseKey = Open(_masterKey, wrappedCaseKey, CaseKeyContext(caseId));
        var subjectKey = Open(caseKey, sealedIdentity.WrappedKey, SubjectKeyContext(caseId, subject));
        try
        {
            return JsonSerializer.Deserialize<PersonIdentity>(Open(subjectKey, sealedIdentity.Payload, IdentityContext(caseId, subject)))
                ?? throw new CryptographicException("The sealed identity is empty.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(caseKey);
            CryptographicOperations.ZeroMemory(subjectKey);
        }
    }

    /// <summary>
    /// Seals a system secret (e.g. a webhook subscriber's signing secret) under a key derived from
    /// the master key for <paramref name="purpose"/>; <paramref name="owner"/> binds it to its row.
    /// </summary>
    public byte[] SealSecret(string purpose, string owner, byte[] secret)
    {
        var key = SecretKey(purpose);
        try
        {
            return Seal(key, secret, SecretContext(purpose, owner));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Opens what <see cref="SealSecret"/> sealed; throws <see cref="CryptographicException"/> when altered or another owner's.</summary>
    public byte[] OpenSecret(string purpose, string owner, byte[] sealedSecret)
    {
        var key = SecretKey(purpose);
        try
        {
            return Open(key, sealedSecret, SecretContext(purpose, owner));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private byte[] SecretKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _masterKey, KeySize, info: Encoding.UTF8.GetBytes($"enlace/secret-key/{purpose}"));

    private static byte[] SecretContext(string purpose, string owner) => Encoding.UTF8.GetBytes($"enlace/secret/{purpose}/{owner}");

    private static byte[] CaseKeyContext(string caseId) => Encoding.UTF8.GetBytes($"enlace/case-key/{caseId}");

    private static byte[] SubjectKeyContext(string caseId, string subject) => Encoding.UTF8.GetBytes($"enlace/subject-key/{caseId}/{subject}");

    private static byte[] IdentityContext(string caseId, string subject) => Encoding.UTF8.GetBytes($"enlace/identity/{caseId}/{subject}");

    // nonce ‖ ciphertext ‖ tag
    private static byte[] Seal(byte[] key, byte[] plain, byte[] context)
    {
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length), context);
        return output;
    }

    private static byte[] Open(byte[] key, byte[] sealedValue, byte[] context)
    {
        if (sealedValue.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The sealed value is truncated.");
        }

        var length = sealedValue.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedValue.AsSpan(0, NonceSize), sealedValue.AsSpan(NonceSize, length), sealedValue.AsSpan(NonceSize + length), plain, context);
        return plain;
    }
}
