using System.Net;
using Enlace.Grains.Cases;
using Enlace.Grains.Hosting;
using Enlace.Grains.Interfaces.Hosting;
using Enlace.Grains.ReadModel;
using Enlace.Grains.Victims;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Silo.Notifications;
using Enlace.Silo.ReadModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Storage;

namespace Enlace.Silo.Hosting;

/// <summary>How an Enlace silo is put together; shared by the host and the tests.</summary>
public static class EnlaceSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant name of Npgsql, which the Orleans providers know.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>Configures a silo from configuration: cluster ids, endpoints, clustering and storage.</summary>
    public static ISiloBuilder UseEnlace(this ISiloBuilder silo, IConfiguration configuration, WorkflowCatalog catalog)
    {
        var cluster = configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new ClusterSettings();
        var privacy = Privacy(configuration);
        silo.Services.AddEnlaceGrains(catalog, Vault(privacy, cluster.Localhost), privacy);
        silo.Services.Configure<ExceptionSerializationOptions>(WireExceptions.Configure);
        silo.Services.AddOptions<DeadlineOptions>().BindConfiguration("Deadlines");
        silo.Services.AddOptions<ParticipationOptions>().BindConfiguration(ParticipationOptions.SectionName);
        silo.UseEnlaceTelemetry(SiloTelemetry.Settings(configuration), configuration[TelemetrySettings.OtlpEndpointVariable]);
        if (cluster.Tls.Enabled)
        {
            silo.UseEnlaceTls(ClusterCertificates.Load(cluster.Tls));
        }

        if (cluster.Localhost)
        {
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, null, cluster.ServiceId, cluster.ClusterId);
            silo.AddMemoryGrainStorage(StorageNames.Workflow);
            silo.UseInMemoryReminderService();
            return silo;
        }

        var connectionString = configuration.GetConnectionString(ClusterSettings.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"No connection string: set ConnectionStrings:{ClusterSettings.ConnectionStringName} " +
                $"(environment ConnectionStrings__{ClusterSettings.ConnectionStringName}), or Cluster:Localhost=true for a throwaway in-memory silo.");
        }

        silo.Configure<ClusterOptions>(o =>
        {
            o.ServiceId = cluster.ServiceId;
            o.ClusterId = cluster.ClusterId;
        });
        silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedIP), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false);
        silo.UseEnlaceClustering(connectionString);
        var database = configuration.GetSection(DatabaseSettings.SectionName).Get<DatabaseSettings>() ?? new DatabaseSettings();
        silo.UseEnlaceStorage(connectionString, database.StatementTimeout);
        return silo;
    }

    // Identities are sealed under a master key kept outside the database. A throwaway
    // in-memory silo may use a key of its own: its state dies with it anyway.
    /// <summary>
    /// The <c>Privacy</c> section. A configured list of entitled kinds replaces the default; the key
    /// given with an empty value (<c>Privacy__IdentityEntitledAgencyKinds=</c>, or <c>[]</c> in JSON)
    /// entitles none, which the binder alone cannot say.
    /// </summary>
    public static PrivacyOptions Privacy(IConfiguration configuration)
    {
        var section = configuration.GetSection("Privacy");
        var privacy = section.Get<PrivacyOptions>() ?? new PrivacyOptions();
        var kinds = section.GetSection(nameof(PrivacyOptions.IdentityEntitledAgencyKinds));
        if (kinds.Value is "" && !kinds.GetChildren().Any())
        {
            privacy.IdentityEntitledAgencyKinds = [];
        }

        return privacy;
    }

    private static IdentityVault Vault(PrivacyOptions? privacy, bool localhost)
    {
        if (!string.IsNullOrWhiteSpace(privacy?.MasterKeyFile))
        {
            return IdentityVault.FromFile(privacy.MasterKeyFile);
        }

        return localhost
            ? new IdentityVault(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))
            : throw new InvalidOperationException(
                "No master key for victims' identities: set Privacy:MasterKeyFile (environment Privacy__MasterKeyFile) to a file holding " +
                "32 random bytes in base64, readable only by the silo (umask 077; head -c 32 /dev/urandom | base64 > master.key). Keep it outside the database and its backups.");
    }

    /// <summary>
    /// Trace context across grain calls (the gateway's request, the grain call and its SQL form one
    /// trace) and the Orleans dashboard's collection, as the settings say.
    /// </summary>
    public static ISiloBuilder UseEnlaceTelemetry(this ISiloBuilder silo, TelemetrySettings settings, string? otlpEndpoint)
    {
        if (settings.TracingOn(otlpEndpoint))
        {
            silo.AddActivityPropagation();
        }

        if (settings.Enabled && settings.Dashboard)
        {
            silo.AddDashboard();
        }

        return silo;
    }

    /// <summary>
    /// Mutual TLS on every connection of the silo — from and to other silos, and from clients:
    /// each side presents its certificate and accepts only one that chains to the cluster's
    /// authority. Grains trust the caller a client names, so only holders of the cluster's
    /// certificates may be inside (docs/ARCHITECTURE.md, "Mutual TLS inside the cluster").
    /// </summary>
    public static ISiloBuilder UseEnlaceTls(this ISiloBuilder silo, ClusterCertificates certificates)
    {
        silo.Services.AddHostedService(sp => new ClusterTlsAnnouncer(certificates, sp.GetRequiredService<ILogger<ClusterTlsAnnouncer>>()));
        return silo.UseTls(certificates.Certificate, MutualTls(certificates));
    }

    /// <summary>
    /// The TLS options of a member of the cluster: a certificate required from the peer on
    /// every connection, in and out, and accepted only when it chains to the cluster's authority.
    /// </summary>
    public static Action<TlsOptions> MutualTls(ClusterCertificates certificates) => o =>
    {
        o.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        o.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        o.RemoteCertificateValidation = certificates.IsTrusted;
    };

    /// <summary>Cluster membership through the PostgreSQL membership table.</summary>
    public static ISiloBuilder UseEnlaceClustering(this ISiloBuilder silo, string connectionString)
    {
        return silo.UseAdoNetClustering(o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = ForOrleans(connectionString);
        });
    }

    /// <summary>
    /// Grain state and reminders in PostgreSQL, state serialized with the Orleans serializer; the
    /// read model's queries limited to <paramref name="readModelStatementTimeout"/> (none when null or zero).
    /// </summary>
    public static ISiloBuilder UseEnlaceStorage(this ISiloBuilder silo, string connectionString, TimeSpan? readModelStatementTimeout = null)
    {
        var orleansConnectionString = ForOrleans(connectionString);
        silo.AddAdoNetGrainStorage(StorageNames.Workflow, o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = orleansConnectionString;
        });

        // The Orleans binary serializer instead of the default Newtonsoft JSON: version
        // tolerant by [Id] and [Alias] (a renamed CLR type does not break stored rows,
        // unlike JSON's $type names), compact, and faster to write.
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(StorageNames.Workflow)
            .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = orleansConnectionString;
        });

        // The read model lives in the same database.
        silo.Services.AddSingleton(_ => ReadModelDatabase.Create(orleansConnectionString, readModelStatementTimeout ?? TimeSpan.Zero));
        silo.Services.AddSingleton<ICaseProjection, PostgresCaseProjection>();
        silo.Services.AddSingleton<IRoadmapProjection, PostgresRoadmapProjection>();
        silo.Services.AddSingleton<IRunningCases, PostgresRunningCases>();
        silo.Services.AddOptions<ReadModelOptions>().BindConfiguration("ReadModel");
        silo.Services.AddHostedService<ProjectionSweeper>();

        // The notification outbox's sender (Silo/Notifications): e-mail and webhooks.
        silo.Services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.SectionName);
        silo.Services.AddSingleton(sp => new DeliveryOutbox(sp.GetRequiredService<NpgsqlDataSource>()));
        silo.Services.AddSingleton(sp => new EmailChannel(sp.GetRequiredService<IOptions<NotificationOptions>>().Value));
        silo.Services.AddSingleton(sp => new WebhookChannel(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<IdentityVault>(), sp.GetRequiredService<IOptions<NotificationOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        silo.Services.AddSingleton<DeliverySender>();
        silo.Services.AddHostedService(sp => sp.GetRequiredService<DeliverySender>());
        return silo;
    }

    /// <summary>
    /// Npgsql resets every pooled connection on return unless told not to, which throws
    /// away the prepared plans of the storage queries: durable writes roughly halve
    /// (FACTS.md). Enlace never changes session state on these connections.
    /// </summary>
    public static string ForOrleans(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
}
