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
    public sealed record CaseFilter(string? State, string? Country, string? Agency, string? WorkflowId, bool? Overdue, string? Q);

    /// <summary>One page of the cases <paramref name="caller"/> may see.</summary>
    public async Task<ListPage<CaseSummary>> ListCasesAsync(Caller caller, CaseFilter filter, Paging paging, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("WHERE true");
        await using var command = database.CreateCommand();
        var byCountry = caller.Is(Caller.Coordinator) || caller.Is(Caller.Manager);
        var byAgency = caller.Is(Caller.Agent) && caller.Agency is not null;
        where.Append(" AND (");
        where.Append(byCountry ? "c.countries && @callerCountries" : "false");
        where.Append(byAgency ? " OR EXISTS (SELECT 1 FROM rm_tasks a WHERE a.case_id = c.case_id AND a.agency = @callerAgency)" : "");
        where.Append(')');
        command.Parameters.AddWithValue("callerCountries", caller.Countries.IsDefault ? Array.Empty<string>() : caller.Countries.ToArray());
        command.Parameters.AddWithValue("callerAgency", caller.Agency ?? "");

        Filter(where, command, "c.state = @state", "state", filter.State);
        Filter(where, command, "@country = ANY (c.countries)", "country", filter.Country);
        Filter(where, command, "c.workflow_id = @workflow", "workflow", filter.WorkflowId);
        Filter(where, command, "EXISTS (SELECT 1 FROM rm_tasks f WHERE f.case_id = c.case_id AND f.agency = @agency)", "agency", filter.Agency);
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

        command.Parameters.AddWithValue("limit", paging.PageSize);
        command.Parameters.AddWithValue("offset", paging.Offset);
        command.CommandText = $"""
            SELECT c.case_id, c.reference, c.workflow_id, c.workflow_version, c.title, c.state, c.lead_country, c.countries,
                   c.border_point, c.opened_at, c.updated_at, c.closed_at, c.version,
                   (SELECT count(*) FROM rm_tasks t WHERE t.case_id = c.case_id AND t.state IN ('assigned', 'accepted', 'in_progress', 'declined'))::int,
                   (SELECT count(*) FROM rm_tasks t WHERE t.case_id = c.case_id AND {Overdue})::int
            FROM rm_cases c {where}
            ORDER BY c.updated_at DESC, c.case_id
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

        // The total: from the read model's counters when only countries, state and workflow
        // narrow the list (the usual views of managers and coordinators), counted otherwise.
        var countable = byCountry && !byAgency;
        var total = countable && filter.Agency is null && filter.Overdue is null && string.IsNullOrWhiteSpace(filter.Q)
            ? await CountFromCountersAsync(caller, filter, cancellationToken)
            : await CountAsync(where.ToString(), command, cancellationToken);
        return new ListPage<CaseSummary>(items, paging.Page, paging.PageSize, total);
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

    /// <summary>One page of the tasks of <paramref name="agency"/>, most urgent first: overdue, then priority, then due date.</summary>
    public async Task<ListPage<InboxItem>> InboxAsync(string agency, string? state, bool? overdue, Paging paging, CancellationToken cancellationToken)
    {
        // Without a state filter the inbox is the work still to do by the agency.
        string[] states = string.IsNullOrEmpty(state) ? [.. ToDo] : [state];
        if (!states.All(ToDo.Contains))
        {
            return await FinishedInboxAsync(agency, state!, overdue, paging, cancellationToken);
        }

        // Work to do is read in index order in two runs, the overdue tasks and then the
        // others, so a page costs the same however many tasks the agency has; the totals
        // come from the read model's counters.
        var (open, late) = await InboxTotalsAsync(agency, states, cancellationToken);
        var offset = paging.Offset;
        var items = new List<InboxItem>();
        if (overdue != false && offset < late)
        {
            items.AddRange(await InboxRunAsync(agency, states, late: true, offset, paging.PageSize, cancellationToken));
        }

        if (overdue != true && items.Count < paging.PageSize)
        {
            var skip = overdue == false ? offset : Math.Max(0, offset - late);
            items.AddRange(await InboxRunAsync(agency, states, late: false, skip, paging.PageSize - items.Count, cancellationToken));
        }

        var total = overdue switch { true => late, false => open - late, null => open };
        return new ListPage<InboxItem>(items, paging.Page, paging.PageSize, (int)Math.Min(int.MaxValue, total));
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

    private async Task<List<InboxItem>> InboxRunAsync(string agency, string[] states, bool late, long offset, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT t.task_id, t.case_id, c.reference, c.title, t.title, t.agency, t.state, t.priority, t.kind, t.due_at,
                   t.acknowledge_by, {(late ? "true" : "false")}, t.escalated, t.updated_at, t.version
            FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id
            WHERE t.agency = @agency AND t.state IN ('assigned', 'accepted', 'in_progress') AND t.state = ANY (@states)
              AND {(late ? "" : "NOT ")}(t.deadline < now())
            ORDER BY t.priority_rank DESC, t.due_at, t.case_id, t.task_id
            LIMIT @limit OFFSET @offset
            """);
        command.Parameters.AddWithValue("agency", agency);
        command.Parameters.AddWithValue("states", states);
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("offset", offset);
        return await ReadInboxAsync(command, cancellationToken);
    }

    /// <summary>
    /// The coordination queue: tasks of cases in <paramref name="countries"/> that wait on a
    /// coordinator — declined, or open past their deadline — overdue first, then the most urgent.
    /// </summary>
    public async Task<ListPage<InboxItem>> QueueAsync(IReadOnlyList<string> countries, Paging paging, CancellationToken cancellationToken)
    {
        var where = new StringBuilder($"WHERE (t.state = 'declined' OR {Overdue}) AND t.countries && @countries");
        await using var command = database.CreateCommand();
        command.Parameters.AddWithValue("countries", countries.ToArray());

        return await TaskPageAsync(command, where.ToString(), paging, cancellationToken);
    }

    // Finished (or declined) work: a plain query, overdue first as everywhere.
    private async Task<ListPage<InboxItem>> FinishedInboxAsync(string agency, string state, bool? overdue, Paging paging, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("WHERE t.agency = @agency AND t.state = @state");
        await using var command = database.CreateCommand();
        command.Parameters.AddWithValue("agency", agency);
        command.Parameters.AddWithValue("state", state);
        if (overdue is { } wanted)
        {
            where.Append(wanted ? " AND " : " AND NOT ").Append(Overdue);
        }

        return await TaskPageAsync(command, where.ToString(), paging, cancellationToken);
    }

    // A page of tasks matching WHERE (parameters already on the command): overdue first, then
    // the most urgent; a plain query with a separate count.
    private async Task<ListPage<InboxItem>> TaskPageAsync(NpgsqlCommand command, string where, Paging paging, CancellationToken cancellationToken)
    {
        command.Parameters.AddWithValue("limit", paging.PageSize);
        command.Parameters.AddWithValue("offset", paging.Offset);
        command.CommandText = $"""
            SELECT t.task_id, t.case_id, c.reference, c.title, t.title, t.agency, t.state, t.priority, t.kind, t.due_at,
                   t.acknowledge_by, {Overdue} AS overdue, t.escalated, t.updated_at, t.version
            FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id
            {where}
            ORDER BY overdue DESC, t.priority_rank DESC, t.due_at, t.case_id, t.task_id
            LIMIT @limit OFFSET @offset
            """;
        var items = await ReadInboxAsync(command, cancellationToken);
        return new ListPage<InboxItem>(items, paging.Page, paging.PageSize,
            await CountAsync(where, command, cancellationToken, "rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id"));
    }

    private static async Task<List<InboxItem>> ReadInboxAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var items = new List<InboxItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new InboxItem(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10), reader.GetBoolean(11), reader.GetBoolean(12),
                reader.GetFieldValue<DateTimeOffset>(13), reader.GetInt32(14)));
        }

        return items;
    }

    // A page past the end returns no row to read the total from: count separately.
    private async Task<int> CountAsync(string where, NpgsqlCommand source, CancellationToken cancellationToken, string from = "rm_cases c")
    {
        await using var count = database.CreateCommand($"SELECT count(*)::int FROM {from} {where}");
        foreach (NpgsqlParameter parameter in source.Parameters)
        {
            count.Parameters.Add(parameter.Clone());
        }

        return (int)(await count.ExecuteScalarAsync(cancellationToken))!;
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
