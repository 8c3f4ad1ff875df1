namespace Enlace.Grains.Interfaces.Hosting;

/// <summary>
/// How a silo or a gateway finds its cluster: configuration section <c>Cluster</c>,
/// shared by every member so that silos and gateways agree on ids.
/// </summary>
public sealed class ClusterSettings
{
    /// <summary>The configuration section these settings are read from.</summary>
    public const string SectionName = "Cluster";

    /// <summary>The name of the connection string used for storage, reminders and clustering.</summary>
    public const string ConnectionStringName = "Workflow";

    /// <summary>Part of every stored row's key: never change it on a deployment with data.</summary>
    public string ServiceId { get; set; } = "enlace";

    /// <summary>The cluster (deployment) that silos and gateways join.</summary>
    public string ClusterId { get; set; } = "enlace-local";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port where gateways (Orleans clients) connect to this silo.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address this silo advertises to the others.</summary>
    public string AdvertisedIP { get; set; } = "127.0.0.1";

    /// <summary>
    /// Quick experiments only: one silo on localhost with in-memory state and reminders.
    /// Nothing survives a restart and no second silo can join.
    /// </summary>
    public bool Localhost { get; set; }

    /// <summary>Mutual TLS between silos and between clients and silos (section <c>Cluster:Tls</c>).</summary>
    public ClusterTlsSettings Tls { get; set; } = new();
}
