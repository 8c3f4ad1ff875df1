using Npgsql;

namespace Enlace.Silo.Database;

/// <summary>
/// The least-privilege roles that migration 0021 creates: what silos and gateways connect as.
/// The migration leaves them NOLOGIN and without a password; <see cref="EnableLoginAsync"/>
/// (the silo's <c>roles</c> command, run by an administrator) gives them both.
/// </summary>
public static class DatabaseRoles
{
    /// <summary>The silos' role: grain state, reminders, membership, read model, outbox.</summary>
    public const string Silo = "enlace_silo";

    /// <summary>The gateways' role: read-model queries, idempotency records, people's settings; never grain state.</summary>
    public const string Gateway = "enlace_gateway";

    /// <summary>
    /// Gives <paramref name="role"/> (one of <see cref="Silo"/>, <see cref="Gateway"/>) LOGIN and
    /// <paramref name="password"/>, on a connection of a role allowed to alter it (CREATEROLE or
    /// superuser). The password travels as a bound parameter, never inside a statement's text, and
    /// the server stores its SCRAM verifier (password_encryption).
    /// </summary>
    public static async Task EnableLoginAsync(string adminConnectionString, string role, string password, CancellationToken cancellationToken = default)
    {
        if (role is not (Silo or Gateway))
        {
            throw new ArgumentException($"Unknown role '{role}': {Silo} or {Gateway}.", nameof(role));
        }

        if (password.Length < 16 || password.Any(char.IsControl))
        {
            throw new ArgumentException($"The password of {role} must have at least 16 characters and no control characters.", nameof(password));
        }

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // ALTER ROLE takes no parameters: the values go through transaction-local settings that
        // the DO block reads and quotes (%I, %L) itself.
        await using (var set = new NpgsqlCommand("SELECT set_config('enlace.role', @role, true), set_config('enlace.password', @password, true)", connection, transaction))
        {
            set.Parameters.AddWithValue("role", role);
            set.Parameters.AddWithValue("password", password);
            await set.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var alter = new NpgsqlCommand("""
            DO $login$
            BEGIN
                EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', current_setting('enlace.role'), current_setting('enlace.password'));
            END
            $login$
            """, connection, transaction))
        {
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var clear = new NpgsqlCommand("SELECT set_config('enlace.password', '', true)", connection, transaction))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// <paramref name="connectionString"/> with the user and password of <paramref name="role"/>
    /// (everything else — host, database, SSL Mode, pool settings — unchanged).
    /// </summary>
    public static string ConnectionStringFor(string connectionString, string role, string? password) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = role, Password = password }.ConnectionString;
}
