using System.Diagnostics;
using System.Net.Sockets;

namespace Enlace.Bench.Chaos;

/// <summary>
/// Silo and gateway processes of one cluster on this machine, started from their build
/// output and stopped with SIGKILL (<c>kill -9</c>): no shutdown code runs.
/// </summary>
public sealed class ClusterProcesses(ChaosOptions options, string logFolder) : IDisposable
{
    private readonly List<(Process Process, int Port)> _silos = [];
    private readonly string _clusterId = $"chaos-{Environment.ProcessId}";
    private Process? _gateway;
    private int _nextPort = options.FirstPort;
    private int _incarnation;

    /// <summary>Signing key of the gateway's development tokens.</summary>
    public static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(7, 32).Select(i => (byte)i).ToArray());

    /// <summary>The cluster id the processes join (service id <c>chaos</c>).</summary>
    public string ClusterId => _clusterId;

    /// <summary>Silos alive (started and not killed).</summary>
    public int Silos => _silos.Count(s => !s.Process.HasExited);

    /// <summary>Starts a silo on fresh ports.</summary>
    public void StartSilo()
    {
        var siloPort = NextPort();
        var gatewayPort = NextPort();
        var settings = new Dictionary<string, string>(options.SiloSettings)
        {
            ["Cluster__SiloPort"] = $"{siloPort}",
            ["Cluster__GatewayPort"] = $"{gatewayPort}",
        };
        var process = Start(Path.Combine(options.SiloDirectory, "Enlace.Silo.dll"), [], $"silo-{siloPort}", settings);
        _silos.Add((process, siloPort));
    }

    /// <summary>Kills (SIGKILL) a silo chosen at random; returns its silo port.</summary>
    public int KillSilo(Random random)
    {
        var alive = _silos.Where(s => !s.Process.HasExited).ToList();
        var victim = alive[random.Next(alive.Count)];
        victim.Process.Kill(entireProcessTree: true);
        victim.Process.WaitForExit();
        return victim.Port;
    }

    /// <summary>Starts (or, after a kill, restarts) the gateway on <see cref="ChaosOptions.GatewayPort"/>.</summary>
    public void StartGateway()
    {
        _gateway = Start(Path.Combine(options.GatewayDirectory, "Enlace.WebGateway.dll"), ["--urls", $"http://127.0.0.1:{options.GatewayPort}"], "gateway", new(options.GatewaySettings)
        {
            ["Auth__DevTokens"] = "true",
            ["Auth__SigningKey"] = SigningKey,
            ["Auth__TokenRequestsPerMinute"] = "1000000",
            ["Api__RequestsPerMinute"] = "100000000",
            ["Api__Budgets__Anonymous"] = "100000000",
            ["Api__Budgets__IdentityReads"] = "100000000",
            ["Api__Budgets__Exports"] = "100000000",
            ["Api__Budgets__Verifications"] = "100000000",

            // A killed gateway leaves its claims behind: let a retry take them over sooner
            // than the default 2 minutes (the grains still apply each key once).
            ["Api__AbandonedClaimAfter"] = "00:00:20",
        });
    }

    /// <summary>Kills (SIGKILL) the gateway.</summary>
    public void KillGateway()
    {
        _gateway?.Kill(entireProcessTree: true);
        _gateway?.WaitForExit();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        KillGateway();
        foreach (var (process, _) in _silos.Where(s => !s.Process.HasExited))
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private Process Start(string dll, string[] args, string name, Dictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__Workflow"] = options.ConnectionString;
        start.Environment["Cluster__ServiceId"] = "chaos";
        start.Environment["Cluster__ClusterId"] = _clusterId;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Orleans.Runtime.Silo"] = "Warning";
        if (!start.Environment.TryGetValue("Privacy__MasterKeyFile", out var configured) || string.IsNullOrEmpty(configured))
        {
            var key = Path.Combine(logFolder, "master.key");
            Enlace.Grains.Victims.IdentityVault.CreateKeyFile(key);
            start.Environment["Privacy__MasterKeyFile"] = key;
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {dll}");
        var log = new StreamWriter(Path.Combine(logFolder, $"{name}-{Interlocked.Increment(ref _incarnation)}.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private int NextPort()
    {
        while (true)
        {
            var port = _nextPort++;
            try
            {
                using var probe = new TcpListener(System.Net.IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try the next one.
            }
        }
    }
}
