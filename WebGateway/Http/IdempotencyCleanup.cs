using Npgsql;

namespace Enlace.WebGateway.Http;

/// <summary>Deletes stored idempotent responses older than 24 h, hourly; they may hold personal data.</summary>
public sealed partial class IdempotencyCleanup(NpgsqlDataSource database, ILogger<IdempotencyCleanup> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await using var command = database.CreateCommand("DELETE FROM enlace_http_idempotency WHERE created_at < now() - interval '24 hours'");
                var deleted = await command.ExecuteNonQueryAsync(stoppingToken);
                LogDeleted(deleted);
            }
            catch (NpgsqlException e)
            {
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} expired idempotent responses")]
    private partial void LogDeleted(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired idempotent responses failed; retrying in an hour")]
    private partial void LogFailed(Exception exception);
}
