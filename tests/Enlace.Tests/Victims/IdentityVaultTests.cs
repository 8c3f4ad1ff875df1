using System.Security.Cryptography;
using Enlace.Grains.Interfaces.Victims;
using Enlace.Grains.Victims;

namespace Enlace.Tests.Victims;

/// <summary>The envelope encryption of identities, as pure logic.</summary>
public sealed class IdentityVaultTests
{
    private static readonly IdentityVault Vault = new(RandomNumberGenerator.GetBytes(32));
    private static readonly PersonIdentity Identity = new("Ana Choque Laura", "BO-998877", "2008-02-29");

    [Fact]
    public void ASealedIdentityOpensOnlyForItsCaseAndSubject()
    {
        var caseKey = Vault.NewCaseKey("c1");
        var sealedIdentity = Vault.Seal("c1", caseKey, "V-1", Identity);

        Assert.Equal(Identity, Vault.Open("c1", caseKey, "V-1", sealedIdentity));
        Assert.ThrowsAny<CryptographicException>(() => Vault.Open("c2", caseKey, "V-1", sealedIdentity));
        Assert.ThrowsAny<CryptographicException>(() => Vault.Open("c1", caseKey, "V-2", sealedIdentity));
        Assert.ThrowsAny<CryptographicException>(() => new IdentityVault(RandomNumberGenerator.GetBytes(32)).Open("c1", caseKey, "V-1", sealedIdentity));
    }

    [Fact]
    public void AlteringAnyByteOfAnyLayerIsDetected()
    {
        var caseKey = Vault.NewCaseKey("c1");
        var sealedIdentity = Vault.Seal("c1", caseKey, "V-1", Identity);

        foreach (var (name, bytes) in new[] { ("payload", sealedIdentity.Payload), ("wrapped key", sealedIdentity.WrappedKey), ("case key", caseKey) })
        {
            for (var i = 0; i < bytes.Length; i += 7)
            {
                bytes[i] ^= 0x01;
                Assert.True(Throws(() => Vault.Open("c1", caseKey, "V-1", sealedIdentity)), $"a flipped bit at {i} of the {name} went unnoticed");
                bytes[i] ^= 0x01;
            }
        }
    }

    [Fact]
    public void TheSameIdentitySealsDifferentlyEachTimeButTagsAlike()
    {
        var caseKey = Vault.NewCaseKey("c1");

        Assert.NotEqual(Vault.Seal("c1", caseKey, "V-1", Identity).Payload, Vault.Seal("c1", caseKey, "V-1", Identity).Payload);
        Assert.Equal(Vault.Tag(Identity), Vault.Tag(Identity with { }));
        Assert.NotEqual(Vault.Tag(Identity), Vault.Tag(Identity with { DocumentNumber = "BO-998878" }));
        Assert.NotEqual(Vault.Tag(Identity), new IdentityVault(RandomNumberGenerator.GetBytes(32)).Tag(Identity));
    }

    [Fact]
    public void AKeyFileIsCreatedOnceReadableByItsOwnerOnly()
    {
        var path = Path.Combine(Path.GetTempPath(), $"enlace-key-{Guid.NewGuid():N}");
        try
        {
            IdentityVault.CreateKeyFile(path);
            var first = File.ReadAllText(path);
            IdentityVault.CreateKeyFile(path);

            Assert.Equal(first, File.ReadAllText(path));
            Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(path) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), "mode 0600");
            Assert.Equal(32, Convert.FromBase64String(first.Trim()).Length);
            File.WriteAllText(path, "not a key");
            Assert.Contains("32 bytes in base64", Assert.Throws<InvalidOperationException>(() => IdentityVault.FromFile(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static bool Throws(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (CryptographicException)
        {
            return true;
        }
    }
}
