namespace Enlace.Bench.Chaos;

/// <summary>What a chaos run does and against what.</summary>
public sealed class ChaosOptions
{
    /// <summary>The database (migrated by the run).</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The silo's build output (holding <c>Enlace.Silo.dll</c>).</summary>
    public required string SiloDirectory { get; init; }

    /// <summary>The gateway's build output (holding <c>Enlace.WebGateway.dll</c>).</summary>
    public required string GatewayDirectory { get; init; }

    /// <summary>Extra settings of every silo started (environment names, e.g. <c>Notifications__BaseUrl</c>).</summary>
    public IReadOnlyDictionary<string, string> SiloSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra settings of the gateway (environment names).</summary>
    public IReadOnlyDictionary<string, string> GatewaySettings { get; init; } = new Dictionary<string, string>();

    /// <summary>How long the faults go on.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Silos at the start; faults keep between 2 and this plus one alive.</summary>
    public int Silos { get; init; } = 3;

    /// <summary>Cases the load is spread over.</summary>
    public int Cases { get; init; } = 24;

    /// <summary>Concurrent clients, each sending one command at a time and retrying it with its key.</summary>
    public int Clients { get; init; } = 12;

    /// <summary>Shortest and longest pause between two silo faults.</summary>
    public TimeSpan FaultEveryMin { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest pause between two silo faults.</summary>
    public TimeSpan FaultEveryMax { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Kill and restart the gateway this often (null: never).</summary>
    public TimeSpan? GatewayRestartEvery { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>Stop PostgreSQL this long after the start, for <see cref="OutageLength"/> (null: never).</summary>
    public TimeSpan? DatabaseOutageAt { get; init; }

    /// <summary>How long PostgreSQL stays down.</summary>
    public TimeSpan OutageLength { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Stops PostgreSQL (needed with <see cref="DatabaseOutageAt"/>).</summary>
    public Func<Task>? StopDatabase { get; init; }

    /// <summary>Starts PostgreSQL again.</summary>
    public Func<Task>? StartDatabase { get; init; }

    /// <summary>The gateway's HTTP port.</summary>
    public int GatewayPort { get; init; } = 18480;

    /// <summary>First port tried for silos (each takes two).</summary>
    public int FirstPort { get; init; } = 23000;

    /// <summary>Seed of the fault schedule.</summary>
    public int Seed { get; init; } = 2026;

    /// <summary>Progress lines.</summary>
    public Action<string> Log { get; init; } = Console.WriteLine;
}
