using System.Text;
using Enlace.Grains.Interfaces.Security;
using Enlace.WebGateway.Http;
using Npgsql;

namespace Enlace.WebGateway.Cases;

/// <summary>
/// The case list and the inbox, queried from the read model with the grains' visibility
/// rules: coordinators and managers see the cases of their countries, agents only cases
/// where their agency has (or had) a task; administrators, as such, none.
/// </summary>
public sealed class CaseQueries(NpgsqlDataSource database)
{
    private static readonly string[] ToDo = ["assigned", "accepted", "in_progress"];

    // A task is overdue when it is unfinished and past its deadline: the due date, or for
    // a referral not yet accepted the acknowledgement date when earlier (as CaseViews.IsOverdue).
    private const string Overdue = "(t.state IN ('assigned', 'accepted', 'in_progress', 'declined') AND t.deadline < now())";

    /// <summary>Filters of <c>GET /api/v1/cases</c>.</summary>
    public sealed record CaseFilter(string? State, string? Country, string? Agency, string? WorkflowId, bool? Overdue, string? Q)
    {
        /// <summary>The filters as a cursor of this list is bound to them.</summary>
        public string Key => string.Join('\u001f', State, Country, Agency, WorkflowId, Overdue, Q);
    }

    /// <summary>The list name cursors of the case list carry.</summary>
    public const string CaseList = "cases";

    /// <summary>
    /// One page of the cases <paramref name="caller"/> may see, newest change first: the page of
    /// <paramref name="paging"/>, or the one after its cursor, read in index order either way.
    /// </summary>
    public async Task<ListPage<CaseSummary>> ListCasesAsync(Caller caller, CaseFilter filter, Paging paging, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("WHERE true");
        await using var command = database.CreateCommand();
        var byCountry = caller.Is(Caller.Coordinator) || caller.Is(Caller.Manager);
        var byAgency = caller.Is(Caller.Agent) && caller.Agency is not null;
        command.Parameters.AddWithValue("callerCountries", caller.Countries.IsDefault ? Array.Empty<string>() : caller.Countries.ToArray());
        command.Parameters.AddWithValue("callerAgency", caller.Agency ?? "");

        // The agency → cases path (rm_case_agencies) drives the list where an agency narrows it:
        // an agent's own list, or any list filtered by agency. Otherwise the cases newest first.
        var via = byAgency && !byCountry ? caller.Agency : NullIfEmpty(filter.Agency);
        string from, key;
        if (via is not null)
        {
            from = "rm_case_agencies x JOIN rm_cases c ON c.case_id = x.case_id";
            key = "x";
            where.Append(" AND x.agency = @via");
            command.Parameters.AddWithValue("via", via);
        }
        else
        {
            from = "rm_cases c";
            key = "c";
        }

        var visibleByDriver = via is not null && via == caller.Agency && byAgency && !byCountry;
        if (!visibleByDriver)
        {
            where.Append(" AND (");
            where.Append(byCountry ? "c.countries && @callerCountries" : "false");
            where.Append(byAgency ? " OR EXISTS (SELECT 1 FROM rm_case_agencies a WHERE a.case_id = c.case_id AND a.agency = @callerAgency)" : "");
            where.Append(')');
        }

        Filter(where, command, "c.state = @state", "state", filter.State);
        Filter(where, command, "@country = ANY (c.countries)", "country", filter.Country);
        Filter(where, command, "c.workflow_id = @workflow", "workflow", filter.WorkflowId);
        if (!string.IsNullOrEmpty(filter.Agency) && filter.Agency != via)
        {
            Filter(where, command, "EXISTS (SELECT 1 FROM rm_case_agencies f WHERE f.case_id = c.case_id AND f.agency = @agency)", "agency", filter.Agency);
        }

        if (filter.Overdue is { } overdue)
        {
            where.Append(overdue ? " AND " : " AND NOT ").Append($"EXISTS (SELECT 1 FROM rm_tasks t WHERE t.case_id = c.case_id AND {Overdue})");
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            // Reference, title and summary only: victims' data is never in the read model.
            // (The trigram index rm_cases_text serves this expression.)
            where.Append(" AND (c.reference || ' ' || c.title || ' ' || c.summary) ILIKE @q");
            command.Parameters.AddWithValue("q", "%" + filter.Q.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%");
        }

        var filtered = where.ToString();
        if (paging.After is { } after)
        {
            where.Append($" AND ({key}.updated_at, {key}.case_id) < (@afterAt, @afterId)");
            command.Parameters.AddWithValue("afterAt", after.At);
            command.Parameters.AddWithValue("afterId", after.Id);
        }

        // One row more than the page says whether another page follows.
        command.Parameters.AddWithValue("limit", paging.PageSize + 1);
        command.Parameters.AddWithValue("offset", paging.Offset);
        command.CommandText = $"""
            SELECT c.case_id, c.reference, c.workflow_id, c.workflow_version, c.title, c.state, c.lead_country, c.countries,
                   c.border_point, c.opened_at, c.updated_at, c.closed_at, c.version,
                   (SELECT count(*) FROM rm_tasks t WHERE t.case_id = c.case_id AND t.state IN ('assigned', 'accepted', 'in_progress', 'declined'))::int,
                   (SELECT count(*) FROM rm_tasks t WHERE t.case_id = c.case_id AND {Overdue})::int
            FROM {from} {where}
            ORDER BY {key}.updated_at DESC, {key}.case_id DESC
            LIMIT @limit OFFSET @offset
            """;
        var items = new List<CaseSummary>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new CaseSummary(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6), reader.GetFieldValue<string[]>(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(9), reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11), reader.GetInt32(12), reader.GetInt32(13), reader.GetInt32(14)));
            }
        }

        string? next = null;
        if (items.Count > paging.PageSize)
        {
            items.RemoveAt(items.Count - 1);
            next = new ListCursor(false, 0, items[^1].UpdatedAt, items[^1].Id).Write(CaseList, filter.Key);
        }

        // The total: from the read model's counters when only countries, state and workflow
        // narrow the list (the usual views of managers and coordinators), counted up to
        // Paging.CountLimit otherwise.
        var countable = byCountry && !byAgency && filter.Agency is null && filter.Overdue is null && string.IsNullOrWhiteSpace(filter.Q);
        var (total, exact) = countable
            ? (await CountFromCountersAsync(caller, filter, cancellationToken), true)
            : await CountUpToLimitAsync(
                // An agent's list with no other filter counts the path alone (no join to rm_cases per row).
                visibleByDriver && filtered == "WHERE true AND x.agency = @via" ? "SELECT 1 FROM rm_case_agencies x WHERE x.agency = @via" : $"SELECT 1 FROM {from} {filtered}",
                command, cancellationToken);
        return new ListPage<CaseSummary>(items, paging.Page, paging.PageSize, total, next, exact);
    }

    private async Task<int> CountFromCountersAsync(Caller caller, CaseFilter filter, CancellationToken cancellationToken)
    {
        await using var count = database.CreateCommand("""
            SELECT COALESCE(sum(n), 0)::int FROM rm_case_counts
            WHERE countries && @scope AND (@country::text IS NULL OR @country = ANY (countries))
              AND (@state::text IS NULL OR state = @state) AND (@workflow::text IS NULL OR workflow_id = @workflow)
            """);
        count.Parameters.AddWithValue("scope", caller.Countries.IsDefault ? Array.Empty<string>() : caller.Countries.ToArray());
        count.Parameters.AddWithValue("country", NpgsqlTypes.NpgsqlDbType.Text, (object?)NullIfEmpty(filter.Country) ?? DBNull.Value);
        count.Parameters.AddWithValue("state", NpgsqlTypes.NpgsqlDbType.Text, (object?)NullIfEmpty(filter.State) ?? DBNull.Value);
        count.Parameters.AddWithValue("workflow", NpgsqlTypes.NpgsqlDbType.Text, (object?)NullIfEmpty(filter.WorkflowId) ?? DBNull.Value);
        return (int)(await count.ExecuteScalarAsync(cancellationToken))!;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The list names cursors of the task lists carry.</summary>
    public const string InboxList = "inbox", QueueList = "queue";

    /// <summary>The filters of an inbox as its cursors are bound to them.</summary>
    public static string InboxKey(string agency, string? state, bool? overdue) => string.Join('\u001f', agency, state, overdue);

    /// <summary>The scope of a coordination queue as its cursors are bound to it.</summary>
    public static string QueueKey(IReadOnlyList<string> countries) => string.Join(',', countries);

    /// <summary>One page of the tasks of <paramref name="agency"/>, most urgent first: overdue, then priority, then due date.</summary>
    public async Task<ListPage<InboxItem>> InboxAsync(string agency, string? state, bool? overdue, Paging paging, CancellationToken cancellationToken)
    {
        // Without a state filter the inbox is the work still to do by the agency; with a state
        // of finished (or declined) work, that work. Either way two runs in index order, the
        // overdue tasks and then the others (rm_tasks_todo, rm_tasks_late; rm_tasks_done), so a
        // page costs the same however many tasks the agency has; the totals come from the
        // read model's counters.
        string[] states = string.IsNullOrEmpty(state) ? [.. ToDo] : [state];
        var todo = states.All(ToDo.Contains);
        var scope = todo
            ? "t.agency = @agency AND t.state IN ('assigned', 'accepted', 'in_progress') AND t.state = ANY (@states)"
            : "t.agency = @agency AND t.state IN ('completed', 'cancelled', 'declined') AND t.state = @state";
        var canBeLate = todo || state == "declined";
        var runs = new TaskRuns(
            overdue == false || !canBeLate ? null : $"{scope} AND t.deadline < now()",
            overdue == true ? null : canBeLate ? $"{scope} AND NOT (t.deadline < now())" : scope,
            command =>
            {
                // A plain state = @state (not = ANY): only an equality lets rm_tasks_done give the order.
                command.Parameters.AddWithValue("agency", agency);
                command.Parameters.AddWithValue("states", states);
                command.Parameters.AddWithValue("state", states[0]);
            });

        var (open, late) = await InboxTotalsAsync(agency, states, cancellationToken);
        var total = overdue switch { true => late, false => open - late, null => open };
        return await TaskListAsync(runs, InboxList, InboxKey(agency, state, overdue), total, paging, cancellationToken);
    }

    private async Task<(long Open, long Late)> InboxTotalsAsync(string agency, string[] states, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT COALESCE((SELECT sum(n) FROM rm_task_counts WHERE agency = @agency AND state = ANY (@states)), 0)::bigint,
                   COALESCE((SELECT sum(n) FROM rm_task_deadlines WHERE agency = @agency AND state = ANY (@states) AND day < rm_day(now())), 0)::bigint
                 + (SELECT count(*) FROM rm_tasks
                    WHERE agency = @agency AND state = ANY (@states) AND state IN ('assigned', 'accepted', 'in_progress', 'declined')
                      AND deadline >= (rm_day(now())::timestamp AT TIME ZONE 'UTC') AND deadline < now())
            """);
        command.Parameters.AddWithValue("agency", agency);
        command.Parameters.AddWithValue("states", states);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// The coordination queue: tasks of cases in <paramref name="countries"/> that wait on a
    /// coordinator — declined, or open past their deadline — overdue first, then the most urgent.
    /// </summary>
    public async Task<ListPage<InboxItem>> QueueAsync(IReadOnlyList<string> countries, Paging paging, CancellationToken cancellationToken)
    {
        // Late work of any unfinished state (rm_tasks_queue, or rm_tasks_deadline when little is
        // late), then declined work not yet late (rm_tasks_declined); exact totals from the counters.
        var runs = new TaskRuns(
            "t.state IN ('assigned', 'accepted', 'in_progress', 'declined') AND t.deadline < now() AND t.countries && @countries",
            "t.state = 'declined' AND NOT (t.deadline < now()) AND t.countries && @countries",
            command => command.Parameters.AddWithValue("countries", countries.ToArray()));
        await using var totals = database.CreateCommand("""
            SELECT COALESCE((SELECT sum(n) FROM rm_task_deadlines WHERE day < rm_day(now()) AND countries && @countries), 0)::bigint
                 + (SELECT count(*) FROM rm_tasks WHERE state IN ('assigned', 'accepted', 'in_progress', 'declined')
                    AND deadline >= (rm_day(now())::timestamp AT TIME ZONE 'UTC') AND deadline < now() AND countries && @countries)
                 + COALESCE((SELECT sum(n) FROM rm_task_counts WHERE state = 'declined' AND countries && @countries), 0)::bigint
                 - COALESCE((SELECT sum(n) FROM rm_task_deadlines WHERE state = 'declined' AND day < rm_day(now()) AND countries && @countries), 0)::bigint
                 - (SELECT count(*) FROM rm_tasks WHERE state = 'declined'
                    AND deadline >= (rm_day(now())::timestamp AT TIME ZONE 'UTC') AND deadline < now() AND countries && @countries)
            """);
        runs.Bind(totals);
        var total = (long)(await totals.ExecuteScalarAsync(cancellationToken))!;
        return await TaskListAsync(runs, QueueList, QueueKey(countries), total, paging, cancellationToken);
    }

    // A task list as two runs read one after the other — its late tasks, then the rest (either
    // may be absent) — each a WHERE over rm_tasks t, in urgency order: priority rank descending,
    // due date, case and task id, written (-priority_rank, ...) so that a row comparison after a
    // cursor reads the index from that key.
    private sealed record TaskRuns(string? Late, string? Rest, Action<NpgsqlCommand> Bind);

    private async Task<ListPage<InboxItem>> TaskListAsync(TaskRuns runs, string list, string filterKey, long total, Paging paging, CancellationToken cancellationToken)
    {
        var want = paging.PageSize + 1;
        var rows = new List<(InboxItem Item, int Rank)>();
        var skipRest = paging.Offset;
        if (runs.Late is not null && paging.After is not { Late: false })
        {
            rows.AddRange(await RunAsync(runs, late: true, paging.After, paging.Offset, want, cancellationToken));

            // The rest run starts where the late run ends: a page that took late rows starts it
            // at its beginning; a page wholly past the late rows skips what the late run lacked.
            skipRest = rows.Count > 0 || paging.Offset == 0 ? 0 : paging.Offset - await CountRunAsync(runs, paging.Offset, cancellationToken);
        }

        if (runs.Rest is not null && rows.Count < want)
        {
            var after = paging.After is { Late: false } cursor ? cursor : null;
            rows.AddRange(await RunAsync(runs, late: false, after, skipRest, want - rows.Count, cancellationToken));
        }

        string? next = null;
        if (rows.Count > paging.PageSize)
        {
            rows.RemoveAt(rows.Count - 1);
            var (last, rank) = rows[^1];
            next = new ListCursor(last.Overdue, rank, last.DueAt, last.CaseId, last.Id).Write(list, filterKey);
        }

        return new ListPage<InboxItem>([.. rows.Select(r => r.Item)], paging.Page, paging.PageSize, (int)Math.Min(int.MaxValue, total), next);
    }

    private async Task<List<(InboxItem Item, int Rank)>> RunAsync(TaskRuns runs, bool late, ListCursor? after, long offset, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand();
        runs.Bind(command);
        var keyset = "";
        if (after is not null)
        {
            keyset = " AND (-t.priority_rank, t.due_at, t.case_id, t.task_id) > (@afterRank, @afterDue, @afterCase, @afterTask)";
            command.Parameters.AddWithValue("afterRank", -after.Rank);
            command.Parameters.AddWithValue("afterDue", after.At);
            command.Parameters.AddWithValue("afterCase", after.Id);
            command.Parameters.AddWithValue("afterTask", after.Id2);
        }

        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("offset", offset);
        command.CommandText = $"""
            SELECT t.task_id, t.case_id, c.reference, c.title, t.title, t.agency, t.state, t.priority, t.kind, t.due_at,
                   t.acknowledge_by, {(late ? "true" : "false")}, t.escalated, t.updated_at, t.version, t.priority_rank
            FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id
            WHERE {(late ? runs.Late : runs.Rest)}{keyset}
            ORDER BY -t.priority_rank, t.due_at, t.case_id, t.task_id
            LIMIT @limit OFFSET @offset
            """;
        return await ReadInboxAsync(command, cancellationToken);
    }

    // How many late rows there are, counting no further than the offset that passed them all.
    private async Task<long> CountRunAsync(TaskRuns runs, long upTo, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT count(*) FROM (SELECT 1 FROM rm_tasks t WHERE {runs.Late} LIMIT @upTo) s");
        runs.Bind(command);
        command.Parameters.AddWithValue("upTo", upTo);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<List<(InboxItem Item, int Rank)>> ReadInboxAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var items = new List<(InboxItem, int)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add((new InboxItem(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10), reader.GetBoolean(11), reader.GetBoolean(12),
                reader.GetFieldValue<DateTimeOffset>(13), reader.GetInt32(14)), reader.GetInt32(15)));
        }

        return items;
    }

    // The total of a list no counter knows: counted, but no further than Paging.CountLimit —
    // past it the list says "more than that" (totalIsExact: false) instead of counting them all.
    private async Task<(int Total, bool Exact)> CountUpToLimitAsync(string select, NpgsqlCommand source, CancellationToken cancellationToken)
    {
        await using var count = database.CreateCommand($"SELECT count(*)::int FROM ({select} LIMIT @countLimit) s");
        foreach (NpgsqlParameter parameter in source.Parameters)
        {
            count.Parameters.Add(parameter.Clone());
        }

        count.Parameters.AddWithValue("countLimit", Paging.CountLimit + 1);

        var counted = (int)(await count.ExecuteScalarAsync(cancellationToken))!;
        return counted > Paging.CountLimit ? (Paging.CountLimit, false) : (counted, true);
    }

    private static void Filter(StringBuilder where, NpgsqlCommand command, string condition, string parameter, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            where.Append(" AND ").Append(condition);
            command.Parameters.AddWithValue(parameter, value);
        }
    }
}
