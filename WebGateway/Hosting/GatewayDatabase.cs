using System.Globalization;
using Enlace.Grains.Interfaces.Hosting;
using Npgsql;

namespace Enlace.WebGateway.Hosting;

/// <summary>
/// The gateway's PostgreSQL data source (read model, idempotency records, settings) with the
/// statement timeout of <see cref="DatabaseSettings"/>: a query that runs or waits on a lock
/// longer is cancelled by the server (SQLSTATE 57014), which the gateway answers 503 with
/// Retry-After — a slow query holds neither a connection nor a client for long. Its pooled
/// connections are not reset on checkout and keep the statements they run often prepared
/// (<see cref="Pooled"/>).
/// </summary>
public static class GatewayDatabase
{
    /// <summary>The data source for <paramref name="connectionString"/> with the configured timeout.</summary>
    public static NpgsqlDataSource Create(string connectionString, IConfiguration configuration)
    {
        var settings = configuration.GetSection(DatabaseSettings.SectionName).Get<DatabaseSettings>() ?? new DatabaseSettings();
        return NpgsqlDataSource.Create(Pooled(WithStatementTimeout(connectionString, settings.StatementTimeout)));
    }

    /// <summary>The number of statements each pooled connection keeps prepared unless the connection string says otherwise.</summary>
    public const int AutoPrepared = 64;

    /// <summary>
    /// <paramref name="connectionString"/> with <c>No Reset On Close</c> — a connection handed back
    /// to the pool is not reset (<c>DISCARD ALL</c>, a round trip on every checkout, and the end of its
    /// prepared statements); no query of the gateway or of the read model changes session state, and
    /// the statement timeout is a startup parameter — and <c>Max Auto Prepare</c>
    /// (<see cref="AutoPrepared"/>, unless set): a statement run five times on a connection is
    /// prepared there, so the list, inbox and idempotency queries are parsed and planned once per
    /// connection rather than once per request.
    /// </summary>
    public static string Pooled(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = AutoPrepared;
        }

        return builder.ConnectionString;
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
