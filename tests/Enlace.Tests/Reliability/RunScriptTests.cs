using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.Versioning;
using System.Text;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Reliability;

/// <summary>
/// <c>./run</c> itself, started from and keeping its data in a folder of mode 0700 — what root's
/// home and a <c>mktemp -d</c> folder are, and what the PostgreSQL user cannot pass when
/// <c>./run</c> runs as root: it provisions the cluster where that user reaches it, serves, reuses
/// the cluster (and its TLS certificates) on a second start and leaves no silo, gateway or
/// PostgreSQL behind after Ctrl-C.
/// </summary>
[Collection(FaultCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class RunScriptTests
{
    private const string Banner = "Enlace is running";
    private const string ClusterLine = "PostgreSQL cluster: ";
    private const string Store = "/var/lib/enlace/";
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task RunWithItsDataInAPrivateFolderServesReusesItsClusterAndLeavesNothingRunningAfterCtrlC()
    {
        var folder = Directory.CreateTempSubdirectory("enlace-run-");
        File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var data = Path.Combine(folder.FullName, "data");
        try
        {
            var first = await RunUntilReadyThenInterruptAsync(data, folder.FullName);
            var pg = Path.Combine(data, "pg");
            var link = new DirectoryInfo(pg).LinkTarget;
            if (Environment.UserName == "root")
            {
                // PostgreSQL runs as "postgres", which cannot pass the 0700 folder: the cluster is
                // in a store it reaches, linked from the data folder, and the script says where.
                Assert.NotNull(link);
                Assert.StartsWith(Store, link);
                Assert.Contains($"{ClusterLine}{link} (linked from {pg};", first);
            }
            else
            {
                Assert.Null(link);
                Assert.Contains($"{ClusterLine}{pg}", first);
            }

            Assert.Contains("Creating a PostgreSQL cluster", first);
            Assert.True(File.Exists(Path.Combine(pg, "PG_VERSION")), first);

            // The silo and the gateway talk mutual TLS with certificates of a local authority made
            // for this data folder, whose keys only their owner reads.
            var tls = Path.Combine(data, "tls");
            Assert.Contains("mutual TLS on", first);
            Assert.Contains("Created the certificate authority", first);
            foreach (var key in new[] { "ca.key", "silo.key", "gateway.key" })
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(tls, key)));
            }

            var authority = await File.ReadAllTextAsync(Path.Combine(tls, "ca.pem"));

            // A second start on the same data folder reuses that cluster.
            var second = await RunUntilReadyThenInterruptAsync(data, folder.FullName);
            Assert.DoesNotContain("Creating a PostgreSQL cluster", second);
            Assert.DoesNotContain("Created the certificate authority", second);
            Assert.Equal(authority, await File.ReadAllTextAsync(Path.Combine(tls, "ca.pem")));
            Assert.Equal(ClusterLineOf(first), ClusterLineOf(second));
            Assert.Equal(link, new DirectoryInfo(pg).LinkTarget);
        }
        finally
        {
            RemoveStore(data);
            folder.Delete(recursive: true);
        }
    }

    // Starts ./run on the data folder, waits for its banner, checks /health/ready, sends SIGINT
    // and checks that the script, its silo, its gateway and its PostgreSQL are gone. Returns what it printed.
    private static async Task<string> RunUntilReadyThenInterruptAsync(string data, string workingDirectory)
    {
        var port = Ports.Free();
        var siloPort = Ports.Free();
        var start = new ProcessStartInfo(Path.Combine(Checkout.Root, "run"),
            ["--data", data, "--no-demo", "--port", port.ToString(CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("ConnectionStrings__Workflow");
        start.Environment.Remove("Auth__SigningKey");
        // Ports of our own, so that another cluster on this machine does not matter.
        start.Environment["Cluster__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Cluster__GatewayPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture);
        // The script's (no-op) build leaves no build servers running.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";

        var output = new StringBuilder();
        string Printed()
        {
            lock (output)
            {
                return output.ToString();
            }
        }

        void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        using var run = new Process { StartInfo = start };
        run.OutputDataReceived += (_, e) => Append(e.Data);
        run.ErrorDataReceived += (_, e) => Append(e.Data);
        run.Start();
        run.BeginOutputReadLine();
        run.BeginErrorReadLine();
        var marker = $"Cluster__SiloPort={siloPort}";
        try
        {
            var clock = Stopwatch.StartNew();
            while (!Printed().Contains(Banner, StringComparison.Ordinal) && !run.HasExited && clock.Elapsed < ReadyWithin)
            {
                await Task.Delay(250);
            }

            Assert.True(Printed().Contains(Banner, StringComparison.Ordinal),
                $"./run did not print \"{Banner}\" ({(run.HasExited ? $"it exited with {run.ExitCode}" : $"not within {ReadyWithin.TotalSeconds} s")}):\n{Printed()}\n{LogTails(data)}");

            using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
            {
                using var ready = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/ready"));
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            }

            await AssertDatabaseRolesAsync(data, Printed());

            var started = Descendants(run.Id);
            Assert.Contains(started, p => p.CommandLine.Contains("Enlace.Silo.dll", StringComparison.Ordinal));
            Assert.Contains(started, p => p.CommandLine.Contains("Enlace.WebGateway.dll", StringComparison.Ordinal));
            var postmaster = Postmaster(data);
            Assert.NotNull(postmaster);
            started.Add(postmaster.Value);
            var cluster = Path.GetFullPath(new DirectoryInfo(Path.Combine(data, "pg")).ResolveLinkTarget(returnFinalTarget: true)?.FullName
                ?? Path.Combine(data, "pg"));

            Signal(run.Id, "INT");
            using (var exit = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                try
                {
                    await run.WaitForExitAsync(exit.Token);
                }
                catch (OperationCanceledException)
                {
                    // Judged below.
                }
            }

            Assert.True(run.HasExited, $"./run still runs 60 s after SIGINT:\n{Printed()}");
            Assert.Equal(130, run.ExitCode);
            var left = started.Where(Alive)
                .Concat(Processes().Where(p => Belongs(p, marker, cluster)))
                .Distinct()
                .ToList();
            Assert.True(left.Count == 0,
                $"still running after SIGINT to ./run: {string.Join("; ", left.Select(p => $"{p.Pid} {p.CommandLine}"))}\n{Printed()}");
            return Printed();
        }
        finally
        {
            if (!run.HasExited)
            {
                run.Kill(entireProcessTree: true);
            }

            // A failed run must not leave its database behind for the rest of the test run.
            if (Postmaster(data) is { } leftover && Alive(leftover))
            {
                Signal(leftover.Pid, "QUIT");
            }
        }
    }

    // The silos and gateways of ./run connect as their roles with the passwords of the data folder
    // (files only root reads) over TLS when the script said so: the gateway's role is refused the
    // grain state, a wrong password is refused, and without TLS the roles are not let in at all.
    private static async Task AssertDatabaseRolesAsync(string data, string printed)
    {
        Assert.Contains("Database roles: silos as enlace_silo, gateways as enlace_gateway (password authentication, SSL Mode=", printed);
        var tls = printed.Contains("SSL Mode=Require).", StringComparison.Ordinal);
        foreach (var file in new[] { "db-silo.password", "db-gateway.password", "db.pgpass" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, file)));
        }

        string Gateway(string password, Npgsql.SslMode mode) => new Npgsql.NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = int.Parse(File.ReadAllText(Path.Combine(data, "pg.port")).Trim(), CultureInfo.InvariantCulture),
            Database = "enlace",
            Username = "enlace_gateway",
            Password = password,
            SslMode = mode,
            Pooling = false,
        }.ConnectionString;

        var password = File.ReadAllText(Path.Combine(data, "db-gateway.password")).Trim();
        await using (var gateway = new Npgsql.NpgsqlConnection(Gateway(password, tls ? Npgsql.SslMode.Require : Npgsql.SslMode.Disable)))
        {
            await gateway.OpenAsync();
            await using (var ssl = new Npgsql.NpgsqlCommand("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", gateway))
            {
                Assert.Equal(tls, await ssl.ExecuteScalarAsync());
            }

            await using var grainState = new Npgsql.NpgsqlCommand("SELECT count(*) FROM orleans_grain_state", gateway);
            var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => grainState.ExecuteScalarAsync());
            Assert.Equal(Npgsql.PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }

        await using (var wrong = new Npgsql.NpgsqlConnection(Gateway(password + "x", tls ? Npgsql.SslMode.Require : Npgsql.SslMode.Disable)))
        {
            var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => wrong.OpenAsync());
            Assert.Equal(Npgsql.PostgresErrorCodes.InvalidPassword, refused.SqlState);
        }

        if (tls)
        {
            await using var plain = new Npgsql.NpgsqlConnection(Gateway(password, Npgsql.SslMode.Disable));
            var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => plain.OpenAsync());
            Assert.Equal(Npgsql.PostgresErrorCodes.InvalidAuthorizationSpecification, refused.SqlState);
        }
    }

    private static string? ClusterLineOf(string printed) =>
        printed.Split('\n').FirstOrDefault(l => l.StartsWith(ClusterLine, StringComparison.Ordinal))?.TrimEnd();

    // A silo, gateway or PostgreSQL process of this run: started with its silo port in the
    // environment, or a server of its cluster.
    private static bool Belongs(OsProcess process, string marker, string cluster)
    {
        var kind = process.CommandLine.Contains("Enlace.Silo.dll", StringComparison.Ordinal)
            || process.CommandLine.Contains("Enlace.WebGateway.dll", StringComparison.Ordinal)
            || process.CommandLine.StartsWith("postgres", StringComparison.Ordinal)
            || process.CommandLine.Contains("/postgres ", StringComparison.Ordinal);
        if (!kind)
        {
            return false;
        }

        if (process.CommandLine.Contains(cluster, StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            var environment = File.ReadAllText($"/proc/{process.Pid}/environ");
            return environment.Split('\0').Contains(marker);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private readonly record struct OsProcess(int Pid, int ParentPid, string CommandLine);

    private static List<OsProcess> Processes()
    {
        var all = new List<OsProcess>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] == "Z")
                {
                    continue;
                }

                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').TrimEnd();
                all.Add(new OsProcess(pid, int.Parse(fields[1], CultureInfo.InvariantCulture), commandLine));
            }
            catch (IOException)
            {
                // Gone while we looked.
            }
        }

        return all;
    }

    private static List<OsProcess> Descendants(int root)
    {
        var all = Processes();
        var found = new List<OsProcess>();
        var parents = new HashSet<int> { root };
        bool grew;
        do
        {
            grew = false;
            foreach (var process in all.Where(p => parents.Contains(p.ParentPid) && !parents.Contains(p.Pid)))
            {
                found.Add(process);
                parents.Add(process.Pid);
                grew = true;
            }
        }
        while (grew);
        return found;
    }

    private static bool Alive(OsProcess process) =>
        Processes().Any(p => p.Pid == process.Pid && p.CommandLine == process.CommandLine);

    // The postmaster of the data folder's cluster, from its postmaster.pid.
    private static OsProcess? Postmaster(string data)
    {
        try
        {
            var pid = int.Parse(File.ReadLines(Path.Combine(data, "pg", "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            return Processes().Where(p => p.Pid == pid).Cast<OsProcess?>().FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static string LogTails(string data)
    {
        var logs = Path.Combine(data, "logs");
        if (!Directory.Exists(logs))
        {
            return "(no logs folder)";
        }

        var text = new StringBuilder();
        foreach (var log in Directory.GetFiles(logs).Order(StringComparer.Ordinal))
        {
            try
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"--- {log}");
                foreach (var line in File.ReadLines(log).TakeLast(15))
                {
                    text.AppendLine(line);
                }
            }
            catch (IOException e)
            {
                text.AppendLine(e.Message);
            }
            catch (UnauthorizedAccessException e)
            {
                text.AppendLine(e.Message);
            }
        }

        return text.ToString();
    }

    // The store ./run keeps a root-run cluster in, when the data folder is private.
    private static void RemoveStore(string data)
    {
        var target = new DirectoryInfo(Path.Combine(data, "pg")).LinkTarget;
        if (target is not null && target.StartsWith(Store, StringComparison.Ordinal) && Path.GetFileName(target) == "pg")
        {
            var store = Path.GetDirectoryName(target)!;
            if (Directory.Exists(store))
            {
                Directory.Delete(store, recursive: true);
            }
        }
    }
}
