using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Enlace.Grains.Interfaces.Hosting;
using Enlace.Silo.Hosting;
using Enlace.Tests.Infrastructure;
using Enlace.WebGateway.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Enlace.Tests.Foundation;

/// <summary>
/// Mutual TLS inside the cluster, on real hosts built as the programs build them: a silo with
/// a certificate of the cluster's authority admits a client with one, and refuses a client that
/// speaks plain TCP, one with no certificate and one whose certificate another authority issued;
/// a silo with such a certificate cannot join.
/// </summary>
public sealed class ClusterTlsTests(ClusterTlsTests.TlsClusterFixture cluster) : IClassFixture<ClusterTlsTests.TlsClusterFixture>
{
    private static readonly TimeSpan RefusedWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AClientWithACertificateOfTheClustersAuthorityCallsAGrain()
    {
        using var client = await RealHosts.StartClientAsync(cluster.ConnectionString, TlsClusterFixture.ServiceId, TlsClusterFixture.ClusterId,
            cluster.Files.Settings("gateway"));
        try
        {
            var grains = client.Services.GetRequiredService<IClusterClient>();
            await grains.GetGrain<IProbeGrain>("tls").SetAsync("over mutual TLS");
            Assert.Equal("over mutual TLS", await grains.GetGrain<IProbeGrain>("tls").GetAsync());
        }
        finally
        {
            await client.StopAsync();
        }
    }

    [Fact]
    public async Task AClientSpeakingPlainTcpIsRefused()
    {
        await AssertRefusedAsync(tls: null);
    }

    [Fact]
    public async Task AClientWithoutACertificateIsRefused()
    {
        // It trusts the silo's certificate: only the silo's demand for one of its own stops it.
        await AssertRefusedAsync(client => client.UseTls(o =>
        {
            o.ClientCertificateMode = Orleans.Connections.Security.RemoteCertificateMode.NoCertificate;
            o.RemoteCertificateValidation = cluster.Files.Trusted.IsTrusted;
        }));
    }

    [Fact]
    public async Task AClientWithACertificateFromAnotherAuthorityIsRefused()
    {
        await AssertRefusedAsync(client => client.UseEnlaceTls(cluster.Files.ForeignButTrustingTheCluster()));
    }

    [Fact]
    public async Task ASiloWithACertificateFromAnotherAuthorityCannotJoin()
    {
        var clock = Stopwatch.StartNew();
        var settings = new Dictionary<string, string?>(cluster.Files.Settings("silo"))
        {
            ["Cluster:Tls:Certificate"] = cluster.Files.ForeignCertificate,
            ["Cluster:Tls:CertificateKey"] = cluster.Files.ForeignKey,
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var joined = false;
        try
        {
            // A joining silo must reach every live silo before it joins; it gives up after this.
            using var intruder = await RealHosts.StartSiloAsync(cluster.ConnectionString, TlsClusterFixture.ServiceId, TlsClusterFixture.ClusterId,
                settings: settings, services: s => s.Configure<ClusterMembershipOptions>(o => o.MaxJoinAttemptTime = TimeSpan.FromSeconds(3)),
                cancellation: timeout.Token);
            joined = true;
            await intruder.StopAsync();
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            Assert.False(timeout.IsCancellationRequested, $"the silo neither joined nor gave up within 30 s: {e.GetType().Name}");
        }

        Assert.False(joined, $"a silo with a foreign certificate joined the cluster (after {clock.Elapsed.TotalSeconds:F0} s)");
        Assert.Single(await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true));
    }

    [Fact]
    public void OnlyCertificatesChainingToThePinnedAuthorityAreTrusted()
    {
        var files = cluster.Files;
        Assert.True(files.Trusted.IsTrusted(files.Trusted.Certificate, null, SslPolicyErrors.None));
        Assert.False(files.Trusted.IsTrusted(files.ForeignButTrustingTheCluster().Certificate, null, SslPolicyErrors.None));

        // The machine's trust store plays no part: a chain the platform accepts is not enough.
        var foreign = ClusterCertificates.Load(new ClusterTlsSettings
        {
            Enabled = true,
            Certificate = files.ForeignCertificate,
            CertificateKey = files.ForeignKey,
            Authority = files.ForeignAuthority,
        });
        Assert.False(foreign.IsTrusted(files.Trusted.Certificate, null, SslPolicyErrors.None));
    }

    [Fact]
    public void TlsWithoutACertificateFailsWithTheSettingToFix()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ClusterCertificates.Load(new ClusterTlsSettings { Enabled = true, Authority = cluster.Files.Authority }));
        Assert.Contains("Cluster:Tls:Certificate", error.Message);
        Assert.Contains("Cluster__Tls__Certificate", error.Message);
    }

    // Starts a bare client of the cluster (no retries) with the given TLS or none and expects
    // the connection to fail within RefusedWithin; then the cluster still serves a legitimate client.
    private async Task AssertRefusedAsync(Action<IClientBuilder>? tls)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ServiceId = TlsClusterFixture.ServiceId;
                o.ClusterId = TlsClusterFixture.ClusterId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = EnlaceSiloBuilderExtensions.NpgsqlInvariant;
                o.ConnectionString = cluster.ConnectionString;
            });
            tls?.Invoke(client);

            // One attempt: the default filter would try again for a minute and a half.
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
        });
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(RefusedWithin);
        var clock = Stopwatch.StartNew();
        var started = false;
        try
        {
            await host.StartAsync(timeout.Token);
            started = true;
            await host.Services.GetRequiredService<IClusterClient>().GetGrain<IProbeGrain>("refused").SetAsync("must not arrive");
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            Assert.False(timeout.IsCancellationRequested, $"the refusal took longer than {RefusedWithin.TotalSeconds} s: {e.GetType().Name}");
            Assert.True(e is ConnectionFailedException or OrleansMessageRejectionException or SiloUnavailableException,
                $"the client failed for another reason than a refused connection: {e}");
        }

        Assert.False(started, $"a client was admitted after {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Null(await cluster.Client.GetGrain<IProbeGrain>("refused").GetAsync());
    }

    /// <summary>One TLS silo and a TLS client on one database, for the whole class.</summary>
    public sealed class TlsClusterFixture : IAsyncLifetime
    {
        public const string ServiceId = "svc-tls";
        public const string ClusterId = "cluster-tls";
        private IHost? _silo;
        private IHost? _client;

        public string ConnectionString { get; private set; } = "";

        public TlsFiles Files { get; } = TlsFiles.Create();

        public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();

        public async Task InitializeAsync()
        {
            var server = await PostgresServer.GetAsync();
            ConnectionString = await server.CreateDatabaseAsync("tls");
            _silo = await RealHosts.StartSiloAsync(ConnectionString, ServiceId, ClusterId, settings: Files.Settings("silo"));
            _client = await RealHosts.StartClientAsync(ConnectionString, ServiceId, ClusterId, Files.Settings("gateway"));
        }

        public async Task DisposeAsync()
        {
            foreach (var host in new[] { _client, _silo })
            {
                if (host is not null)
                {
                    await host.StopAsync();
                    host.Dispose();
                }
            }

            Directory.Delete(Files.Folder, recursive: true);
        }
    }

    /// <summary>The cluster's authority and certificates, and another authority's, as PEM files.</summary>
    public sealed class TlsFiles
    {
        private TlsFiles(string folder) => Folder = folder;

        public string Folder { get; }

        public string Authority => Path.Combine(Folder, "ca.pem");

        public string ForeignAuthority => Path.Combine(Folder, "foreign-ca.pem");

        public string ForeignCertificate => Path.Combine(Folder, "foreign.pem");

        public string ForeignKey => Path.Combine(Folder, "foreign.key");

        public ClusterCertificates Trusted => ClusterCertificates.Load(new ClusterTlsSettings
        {
            Enabled = true,
            Certificate = Path.Combine(Folder, "silo.pem"),
            CertificateKey = Path.Combine(Folder, "silo.key"),
            Authority = Authority,
        });

        public static TlsFiles Create()
        {
            var files = new TlsFiles(Directory.CreateTempSubdirectory("enlace-tls-").FullName);
            var now = DateTimeOffset.UtcNow;
            using var authority = LocalCertificateAuthority.CreateAuthority("Enlace test cluster authority", now);
            LocalCertificateAuthority.WritePem(authority, files.Authority, null);
            foreach (var name in new[] { "silo", "gateway" })
            {
                using var certificate = LocalCertificateAuthority.Issue(authority, $"enlace-{name}", now);
                LocalCertificateAuthority.WritePem(certificate, Path.Combine(files.Folder, name + ".pem"), Path.Combine(files.Folder, name + ".key"));
            }

            // Same names, same shape, another authority.
            using var foreignAuthority = LocalCertificateAuthority.CreateAuthority("Enlace test cluster authority", now);
            LocalCertificateAuthority.WritePem(foreignAuthority, files.ForeignAuthority, null);
            using var foreign = LocalCertificateAuthority.Issue(foreignAuthority, "enlace-silo", now);
            LocalCertificateAuthority.WritePem(foreign, files.ForeignCertificate, files.ForeignKey);
            return files;
        }

        /// <summary>Settings of a member with the cluster's certificate <paramref name="name"/>.</summary>
        public IReadOnlyDictionary<string, string?> Settings(string name) => new Dictionary<string, string?>
        {
            ["Cluster:Tls:Enabled"] = "true",
            ["Cluster:Tls:Certificate"] = Path.Combine(Folder, name + ".pem"),
            ["Cluster:Tls:CertificateKey"] = Path.Combine(Folder, name + ".key"),
            ["Cluster:Tls:Authority"] = Authority,
        };

        /// <summary>A foreign certificate, with the cluster's authority trusted: only the cluster's check of it can refuse it.</summary>
        public ClusterCertificates ForeignButTrustingTheCluster()
        {
            var foreign = X509Certificate2.CreateFromPemFile(ForeignCertificate, ForeignKey);
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(Authority);
            return new ClusterCertificates(foreign, authorities);
        }
    }
}
