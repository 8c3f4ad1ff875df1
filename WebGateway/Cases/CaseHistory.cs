using Enlace.Grains.Interfaces.Cases;
using Enlace.WebGateway.Http;
using Enlace.WebGateway.Victims;
using Npgsql;

namespace Enlace.WebGateway.Cases;

/// <summary>
/// A case's audit trail as the read model holds it. The case grain first brings the
/// read model up to date and says what the caller may read (<see cref="HistoryScope"/>).
/// </summary>
public sealed class CaseHistory(NpgsqlDataSource database)
{
    private const string Columns = "seq, at, actor, agency, kind, trigger, from_state, to_state, task_id, note, hash, previous_hash, subject, decision_ref";

    /// <summary>
    /// One page of the events the scope lets the caller read, in order: the <paramref name="paging"/>'s page, or,
    /// with <paramref name="after"/>, the page after that sequence number (read from the index whatever its depth),
    /// with <c>next</c> while more follow.
    /// </summary>
    public async Task<ListPage<AuditEventView>> PageAsync(string caseId, HistoryScope scope, Paging paging, long? after, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT {Columns}, count(*) OVER ()::int
            FROM rm_audit_events
            WHERE case_id = @case AND (@all OR task_id IS NULL OR task_id = ANY (@tasks)) AND seq > @after
            ORDER BY seq
            LIMIT @limit OFFSET @offset
            """);
        command.Parameters.AddWithValue("case", caseId);
        command.Parameters.AddWithValue("all", scope.AllTasks);
        command.Parameters.AddWithValue("tasks", scope.VisibleTasks.IsDefault ? [] : scope.VisibleTasks.ToArray());
        command.Parameters.AddWithValue("after", after ?? 0);
        command.Parameters.AddWithValue("limit", paging.PageSize);
        command.Parameters.AddWithValue("offset", after is null ? paging.Offset : 0);
        var items = new List<AuditEventView>();
        var total = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(Read(reader));
                total = reader.GetInt32(14);
            }
        }

        // After a cursor the window counts only what follows it: the whole trail's count is asked apart.
        var remaining = total;
        if (after is not null || (items.Count == 0 && paging.Page > 1))
        {
            total = await CountAsync(caseId, scope, cancellationToken);
        }

        var more = items.Count > 0 && (after is null ? paging.Offset + items.Count < total : remaining > items.Count);
        var next = more ? items[^1].Seq.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return new ListPage<AuditEventView>(items, paging.Page, paging.PageSize, total, next);
    }

    /// <summary>Re-computes the whole chain (every event, whatever the caller may read) against the head the case holds.</summary>
    public async Task<HistoryVerification> VerifyAsync(string caseId, HistoryScope scope, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM rm_audit_events WHERE case_id = @case ORDER BY seq");
        command.Parameters.AddWithValue("case", caseId);
        var events = new List<AuditEventView>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(Read(reader));
            }
        }

        var broken = AuditChain.FirstBroken(events, scope.LastSeq, scope.LastHash);
        return new HistoryVerification(broken is null, events.Count, broken);
    }

    /// <summary>Every read of an identity of the case, in order: who, which agency, when, whose, why, and whether consent was overridden.</summary>
    public async Task<IReadOnlyList<IdentityAccess>> IdentityAccessAsync(string caseId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT at, actor, agency, subject, note, trigger = 'override'
            FROM rm_audit_events WHERE case_id = @case AND kind = 'identity-read' ORDER BY seq
            """);
        command.Parameters.AddWithValue("case", caseId);
        var items = new List<IdentityAccess>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new IdentityAccess(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), Text(reader, 2), Text(reader, 3) ?? "", Text(reader, 4) ?? "",
                !reader.IsDBNull(5) && reader.GetBoolean(5)));
        }

        return items;
    }

    private async Task<int> CountAsync(string caseId, HistoryScope scope, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT count(*)::int FROM rm_audit_events WHERE case_id = @case AND (@all OR task_id IS NULL OR task_id = ANY (@tasks))");
        command.Parameters.AddWithValue("case", caseId);
        command.Parameters.AddWithValue("all", scope.AllTasks);
        command.Parameters.AddWithValue("tasks", scope.VisibleTasks.IsDefault ? [] : scope.VisibleTasks.ToArray());
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static AuditEventView Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), Text(r, 3), r.GetString(4), Text(r, 5), Text(r, 6), Text(r, 7),
        Text(r, 8), Text(r, 9), r.GetString(10), r.GetString(11), Text(r, 12), Text(r, 13));

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
