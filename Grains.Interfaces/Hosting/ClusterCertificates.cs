using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Enlace.Grains.Interfaces.Hosting;

/// <summary>
/// This process's certificate for the cluster's connections and the pinned authorities its
/// peers' certificates must chain to; the same check on silos and on clients.
/// </summary>
public sealed class ClusterCertificates
{
    private readonly X509Certificate2Collection _authorities;

    /// <summary>Holds a certificate with its private key and the authorities to trust.</summary>
    public ClusterCertificates(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"The cluster certificate {certificate.Subject} has no private key.");
        }

        if (authorities.Count == 0)
        {
            throw new InvalidOperationException("No certificate authority to trust for the cluster's connections.");
        }

        Certificate = certificate;
        _authorities = authorities;
    }

    /// <summary>The certificate this process presents to its peers.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The authorities' subjects, for a log line.</summary>
    public string AuthoritySubjects => string.Join("; ", _authorities.Select(a => a.Subject));

    /// <summary>Loads the files the settings name, or fails with a message that says which setting to fix.</summary>
    public static ClusterCertificates Load(ClusterTlsSettings settings)
    {
        var certificatePath = Require(settings.Certificate, nameof(ClusterTlsSettings.Certificate), "this process's certificate (PFX, or PEM with its key)");
        var authorityPath = Require(settings.Authority, nameof(ClusterTlsSettings.Authority), "the PEM certificate of the cluster's certificate authority");
        var password = string.IsNullOrEmpty(settings.CertificatePassword) ? null : settings.CertificatePassword;
        X509Certificate2 certificate;
        var authorities = new X509Certificate2Collection();
        try
        {
            certificate = IsPkcs12(certificatePath)
                ? X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password)
                : password is null
                    ? X509Certificate2.CreateFromPemFile(certificatePath, NullIfEmpty(settings.CertificateKey))
                    : X509Certificate2.CreateFromEncryptedPemFile(certificatePath, password, NullIfEmpty(settings.CertificateKey));
            authorities.ImportFromPemFile(authorityPath);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"The cluster's TLS files could not be read ({SettingPrefix}Certificate={certificatePath}, {SettingPrefix}Authority={authorityPath}): {e.Message}", e);
        }

        return new ClusterCertificates(certificate, authorities);
    }

    /// <summary>
    /// Whether a peer's certificate chains to one of the pinned authorities, with the
    /// intermediates the peer sent. Host names are not compared: silos are reached by the
    /// address they advertise, and holding a certificate of the cluster's authority is what
    /// admits a peer. Fits <c>TlsOptions.RemoteCertificateValidation</c>.
    /// </summary>
    public bool IsTrusted(X509Certificate2 remote, X509Chain? presented, SslPolicyErrors errors)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                if (!element.Certificate.Equals(remote))
                {
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }
        }

        return chain.Build(remote);
    }

    private const string SettingPrefix = "Cluster:Tls:";

    private static string Require(string? value, string name, string what) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException(
                $"{SettingPrefix}Enabled is true but {SettingPrefix}{name} (environment Cluster__Tls__{name}) is not set: give the path of {what}.")
            : value;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static bool IsPkcs12(string path) =>
        path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);
}
