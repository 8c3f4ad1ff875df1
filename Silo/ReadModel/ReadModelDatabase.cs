using System.Globalization;
using Enlace.Grains.Interfaces.Hosting;
using Npgsql;

namespace Enlace.Silo.ReadModel;

/// <summary>
/// The silo's data source for the read model and the notification outbox, with the statement
/// timeout of <see cref="DatabaseSettings"/> (the gateway applies the same to its own): a
/// projection or sweep that runs or waits on a lock longer is cancelled by the server
/// (SQLSTATE 57014) and retried — by the grain's next change, its activation or the sweeper.
/// Its pooled connections are not reset on checkout (the connection string comes through
/// <c>EnlaceSiloBuilderExtensions.ForOrleans</c>) and keep the statements they run often prepared
/// (<c>Max Auto Prepare</c>, <see cref="AutoPrepared"/> unless set): the projection's inserts and
/// upserts are parsed and planned once per connection.
/// </summary>
public static class ReadModelDatabase
{
    /// <summary>The data source for <paramref name="connectionString"/> with <paramref name="statementTimeout"/> (zero: none).</summary>
    public static NpgsqlDataSource Create(string connectionString, TimeSpan statementTimeout)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (statementTimeout > TimeSpan.Zero && builder.Options?.Contains("statement_timeout", StringComparison.OrdinalIgnoreCase) != true)
        {
            // A startup parameter, so every pooled session has it whatever was reset; Npgsql's own
            // timeout a little longer, so the server cancels first and says why.
            var milliseconds = (long)Math.Ceiling(statementTimeout.TotalMilliseconds);
            builder.Options = $"{builder.Options} -c statement_timeout={milliseconds.ToString(CultureInfo.InvariantCulture)}".Trim();
            builder.CommandTimeout = Math.Max(builder.CommandTimeout, (int)Math.Ceiling(statementTimeout.TotalSeconds) + 5);
        }

        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = AutoPrepared;
        }

        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>The number of statements each pooled connection keeps prepared unless the connection string says otherwise.</summary>
    public const int AutoPrepared = 64;
}
