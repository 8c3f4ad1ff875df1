namespace Enlace.Grains.Interfaces.Hosting;

/// <summary>
/// Mutual TLS inside the cluster (section <c>Cluster:Tls</c>): every silo and every client
/// presents <see cref="Certificate"/> and accepts only peers whose certificate chains to one
/// of the certificates in <see cref="Authority"/>. Silos and clients of one cluster must agree.
/// </summary>
public sealed class ClusterTlsSettings
{
    /// <summary>Encrypt and authenticate every connection of the cluster. Off unless configured; <c>./run</c> turns it on.</summary>
    public bool Enabled { get; set; }

    /// <summary>This process's certificate: a PKCS#12 file (<c>.pfx</c>, <c>.p12</c>) or a PEM certificate (its key in the same file or in <see cref="CertificateKey"/>).</summary>
    public string? Certificate { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="Certificate"/>, when it is in a file of its own.</summary>
    public string? CertificateKey { get; set; }

    /// <summary>The password of a PKCS#12 file or of an encrypted PEM key; none when empty.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// A PEM file with the certificate authorities (one or more: two while a new authority is
    /// rolled out) that peers' certificates must chain to. The machine's trust store is never used.
    /// </summary>
    public string? Authority { get; set; }
}
