using System.Globalization;
using Enlace.Grains.Interfaces.Hosting;
using Npgsql;

namespace Enlace.WebGateway.Hosting;

/// <summary>
/// The gateway's PostgreSQL data source (read model, idempotency records, settings) with the
/// statement timeout of <see cref="DatabaseSettings"/>: a query that runs or waits on a lock
/// longer is cancelled by the server (SQLSTATE 57014), which the gateway answers 503 with
/// Retry-After — a slow query holds neither a connection nor a client for long.
/// </summary>
public static class GatewayDatabase
{
    /// <summary>The data source for <paramref name="connectionString"/> with the configured timeout.</summary>
    public static NpgsqlDataSource Create(string connectionString, IConfiguration configuration)
    {
        var settings = configuration.GetSection(DatabaseSettings.SectionName).Get<DatabaseSettings>() ?? new DatabaseSettings();
        return NpgsqlDataSource.Create(WithStatementTimeout(connectionString, settings.StatementTimeout));
    }

    /// <summary>
    /// <paramref name="connectionString"/> with <c>statement_timeout</c> set at connection start
    /// (the <c>Options</c> startup parameter, so every session of the pool has it), and Npgsql's
    /// own command timeout a little longer, so the server cancels first and says why. A
    /// statement_timeout already in the connection string's <c>Options</c> is kept.
    /// </summary>
    public static string WithStatementTimeout(string connectionString, TimeSpan timeout)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (timeout <= TimeSpan.Zero || builder.Options?.Contains("statement_timeout", StringComparison.OrdinalIgnoreCase) == true)
        {
            return builder.ConnectionString;
        }

        var milliseconds = (long)Math.Ceiling(timeout.TotalMilliseconds);
        builder.Options = $"{builder.Options} -c statement_timeout={milliseconds.ToString(CultureInfo.InvariantCulture)}".Trim();
        builder.CommandTimeout = Math.Max(builder.CommandTimeout, (int)Math.Ceiling(timeout.TotalSeconds) + 5);
        return builder.ConnectionString;
    }
}
