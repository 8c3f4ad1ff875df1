using System.Diagnostics;
using Enlace.Silo.Database;
using Npgsql;

namespace Enlace.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster for the whole test run: initdb in a temporary
/// folder, started on a free loopback port, stopped and deleted when the test
/// process exits. Each fixture gets a database of its own in it.
/// </summary>
public sealed class PostgresServer
{
    /// <summary>The command that installs the PostgreSQL binaries on Debian.</summary>
    public const string InstallCommand = "apt-get update && apt-get install -y postgresql";

    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private static int _databaseCounter;

    private readonly Lazy<Task> _roleLogins;
    private readonly string _binDirectory;
    private readonly string _dataDirectory;
    private readonly string? _runAsUser;

    private PostgresServer(string binDirectory, string dataDirectory, string? runAsUser, int port)
    {
        _binDirectory = binDirectory;
        _dataDirectory = dataDirectory;
        _runAsUser = runAsUser;
        Port = port;
        _roleLogins = new(() => EnableRoleLoginsAsync(ConnectionString("postgres")));
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The whole of <paramref name="database"/> as <c>pg_dump</c> writes it (plain SQL; bytea in hex).</summary>
    public async Task<string> DumpAsync(string database)
    {
        var start = new System.Diagnostics.ProcessStartInfo(ClientBinary("pg_dump"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "--no-owner", database },
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"pg_dump {database} failed: {await error}");
    }

    /// <summary>
    /// Creates <paramref name="database"/> and loads <paramref name="dump"/> (as <see cref="DumpAsync"/> wrote it)
    /// into it with <c>psql</c>, stopping at the first error; returns the database's connection string.
    /// </summary>
    public async Task<string> RestoreAsync(string database, string dump)
    {
        var connectionString = ConnectionString(database);
        await DatabaseMigrator.EnsureDatabaseAsync(connectionString);
        var file = Path.Combine(Path.GetTempPath(), $"enlace-restore-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(file, dump);
        try
        {
            var port = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var (exitCode, output) = await ExecuteAsync(ClientBinary("psql"), ["-h", "127.0.0.1", "-p", port, "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-d", database, "-f", file], null);
            return exitCode == 0 ? connectionString : throw new InvalidOperationException($"psql restoring {database} failed: {output}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    // The binaries may be links on PATH (/usr/local/bin/initdb): pg_dump and psql sit beside their target.
    private string ClientBinary(string name)
    {
        var initdb = new FileInfo(Path.Combine(_binDirectory, "initdb"));
        var bin = initdb.LinkTarget is not null ? Path.GetDirectoryName(initdb.ResolveLinkTarget(returnFinalTarget: true)!.FullName)! : _binDirectory;
        return Path.Combine(bin, name);
    }

    /// <summary>The server of this test run, started on first use.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>A server of the caller's own, for tests that stop and start it (removed at exit).</summary>
    public static Task<PostgresServer> StartPrivateAsync() => StartAsync();

    /// <summary>Creates a fresh database, migrated with the shipped migrations; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"t{Interlocked.Increment(ref _databaseCounter)}_{purpose}".ToLowerInvariant();
        var connectionString = ConnectionString(name);
        await DatabaseMigrator.EnsureDatabaseAsync(connectionString);
        await DatabaseMigrator.MigrateAsync(connectionString);
        return connectionString;
    }

    /// <summary>
    /// <paramref name="connectionString"/> (a database <see cref="CreateDatabaseAsync"/> made) as
    /// <paramref name="role"/> (<see cref="DatabaseRoles.Silo"/> or <see cref="DatabaseRoles.Gateway"/>),
    /// after giving both roles LOGIN once for the server. The test server trusts loopback, so the
    /// password is never checked — the grants are, as in production.
    /// </summary>
    public async Task<string> AsRoleAsync(string connectionString, string role)
    {
        await _roleLogins.Value;
        return DatabaseRoles.ConnectionStringFor(connectionString, role, null);
    }

    // Once per server (roles belong to the server; ALTER ROLE from two fixtures at once would
    // collide), after the first database's migrations created the roles.
    private static async Task EnableRoleLoginsAsync(string adminConnectionString)
    {
        var unused = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        await DatabaseRoles.EnableLoginAsync(adminConnectionString, DatabaseRoles.Silo, unused);
        await DatabaseRoles.EnableLoginAsync(adminConnectionString, DatabaseRoles.Gateway, unused);
    }

    /// <summary>A connection string to a database of this server.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Database = database,
            Username = "postgres",
            NoResetOnClose = true,
            Timeout = 5,
            // Each test database has its own pools, which outlive the clusters that used them:
            // let idle connections go soon, so that a whole run stays far from max_connections.
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 5,
        }.ConnectionString;

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinDirectory();
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        // PostgreSQL runs as "postgres" under root: its folder must be one that user can pass,
        // which a private TMPDIR (mode 0700, e.g. a mktemp -d folder) is not; /tmp always is.
        var parent = Path.GetTempPath();
        if (runAs is not null && !await CanReachAsync(runAs, parent))
        {
            parent = "/tmp";
        }

        var data = Path.Combine(parent, $"enlace-test-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(data);
        if (runAs is not null)
        {
            await RunAsync("chown", [runAs, data], null);
        }

        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8"], runAs);
        var port = Ports.Free();
        var server = new PostgresServer(bin, data, runAs, port);
        await server.StartServerAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Destroy();
        return server;
    }

    /// <summary>Starts the server (again) on its port and waits until it accepts connections.</summary>
    public async Task StartServerAsync()
    {
        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=1000";
        await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", _dataDirectory, "-o", options, "-l", Path.Combine(_dataDirectory, "server.log"), "-w", "start"], _runAsUser);
    }

    /// <summary>Stops the server immediately, as a crash would.</summary>
    public Task StopServerAsync() =>
        RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"], _runAsUser);

    private void Destroy()
    {
        try
        {
            StopServerAsync().Wait(TimeSpan.FromSeconds(10));
        }
        catch (Exception)
        {
            // Already stopped; removing the folder is all that is left.
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (Exception)
        {
            // ./test removes leftover enlace-test-pg-* folders after the run.
        }
    }

    private static string FindBinDirectory()
    {
        var candidates = new List<string>();
        var fromPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        if (fromPath is not null)
        {
            candidates.Add(fromPath);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException(
                $"PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql. Install them with: {InstallCommand}");
    }


    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, string? runAsUser)
    {
        var (exitCode, output) = await ExecuteAsync(file, arguments, runAsUser);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({exitCode}): {output}");
        }
    }

    // Whether the user can pass every folder down to (and into) the folder.
    private static async Task<bool> CanReachAsync(string user, string folder) =>
        (await ExecuteAsync("test", ["-x", folder], user)).ExitCode == 0;

    private static async Task<(int ExitCode, string Output)> ExecuteAsync(string file, IReadOnlyList<string> arguments, string? runAsUser)
    {
        var start = runAsUser is null
            ? new ProcessStartInfo(file)
            : new ProcessStartInfo("runuser", ["-u", runAsUser, "--", file]);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        // The other user may not reach the temporary folder; everyone reaches /.
        start.WorkingDirectory = runAsUser is null ? Path.GetTempPath() : "/";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
