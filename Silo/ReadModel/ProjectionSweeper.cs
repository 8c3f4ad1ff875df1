using System.Diagnostics.Metrics;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.ReadModel;
using Enlace.Grains.Interfaces.Roadmaps;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Enlace.Silo.ReadModel;

/// <summary>Settings of the projection sweeper (section <c>ReadModel</c>).</summary>
public sealed class ReadModelOptions
{
    /// <summary>Time between sweeps.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Writes younger than this are left to the grain that made them, which is projecting them right now.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most cases flushed by one sweep.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Time between folds of the dashboard counters' appended rows (<c>rm_compact_counts()</c>).</summary>
    public TimeSpan CompactInterval { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Finds cases, roadmaps and roadmap actions whose stored state is newer than the read model (a silo died between the
/// state write and the projection, or the projection failed) and asks their grains to
/// flush. Every silo sweeps; a flush repeated by two silos changes nothing. Reports the
/// remaining lag to <see cref="IReadModelStatusGrain"/> and as metrics.
/// </summary>
public sealed partial class ProjectionSweeper(
    NpgsqlDataSource database,
    IGrainFactory grains,
    IOptions<ClusterOptions> cluster,
    IOptions<ReadModelOptions> options,
    IMeterFactory meters,
    ILogger<ProjectionSweeper> logger) : BackgroundService
{
    private ReadModelStatus? _status;
    private long _unacknowledgedReferrals;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var meter = meters.Create("Enlace.ReadModel");
        meter.CreateObservableGauge("enlace.readmodel.pending_cases", () => _status?.PendingCases ?? 0,
            description: "Cases whose latest write the read model has not received");
        meter.CreateObservableGauge("enlace.readmodel.lag", () => _status?.LagSeconds ?? 0, unit: "s",
            description: "Age of the oldest write the read model has not received");
        meter.CreateObservableGauge("enlace.referral.unacknowledged", () => Volatile.Read(ref _unacknowledgedReferrals), unit: "{referral}",
            description: "Referrals their receiving agency has not acknowledged by the acknowledgement date (read model, at the last sweep)");
        await Task.WhenAll(SweepLoopAsync(settings, stoppingToken), CompactLoopAsync(settings, stoppingToken));
    }

    private async Task SweepLoopAsync(ReadModelOptions settings, CancellationToken stoppingToken)
    {
        // The first sweep looks at every write; later ones from the oldest write still
        // pending, or from just before the previous sweep's horizon.
        var since = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(settings.SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                since = await SweepAsync(since, settings, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(e);
            }
        }
    }

    // Projections append +1/-1 rows to the counters; folding keeps the tables small.
    private async Task CompactLoopAsync(ReadModelOptions settings, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.CompactInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var compact = database.CreateCommand("SELECT rm_compact_counts()");
                await compact.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(e);
            }
        }
    }

    private async Task<DateTimeOffset> SweepAsync(DateTimeOffset since, ReadModelOptions settings, CancellationToken cancellationToken)
    {
        var (now, pending) = await PendingAsync(since, now: null, settings.Grace, settings.BatchSize, cancellationToken);
        foreach (var (kind, key, _) in pending)
        {
            await (kind switch
            {
                "case" => grains.GetGrain<ICaseGrain>(key).FlushProjection(),
                "roadmap-action" => grains.GetGrain<IRoadmapActionGrain>(key).FlushProjection(),
                _ => grains.GetGrain<IRoadmapGrain>(key).FlushProjection(),
            });
        }

        if (pending.Count > 0)
        {
            LogFlushed(pending.Count);
        }

        // What is still pending after the flush is the lag.
        var (_, left) = pending.Count == 0 ? (now, pending) : await PendingAsync(since, now, settings.Grace, settings.BatchSize, cancellationToken);
        _status = new ReadModelStatus(left.Count, left.Count == 0 ? 0 : (now - left[0].ModifiedAt).TotalSeconds, now);
        await grains.GetGrain<IReadModelStatusGrain>(0).Report(_status);
        Volatile.Write(ref _unacknowledgedReferrals, await UnacknowledgedReferralsAsync(now, cancellationToken));
        return left.Count > 0 ? left[0].ModifiedAt : now - settings.Grace - TimeSpan.FromMinutes(1);
    }

    private async Task<(DateTimeOffset Now, List<(string Kind, string Key, DateTimeOffset ModifiedAt)> Pending)> PendingAsync(
        DateTimeOffset since, DateTimeOffset? now, TimeSpan grace, int max, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT p.state_name, p.grain_key, p.modified_at, n.now
            FROM (SELECT COALESCE(@now, now()) AS now) n
            LEFT JOIN LATERAL rm_pending_projections(@service, @since, n.now - @grace, @max) p ON true
            """);
        command.Parameters.AddWithValue("now", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)now?.UtcDateTime ?? DBNull.Value);
        command.Parameters.AddWithValue("service", cluster.Value.ServiceId);
        command.Parameters.AddWithValue("since", since == DateTimeOffset.MinValue ? DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc) : since.UtcDateTime);
        command.Parameters.AddWithValue("grace", grace);
        command.Parameters.AddWithValue("max", max);
        var pending = new List<(string, string, DateTimeOffset)>();
        var at = DateTimeOffset.UtcNow;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            at = reader.GetFieldValue<DateTimeOffset>(3);
            if (!reader.IsDBNull(0))
            {
                pending.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
            }
        }

        return (at, pending);
    }

    // Over the partial index rm_tasks_unacknowledged (migration 0019).
    private async Task<long> UnacknowledgedReferralsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT count(*) FROM rm_tasks WHERE state = 'assigned' AND acknowledge_by IS NOT NULL AND acknowledge_by < @now");
        command.Parameters.AddWithValue("now", now.UtcDateTime);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection sweeper flushed {Count} cases the read model lagged behind")]
    private partial void LogFlushed(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection sweep failed; the next one retries")]
    private partial void LogSweepFailed(Exception exception);
}
