using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Enlace.Silo.Hosting;

/// <summary>
/// A certificate authority of one machine's cluster (what <c>./run</c> creates per data folder):
/// a self-signed authority and the certificates it issues to silos and clients, made with .NET
/// alone so that no openssl is needed. A deployment uses its organisation's authority instead.
/// </summary>
public static class LocalCertificateAuthority
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <summary>A new self-signed authority, with its private key, valid for ten years from <paramref name="now"/>.</summary>
    public static X509Certificate2 CreateAuthority(string commonName, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}, O=Enlace"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
    }

    /// <summary>
    /// A certificate for a member of the cluster (silo or client: both server and client
    /// authentication, since a silo is both), issued by <paramref name="authority"/>, valid
    /// for two years from <paramref name="now"/>, with its private key.
    /// </summary>
    public static X509Certificate2 Issue(X509Certificate2 authority, string commonName, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}, O=Enlace"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthentication), new Oid(ClientAuthentication)], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddIpAddress(System.Net.IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var notAfter = now.AddYears(2) < authority.NotAfter ? now.AddYears(2) : new DateTimeOffset(authority.NotAfter.ToUniversalTime());
        using var issued = request.Create(authority, now.AddMinutes(-5), notAfter, serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Writes a certificate as PEM and, when it has one, its private key as PKCS#8 PEM in a file only the owner can read.</summary>
    public static void WritePem(X509Certificate2 certificate, string certificatePath, string? keyPath)
    {
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
        if (keyPath is null)
        {
            return;
        }

        var key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException($"{certificate.Subject} has no private key to write.");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(keyPath, options);
        using var writer = new StreamWriter(stream);
        writer.Write(key.ExportPkcs8PrivateKeyPem() + "\n");
        key.Dispose();
    }
}
