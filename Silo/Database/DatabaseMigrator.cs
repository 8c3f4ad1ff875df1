using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Enlace.Silo.Database;

/// <summary>
/// Applies the embedded SQL migrations (Database/Migrations/NNNN_name.sql) in order,
/// each once, and records what it applied in <c>enlace_schema_migrations</c>.
/// </summary>
/// <remarks>
/// Several silos may start at once against one database: an advisory lock makes
/// them migrate one after the other. An applied script whose text changed since
/// is an error, never silently re-run.
/// </remarks>
public static partial class DatabaseMigrator
{
    private const long AdvisoryLockKey = 0x456E6C616365; // "Enlace"

    /// <summary>The migrations shipped with this build, in the order they apply.</summary>
    public static IReadOnlyList<Migration> Shipped { get; } = LoadShipped();

    /// <summary>Creates the database named in the connection string when it does not exist yet.</summary>
    /// <remarks>
    /// A database that exists is left alone without touching the server's <c>postgres</c>
    /// database: a least-privilege role (enlace_silo) may connect to its own database only.
    /// </remarks>
    public static async Task EnsureDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? throw new InvalidOperationException("The connection string names no database (Database=...).");
        try
        {
            await using var probe = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await probe.OpenAsync(cancellationToken);
            return;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // The database does not exist yet: create it below.
        }

        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted} ENCODING 'UTF8' TEMPLATE template0", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another process created it between our check and our CREATE.
        }
    }

    /// <summary>Applies every shipped migration not applied yet; returns the names it applied.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // Up to date: nothing to lock or create. A silo on its least-privilege role (which may
        // read the migration log but create nothing) starts here; only pending migrations need
        // the database owner.
        if (await IsUpToDateAsync(connection, cancellationToken))
        {
            return [];
        }

        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", cancellationToken, ("key", AdvisoryLockKey));
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS enlace_schema_migrations (
                    version    integer     PRIMARY KEY,
                    name       text        NOT NULL,
                    checksum   text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken);
            var applied = await ReadAppliedAsync(connection, cancellationToken);
            var newlyApplied = new List<string>();
            foreach (var migration in Shipped)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (checksum != migration.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"Migration {migration.Name} was applied with other contents (checksum {checksum}, now {migration.Checksum}). " +
                            "Applied migrations must never be edited: add a new migration instead.");
                    }

                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction))
                {
                    await script.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var record = new NpgsqlCommand(
                    "INSERT INTO enlace_schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)",
                    connection,
                    transaction))
                {
                    record.Parameters.AddWithValue("version", migration.Version);
                    record.Parameters.AddWithValue("name", migration.Name);
                    record.Parameters.AddWithValue("checksum", migration.Checksum);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                newlyApplied.Add(migration.Name);
            }

            return newlyApplied;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new InvalidOperationException(
                $"Migrations are pending and the role {connection.UserName} may not apply them ({e.MessageText}). " +
                "Run `dotnet Enlace.Silo.dll migrate` with the database owner's connection string first (docs/OPERATIONS.md, \"Database roles\").",
                e);
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", AdvisoryLockKey));
        }
    }

    private static async Task<bool> IsUpToDateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('enlace_schema_migrations') IS NOT NULL", connection))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return false;
            }
        }

        var applied = await ReadAppliedAsync(connection, cancellationToken);
        return Shipped.All(m => applied.TryGetValue(m.Version, out var checksum) && checksum == m.Checksum);
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM enlace_schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection,
        string sql,
        CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<Migration> LoadShipped()
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = MigrationResourceName().Match(resource);
            if (!match.Success)
            {
                continue;
            }

            var sql = ReadResource(assembly, resource);
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
            migrations.Add(new Migration(int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups["name"].Value, sql, checksum));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share the number {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}.");
        }

        return [.. migrations.OrderBy(m => m.Version)];
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\.Migrations\.(?<name>(?<version>\d{4})_[a-z0-9_]+)\.sql$")]
    private static partial System.Text.RegularExpressions.Regex MigrationResourceName();
}
