using System.Text;
using Enlace.Grains.Interfaces.Security;
using Enlace.WebGateway.Http;
using Npgsql;

namespace Enlace.WebGateway.Cases;

/// <summary>
/// The case list and the inbox, queried from the read model with the grains' visibility
/// rules: coordinators and managers see the cases of their countries, administrators
/// all, agents only cases where their agency has a task.
/// </summary>
public sealed class CaseQueries(NpgsqlDataSource database)
{
    // A task is overdue when it is still open and past its due date, or an unacknowledged
    // referral past its acknowledgement deadline (as CaseViews.IsOverdue).
    private const string Overdue = """
        (t.state IN ('assigned', 'accepted', 'in_progress', 'declined')
         AND (t.due_at < now() OR (t.state = 'assigned' AND COALESCE(t.acknowledge_by < now(), false))))
        """;

    /// <summary>Filters of <c>GET /api/v1/cases</c>.</summary>
    public sealed record CaseFilter(string? State, string? Country, string? Agency, string? WorkflowId, bool? Overdue, string? Q);

    /// <summary>One page of the cases <paramref name="caller"/> may see.</summary>
    public async Task<ListPage<CaseSummary>> ListCasesAsync(Caller caller, CaseFilter filter, Paging paging, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("WHERE true");
        await using var command = database.CreateCommand();
        if (!caller.Is(Caller.Admin))
        {
            var byCountry = caller.Is(Caller.Coordinator) || caller.Is(Caller.Manager);
            var byAgency = caller.Is(Caller.Agent) && caller.Agency is not null;
            where.Append(" AND (");
            where.Append(byCountry ? "c.countries && @callerCountries" : "false");
            where.Append(byAgency ? " OR EXISTS (SELECT 1 FROM rm_tasks a WHERE a.case_id = c.case_id AND a.agency = @callerAgency)" : "");
            where.Append(')');
            command.Parameters.AddWithValue("callerCountries", caller.Countries.IsDefault ? Array.Empty<string>() : caller.Countries.ToArray());
            command.Parameters.AddWithValue("callerAgency", caller.Agency ?? "");
        }

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
            where.Append(" AND (c.reference ILIKE @q OR c.title ILIKE @q OR c.summary ILIKE @q)");
            command.Parameters.AddWithValue("q", "%" + filter.Q.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%");
        }

        command.Parameters.AddWithValue("limit", paging.PageSize);
        command.Parameters.AddWithValue("offset", (long)(paging.Page - 1) * paging.PageSize);
        command.CommandText = $"""
            SELECT c.case_id, c.reference, c.workflow_id, c.workflow_version, c.title, c.state, c.lead_country, c.countries,
                   c.border_point, c.opened_at, c.updated_at, c.closed_at, c.version,
                   (SELECT count(*) FROM rm_tasks t WHERE t.case_id = c.case_id AND t.state IN ('assigned', 'accepted', 'in_progress', 'declined'))::int,
                   (SELECT count(*) FROM rm_tasks t WHERE t.case_id = c.case_id AND {Overdue})::int,
                   count(*) OVER ()::int
            FROM rm_cases c {where}
            ORDER BY c.updated_at DESC, c.case_id
            LIMIT @limit OFFSET @offset
            """;
        var items = new List<CaseSummary>();
        var total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new CaseSummary(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6), reader.GetFieldValue<string[]>(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(9), reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11), reader.GetInt32(12), reader.GetInt32(13), reader.GetInt32(14)));
            total = reader.GetInt32(15);
        }

        return new ListPage<CaseSummary>(items, paging.Page, paging.PageSize, items.Count == 0 ? await CountAsync(where.ToString(), command, cancellationToken) : total);
    }

    /// <summary>One page of the tasks of <paramref name="agency"/>, most urgent first: overdue, then priority, then due date.</summary>
    public async Task<ListPage<InboxItem>> InboxAsync(string agency, string? state, bool? overdue, Paging paging, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("WHERE t.agency = @agency");
        await using var command = database.CreateCommand();
        command.Parameters.AddWithValue("agency", agency);
        // Without a state filter the inbox is the work still to do by the agency.
        if (string.IsNullOrEmpty(state))
        {
            where.Append(" AND t.state IN ('assigned', 'accepted', 'in_progress')");
        }

        Filter(where, command, "t.state = @state", "state", state);
        if (overdue is { } wanted)
        {
            where.Append(wanted ? " AND " : " AND NOT ").Append(Overdue);
        }

        command.Parameters.AddWithValue("limit", paging.PageSize);
        command.Parameters.AddWithValue("offset", (long)(paging.Page - 1) * paging.PageSize);
        command.CommandText = $"""
            SELECT t.task_id, t.case_id, c.reference, c.title, t.title, t.agency, t.state, t.priority, t.kind, t.due_at,
                   t.acknowledge_by, {Overdue} AS overdue, t.escalated, t.updated_at, t.version, count(*) OVER ()::int
            FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id
            {where}
            ORDER BY overdue DESC, t.priority_rank DESC, t.due_at, t.case_id, t.task_id
            LIMIT @limit OFFSET @offset
            """;
        var items = new List<InboxItem>();
        var total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new InboxItem(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10), reader.GetBoolean(11), reader.GetBoolean(12),
                reader.GetFieldValue<DateTimeOffset>(13), reader.GetInt32(14)));
            total = reader.GetInt32(15);
        }

        return new ListPage<InboxItem>(items, paging.Page, paging.PageSize, items.Count == 0 && paging.Page > 1
            ? await CountAsync(where.ToString(), command, cancellationToken, "rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id")
            : total);
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
