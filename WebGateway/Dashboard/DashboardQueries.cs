using Npgsql;

namespace Enlace.WebGateway.Dashboard;

/// <summary>
/// Monitoring figures from the read model. Counts and durations come from the counters
/// and histograms the read model's triggers keep (bounded by states, agencies, days and
/// hours, not by cases); what depends on the clock is counted live only where it must
/// be: deadlines passed today, completions in the last 30 days.
/// </summary>
public sealed class DashboardQueries(NpgsqlDataSource database)
{
    // The same scope everywhere: every row when scope is null, otherwise rows whose
    // countries meet the scope.
    private const string InScope = "(@all OR countries && @scope)";
    private const string ToDo = "('assigned', 'accepted', 'in_progress')";
    private const string Unfinished = "('assigned', 'accepted', 'in_progress', 'declined')";

    // Midnight UTC today: deadlines before it are counted from rm_task_deadlines by day,
    // deadlines since then one by one.
    private const string Today = "(rm_day(now())::timestamp AT TIME ZONE 'UTC')";

    /// <summary>The summary over cases of <paramref name="scope"/> (null: all countries).</summary>
    public async Task<DashboardSummary> SummaryAsync(IReadOnlyList<string>? scope, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        Add(batch, scope, $"""
            SELECT workflow_id, state, sum(n)::bigint FROM rm_case_counts WHERE {InScope}
            GROUP BY 1, 2 HAVING sum(n) > 0 ORDER BY 1, 2
            """);
        Add(batch, scope, $"""
            SELECT country, sum(n)::bigint FROM rm_case_counts, unnest(countries) AS country
            WHERE {InScope} AND (@all OR country = ANY (@scope))
            GROUP BY 1 HAVING sum(n) > 0 ORDER BY 1
            """);
        Add(batch, scope, $"""
            SELECT COALESCE(sum(n) FILTER (WHERE state IN {ToDo}), 0)::bigint,
                   COALESCE(sum(n) FILTER (WHERE state = 'declined'), 0)::bigint,
                   COALESCE(sum(n) FILTER (WHERE escalated AND state IN {Unfinished}), 0)::bigint
            FROM rm_task_counts WHERE {InScope}
            """);
        Add(batch, scope, $"""
            SELECT COALESCE((SELECT sum(n) FROM rm_task_deadlines WHERE day < rm_day(now()) AND {InScope}), 0)::bigint
                 + (SELECT count(*) FROM rm_tasks WHERE state IN {Unfinished} AND deadline >= {Today} AND deadline < now() AND {InScope}),
                   now()
            """);
        Add(batch, scope, Medians("rm_stage_hours", "workflow_id, stage"));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var byState = new List<StateCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            byState.Add(new StateCount(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        await reader.NextResultAsync(cancellationToken);
        var byCountry = new List<KeyCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            byCountry.Add(new KeyCount(reader.GetString(0), reader.GetInt64(1)));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (open, declined, escalated) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (overdue, now) = (reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1));

        await reader.NextResultAsync(cancellationToken);
        var medians = new List<StageMedian>();
        while (await reader.ReadAsync(cancellationToken))
        {
            medians.Add(new StageMedian(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3)));
        }

        var byWorkflow = byState.GroupBy(s => s.WorkflowId).Select(g => new KeyCount(g.Key, g.Sum(s => s.Count))).ToList();
        return new DashboardSummary(
            scope ?? [], byWorkflow.Sum(w => w.Count), byState, byWorkflow, byCountry,
            new TaskFigures(open, declined, overdue, escalated), medians, now);
    }

    /// <summary>Work per agency over tasks of cases of <paramref name="scope"/> (null: all countries).</summary>
    public async Task<(List<AgencyFigures> Agencies, DateTimeOffset AsOf)> AgenciesAsync(IReadOnlyList<string>? scope, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        Add(batch, scope, $"""
            SELECT agency,
                   COALESCE(sum(n) FILTER (WHERE state IN {ToDo}), 0)::bigint,
                   COALESCE(sum(n) FILTER (WHERE state = 'declined'), 0)::bigint,
                   COALESCE(sum(n) FILTER (WHERE escalated AND state IN {Unfinished}), 0)::bigint
            FROM rm_task_counts WHERE {InScope} GROUP BY agency
            """);
        Add(batch, scope, $"""
            SELECT agency, sum(n)::bigint FROM (
                SELECT agency, sum(n) AS n FROM rm_task_deadlines WHERE day < rm_day(now()) AND {InScope} GROUP BY agency
                UNION ALL
                SELECT agency, count(*) FROM rm_tasks
                WHERE state IN {Unfinished} AND deadline >= {Today} AND deadline < now() AND {InScope} GROUP BY agency) late
            GROUP BY agency HAVING sum(n) > 0
            """);
        Add(batch, scope, $"""
            SELECT agency, count(*) FROM rm_tasks
            WHERE completed_at IS NOT NULL AND completed_at > now() - interval '30 days' AND {InScope}
            GROUP BY agency
            """);
        Add(batch, scope, Medians("rm_completion_hours", "agency"));
        Add(batch, scope, "SELECT now()");

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<string, (long Open, long Declined, long Escalated)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        var overdue = await ReadCountsAsync(reader, cancellationToken);
        var recent = await ReadCountsAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var medians = new Dictionary<string, (int Hours, long Completed)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            medians[reader.GetString(0)] = (reader.GetInt32(1), reader.GetInt64(2));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var now = reader.GetFieldValue<DateTimeOffset>(0);

        var agencies = counts.Keys.Union(overdue.Keys).Union(recent.Keys).Union(medians.Keys).Order(StringComparer.Ordinal)
            .Select(agency =>
            {
                var (open, declined, escalated) = counts.GetValueOrDefault(agency);
                var median = medians.TryGetValue(agency, out var m) ? m : ((int Hours, long Completed)?)null;
                return new AgencyFigures(agency, null, null, open, declined, overdue.GetValueOrDefault(agency), escalated,
                    recent.GetValueOrDefault(agency), median?.Completed ?? 0, median?.Hours);
            })
            .ToList();
        return (agencies, now);
    }

    // The lower median of an hour histogram per group: the first hour at which the
    // running count reaches half of the group's total.
    private static string Medians(string table, string keys) => $"""
        SELECT {keys}, min(hours) FILTER (WHERE running * 2 >= total), max(total)::bigint
        FROM (
            SELECT {keys}, hours,
                   sum(n) OVER (PARTITION BY {keys} ORDER BY hours) AS running,
                   sum(n) OVER (PARTITION BY {keys}) AS total
            FROM (SELECT {keys}, hours, sum(n) AS n FROM {table} WHERE {InScope} GROUP BY {keys}, hours HAVING sum(n) > 0) h
        ) c
        GROUP BY {keys} ORDER BY {keys}
        """;

    private static async Task<Dictionary<string, long>> ReadCountsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        await reader.NextResultAsync(cancellationToken);
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static void Add(NpgsqlBatch batch, IReadOnlyList<string>? scope, string sql)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue("all", scope is null);
        command.Parameters.AddWithValue("scope", scope?.ToArray() ?? []);
        batch.BatchCommands.Add(command);
    }
}
