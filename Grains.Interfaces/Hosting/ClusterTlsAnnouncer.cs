using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Enlace.Grains.Interfaces.Hosting;

/// <summary>Says at start-up that the cluster's connections use mutual TLS, with which certificate and authorities.</summary>
public sealed partial class ClusterTlsAnnouncer(ClusterCertificates certificates, ILogger<ClusterTlsAnnouncer> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var certificate = certificates.Certificate;
        Announce(logger, certificate.Subject, certificate.Thumbprint, certificate.NotAfter.ToUniversalTime(), certificates.AuthoritySubjects);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Cluster connections use mutual TLS: this process presents {Subject} ({Thumbprint}, valid until {NotAfter:u}) and accepts peers whose certificate chains to {Authorities}")]
    private static partial void Announce(ILogger logger, string subject, string thumbprint, DateTime notAfter, string authorities);
}
