using Enlace.Grains.Interfaces.ReadModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Enlace.WebGateway.Health;

/// <summary>
/// How far the read model lags behind the grains, as the silos' projection sweepers last
/// saw it. A lag makes the gateway degraded, not unready: commands still work and lists
/// catch up.
/// </summary>
public sealed class ReadModelHealthCheck(IClusterClient grains, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan AcceptableLag = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ReadModelStatus? status;
        try
        {
            status = await grains.GetGrain<IReadModelStatusGrain>(0).Get().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The cluster or the database check says whether that makes the gateway unready;
            // this one only cannot tell the lag.
            return HealthCheckResult.Degraded($"The read model's status could not be read ({e.GetType().Name}).");
        }

        if (status is null)
        {
            return HealthCheckResult.Healthy("No projection sweep has reported yet.");
        }

        var data = new Dictionary<string, object>
        {
            ["pendingCases"] = status.PendingCases,
            ["lagSeconds"] = Math.Round(status.LagSeconds, 1),
            ["checkedAt"] = status.CheckedAt,
        };
        var description = $"{status.PendingCases} cases awaiting projection; lag {status.LagSeconds:0.#} s (checked {status.CheckedAt:u}).";
        var stale = time.GetUtcNow() - status.CheckedAt > AcceptableLag;
        return status.LagSeconds > AcceptableLag.TotalSeconds || stale
            ? HealthCheckResult.Degraded(stale ? "The projection sweepers have not reported for over a minute. " + description : description, data: data)
            : HealthCheckResult.Healthy(description, data);
    }
}
