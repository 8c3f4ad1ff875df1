using Enlace.Silo.Database;
using Enlace.Tests.Infrastructure;
using Npgsql;

namespace Enlace.Tests.Operations;

/// <summary>
/// The least-privilege roles of migration 0021: what the gateway's role is refused, that every
/// table is granted to someone, and that the gateway's grants are exactly what its SQL needs.
/// (That they suffice is proven by the whole gateway suite, whose fixture connects as these roles.)
/// </summary>
public sealed class DatabaseRolesTests
{
    // What the gateway's own SQL reads and writes (WebGateway/**/*Queries.cs, *Api.cs, Idempotency*.cs)
    // and what the Orleans client's gateway list reads. A change here is a security decision:
    // say in migrations and docs/OPERATIONS.md why the gateway needs it.
    private static readonly SortedDictionary<string, string> GatewayTableGrants = new(StringComparer.Ordinal)
    {
        ["enlace_http_idempotency"] = "DELETE,INSERT,SELECT,UPDATE",
        ["notify_deliveries"] = "SELECT",
        ["notify_user_settings"] = "INSERT,SELECT,UPDATE",
        ["notify_webhooks"] = "INSERT,SELECT,UPDATE",
        ["orleansquery"] = "SELECT",
        ["rm_actions"] = "SELECT",
        ["rm_audit_events"] = "SELECT",
        ["rm_case_agencies"] = "SELECT",
        ["rm_case_counts"] = "SELECT",
        ["rm_cases"] = "SELECT",
        ["rm_completion_hours"] = "SELECT",
        ["rm_notification_reads"] = "INSERT,SELECT",
        ["rm_notifications"] = "SELECT",
        ["rm_roadmaps"] = "SELECT",
        ["rm_stage_hours"] = "SELECT",
        ["rm_task_counts"] = "SELECT",
        ["rm_task_deadlines"] = "SELECT",
        ["rm_tasks"] = "SELECT",
        ["rm_victim_facts"] = "SELECT",
    };

    private static readonly string[] GatewayMembershipColumns = ["address", "deployment_id", "generation", "proxy_port", "status"];

    [Fact]
    public async Task TheGatewaysRoleIsRefusedGrainStateRemindersAndTheSilosOwnTables()
    {
        var (server, owner) = await NewDatabaseAsync("roles_refused");
        await using var gateway = await OpenAsync(await server.AsRoleAsync(owner, DatabaseRoles.Gateway));

        // Victims' identities are sealed inside the grain state: the gateway may not even read the ciphertext.
        foreach (var statement in new[]
        {
            "SELECT * FROM orleans_grain_state",
            "SELECT count(*) FROM orleans_grain_state",
            "SELECT * FROM orleans_reminders",
            "SELECT * FROM orleans_membership_version",
            "SELECT suspect_times FROM orleans_membership",
            "SELECT * FROM rm_stage_stays",
            "SELECT * FROM notify_attempts",
            "SELECT * FROM enlace_schema_migrations",
            "SELECT * FROM rm_pending_projections('svc', now(), now(), 10)",
            "INSERT INTO rm_cases (case_id) VALUES ('c-1')",
            "DELETE FROM rm_tasks",
            "UPDATE orleansquery SET querytext = 'SELECT 1'",
            "CREATE TABLE gateway_owned (id int)",
        })
        {
            var refusal = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(gateway, statement));
            Assert.True(refusal.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{statement}: SQLSTATE {refusal.SqlState}, expected 42501 ({refusal.MessageText})");
        }

        // What the Orleans client needs to find the silos' gateways stays readable.
        await ExecuteAsync(gateway, "SELECT address, proxy_port, generation FROM orleans_membership WHERE deployment_id = 'x' AND status = 3 AND proxy_port > 0");
        await ExecuteAsync(gateway, "SELECT querykey, querytext FROM orleansquery");
    }

    [Fact]
    public async Task EveryTableIsGrantedToARoleAndTheGatewayHasExactlyWhatItsSqlNeeds()
    {
        var (_, owner) = await NewDatabaseAsync("roles_grants");
        await using var connection = await OpenAsync(owner);

        var tables = await ReadAsync(connection, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')");
        var granted = await ReadAsync(connection, """
            SELECT DISTINCT table_name FROM information_schema.role_table_grants
            WHERE table_schema = 'public' AND grantee IN ('enlace_silo', 'enlace_gateway')
            UNION
            SELECT DISTINCT table_name FROM information_schema.column_privileges
            WHERE table_schema = 'public' AND grantee IN ('enlace_silo', 'enlace_gateway')
            """);
        var ungranted = tables.Except(granted).Order(StringComparer.Ordinal).ToList();
        Assert.True(ungranted.Count == 0,
            $"Tables no role may use: {string.Join(", ", ungranted)}. A migration that creates a table must GRANT it to enlace_silo and/or enlace_gateway (see 0021_roles.sql).");

        var gatewayTables = await ReadAsync(connection, """
            SELECT table_name || '=' || string_agg(privilege_type, ',' ORDER BY privilege_type)
            FROM information_schema.role_table_grants
            WHERE table_schema = 'public' AND grantee = 'enlace_gateway'
            GROUP BY table_name
            """);
        Assert.Equal(GatewayTableGrants.Select(g => $"{g.Key}={g.Value}"), gatewayTables.Order(StringComparer.Ordinal));

        var gatewayColumns = await ReadAsync(connection, """
            SELECT table_name || '.' || column_name || '=' || privilege_type
            FROM information_schema.column_privileges
            WHERE table_schema = 'public' AND grantee = 'enlace_gateway' AND table_name <> ALL (@tables)
            """, ("tables", GatewayTableGrants.Keys.ToArray()));
        Assert.Equal(GatewayMembershipColumns.Select(c => $"orleans_membership.{c}=SELECT"), gatewayColumns.Order(StringComparer.Ordinal));

        // Nothing for the gateway in the tables that hold identities or what only silos write.
        foreach (var table in new[] { "orleans_grain_state", "orleans_reminders", "orleans_membership_version", "notify_attempts", "rm_stage_stays" })
        {
            Assert.DoesNotContain(gatewayTables, g => g.StartsWith(table + "=", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task TheRolesCommandGivesLoginAndAScramPasswordAndTheSiloRoleStartsOnAnUpToDateDatabase()
    {
        var (server, owner) = await NewDatabaseAsync("roles_login");
        await using var connection = await OpenAsync(owner);
        var before = await ReadAsync(connection, "SELECT rolname FROM pg_roles WHERE rolname IN ('enlace_silo', 'enlace_gateway') AND NOT rolsuper AND NOT rolcreaterole AND NOT rolcreatedb AND NOT rolbypassrls");
        Assert.Equal(["enlace_gateway", "enlace_silo"], before.Order(StringComparer.Ordinal));

        // The server's roles are shared with the other tests' databases, which connect by trust:
        // a new password changes nothing for them. AsRoleAsync first, so that this ALTER ROLE
        // never races the server's one-time login grant.
        var silo = await server.AsRoleAsync(owner, DatabaseRoles.Silo);
        await DatabaseRoles.EnableLoginAsync(owner, DatabaseRoles.Gateway, "a-password-of-its-own-'quoted'");
        var stored = await ReadAsync(connection, "SELECT rolcanlogin::text || ' ' || left(rolpassword, 14) FROM pg_authid WHERE rolname = 'enlace_gateway'");
        Assert.Equal(["true SCRAM-SHA-256$"], stored);
        await Assert.ThrowsAsync<ArgumentException>(() => DatabaseRoles.EnableLoginAsync(owner, DatabaseRoles.Gateway, "short"));
        await Assert.ThrowsAsync<ArgumentException>(() => DatabaseRoles.EnableLoginAsync(owner, "postgres", "a-long-enough-password"));

        // A silo starting on its own role (which can create nothing) finds nothing to migrate.
        await DatabaseMigrator.EnsureDatabaseAsync(silo);
        Assert.Empty(await DatabaseMigrator.MigrateAsync(silo));

        // With migrations pending it says who must apply them instead of failing half-way.
        var empty = server.ConnectionString($"roles_pending_{Guid.NewGuid():N}"[..30]);
        await DatabaseMigrator.EnsureDatabaseAsync(empty);
        var pending = await Assert.ThrowsAsync<InvalidOperationException>(
            () => DatabaseMigrator.MigrateAsync(DatabaseRoles.ConnectionStringFor(empty, DatabaseRoles.Silo, null)));
        Assert.StartsWith("Migrations are pending and the role enlace_silo may not apply them", pending.Message);
        Assert.Contains("migrate` with the database owner's connection string", pending.Message);
    }

    private static async Task<(PostgresServer Server, string Owner)> NewDatabaseAsync(string purpose)
    {
        var server = await PostgresServer.GetAsync();
        return (server, await server.CreateDatabaseAsync(purpose));
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> ReadAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
