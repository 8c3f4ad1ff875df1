using Enlace.Grains.Cases;
using Enlace.Grains.Interfaces.Notifications;
using Enlace.Grains.ReadModel;
using Enlace.Grains.ReferenceData;
using Enlace.Grains.Victims;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Grains.Workflows.Engine;
using Enlace.Silo.Notifications;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Enlace.Silo.ReadModel;

/// <summary>
/// Projects case grains into <c>rm_cases</c>, <c>rm_tasks</c>, <c>rm_audit_events</c>,
/// <c>rm_stage_stays</c> and the victims' statistics facts <c>rm_victim_facts</c> in one
/// transaction. Rows only move forward (by version, or by sequence number), so repeating a
/// projection changes nothing, and the counters the triggers keep count each change once.
/// </summary>
public sealed class PostgresCaseProjection(NpgsqlDataSource database, WorkflowCatalog catalog, IOptions<NotificationOptions>? notifications = null) : ICaseProjection
{
    private bool Email => notifications?.Value.Email.Enabled == true;

    /// <inheritdoc />
    public async Task<int> ProjectedStorageVersionAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("SELECT storage_version FROM rm_cases WHERE case_id = $1");
        command.Parameters.AddWithValue(caseId);
        return await command.ExecuteScalarAsync(cancellationToken) is int version ? version : 0;
    }

    /// <inheritdoc />
    public async Task ProjectAsync(
        string caseId, CaseState state, int storageVersion, long afterSeq,
        IReadOnlyDictionary<string, int>? projectedTasks = null, IReadOnlyDictionary<string, int>? projectedVictims = null,
        CancellationToken cancellationToken = default)
    {
        // Two projections moving counters the opposite way can deadlock; PostgreSQL then
        // aborts one of them, which simply runs again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ProjectOnceAsync(caseId, state, storageVersion, afterSeq, projectedTasks, projectedVictims, cancellationToken);
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < 5)
            {
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
            }
        }
    }

    private async Task ProjectOnceAsync(
        string caseId, CaseState state, int storageVersion, long afterSeq, IReadOnlyDictionary<string, int>? projectedTasks,
        IReadOnlyDictionary<string, int>? projectedVictims, CancellationToken cancellationToken)
    {
        // One batch is one implicit transaction: all of it lands, or none.
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command("""
            INSERT INTO rm_cases (case_id, reference, workflow_id, workflow_version, title, summary, state, lead_country,
                                  countries, border_point, opened_at, updated_at, closed_at, version, storage_version)
            VALUES (@id, @reference, @workflow, @workflowVersion, @title, @summary, @state, @lead, @countries, @border,
                    @opened, @updated, @closed, @version, @storageVersion)
            ON CONFLICT (case_id) DO UPDATE SET
                workflow_version = EXCLUDED.workflow_version, title = EXCLUDED.title, summary = EXCLUDED.summary,
                state = EXCLUDED.state, countries = EXCLUDED.countries, border_point = EXCLUDED.border_point,
                updated_at = EXCLUDED.updated_at, closed_at = EXCLUDED.closed_at, version = EXCLUDED.version,
                storage_version = EXCLUDED.storage_version
            WHERE rm_cases.version < EXCLUDED.version
            """,
            ("id", caseId), ("reference", state.Reference!), ("workflow", state.WorkflowId), ("workflowVersion", state.WorkflowVersion),
            ("title", state.Title), ("summary", state.Summary), ("state", state.Stage), ("lead", state.LeadCountry),
            ("countries", state.Countries.ToArray()), ("border", (object?)state.BorderPoint ?? DBNull.Value),
            ("opened", state.OpenedAt), ("updated", state.UpdatedAt), ("closed", (object?)state.ClosedAt ?? DBNull.Value),
            ("version", state.Version), ("storageVersion", storageVersion)));
        var countries = state.Countries.ToArray();
        foreach (var task in state.Tasks.Where(t => projectedTasks is null || projectedTasks.GetValueOrDefault(t.Id) != t.Version))
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO rm_tasks (case_id, task_id, agency, title, state, priority, priority_rank, kind, due_at,
                                      acknowledge_by, escalated, created_at, updated_at, version, countries, completed_at)
                VALUES (@case, @task, @agency, @title, @state, @priority, @rank, @kind, @due, @ack, @escalated, @created, @updated,
                        @version, @countries, @completed)
                ON CONFLICT (case_id, task_id) DO UPDATE SET
                    agency = EXCLUDED.agency, title = EXCLUDED.title, state = EXCLUDED.state, priority = EXCLUDED.priority,
                    priority_rank = EXCLUDED.priority_rank, due_at = EXCLUDED.due_at, acknowledge_by = EXCLUDED.acknowledge_by,
                    escalated = EXCLUDED.escalated, updated_at = EXCLUDED.updated_at, version = EXCLUDED.version,
                    countries = EXCLUDED.countries, completed_at = EXCLUDED.completed_at
                WHERE rm_tasks.version < EXCLUDED.version
                """,
                ("case", caseId), ("task", task.Id), ("agency", task.Agency), ("title", task.Title), ("state", task.State),
                ("priority", task.Priority), ("rank", Rank(task.Priority)), ("kind", task.Kind), ("due", task.DueAt),
                ("ack", (object?)task.AcknowledgeBy ?? DBNull.Value), ("escalated", task.Escalated),
                ("created", task.CreatedAt), ("updated", task.UpdatedAt), ("version", task.Version), ("countries", countries),
                ("completed", task.State == TaskLifecycle.States.Completed ? (object)task.UpdatedAt : DBNull.Value)));
        }

        AddVictimFacts(batch, state, storageVersion, projectedVictims);
        foreach (var e in state.Events.Where(e => e.Seq > afterSeq))
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO rm_audit_events (case_id, seq, at, actor, agency, kind, trigger, from_state, to_state, task_id, note, hash, previous_hash, subject, decision_ref)
                VALUES (@case, @seq, @at, @actor, @agency, @kind, @trigger, @from, @to, @task, @note, @hash, @previous, @subject, @decision)
                ON CONFLICT (case_id, seq) DO NOTHING
                """,
                ("case", caseId), ("seq", e.Seq), ("at", e.At), ("actor", e.Actor), ("agency", (object?)e.Agency ?? DBNull.Value),
                ("kind", e.Kind), ("trigger", (object?)e.Trigger ?? DBNull.Value), ("from", (object?)e.From ?? DBNull.Value),
                ("to", (object?)e.To ?? DBNull.Value), ("task", (object?)e.TaskId ?? DBNull.Value), ("note", (object?)e.Note ?? DBNull.Value),
                ("hash", e.Hash), ("previous", e.PreviousHash), ("subject", (object?)e.Subject ?? DBNull.Value),
                ("decision", (object?)e.DecisionRef ?? DBNull.Value)));
            if (e.Kind == "task-escalated" && state.Tasks.Find(t => t.Id == e.TaskId) is { } late)
            {
                batch.BatchCommands.Add(NotificationRows.Insert(
                    $"{caseId}:{e.Seq}", NotificationRows.EscalationKind(e.Trigger), countries, "case", caseId, state.Reference!, late.Id, late.Agency,
                    late.Title, e.Note ?? "", e.At, Agencies(late.Agency), Email));
            }
            else if ((e.Kind == "task-created" || (e.Kind == "task-transition" && e.Trigger == "reassign"))
                     && state.Tasks.Find(t => t.Id == e.TaskId) is { Agency: { Length: > 0 } } assigned)
            {
                batch.BatchCommands.Add(NotificationRows.Insert(
                    $"{caseId}:{e.Seq}", NotificationKinds.TaskAssigned, countries, "case", caseId, state.Reference!, assigned.Id, assigned.Agency,
                    assigned.Title, "", e.At, Agencies(assigned.Agency), Email));
            }

            // A definition upgrade that keeps the state leaves the stay as it is.
            if (e.TaskId is null && e.To is not null && !(e.Kind == "definition-upgraded" && e.From == e.To))
            {
                // The case moved: the stay that began earlier ends here, and a new one begins.
                batch.BatchCommands.Add(Command("""
                    UPDATE rm_stage_stays SET left_at = @at
                    WHERE case_id = @case AND left_at IS NULL AND entered_seq < @seq
                    """,
                    ("case", caseId), ("seq", e.Seq), ("at", e.At)));
                batch.BatchCommands.Add(Command("""
                    INSERT INTO rm_stage_stays (case_id, entered_seq, workflow_id, stage, countries, entered_at)
                    VALUES (@case, @seq, @workflow, @stage, @countries, @at)
                    ON CONFLICT (case_id, entered_seq) DO NOTHING
                    """,
                    ("case", caseId), ("seq", e.Seq), ("workflow", state.WorkflowId), ("stage", e.To), ("countries", countries), ("at", e.At)));
            }
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    // A fact row has no case id, only the victim's random statistics id; it is replaced only
    // by a fact from a newer storage version of its case (a victim belongs to one case).
    private void AddVictimFacts(NpgsqlBatch batch, CaseState state, int storageVersion, IReadOnlyDictionary<string, int>? projectedVictims)
    {
        var values = catalog.Reference.VictimValues;
        var changed = state.Victims.Where(v => VictimFacts.HasFact(v) && (projectedVictims is null || projectedVictims.GetValueOrDefault(v.Code) != v.Version));
        foreach (var fact in changed.Select(v => VictimFacts.Of(state, v, values)))
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO rm_victim_facts (fact_id, storage_version, country, year, sex, age_broad, citizenship, exploitation,
                                             country_of_exploitation, identification_status, counts)
                VALUES (@fact, @storageVersion, @country, @year, @sex, @ageBroad, @citizenship, @exploitation, @countryOfExploitation,
                        @status, @counts)
                ON CONFLICT (fact_id) DO UPDATE SET
                    storage_version = EXCLUDED.storage_version, country = EXCLUDED.country, year = EXCLUDED.year, sex = EXCLUDED.sex,
                    age_broad = EXCLUDED.age_broad, citizenship = EXCLUDED.citizenship, exploitation = EXCLUDED.exploitation,
                    country_of_exploitation = EXCLUDED.country_of_exploitation, identification_status = EXCLUDED.identification_status,
                    counts = EXCLUDED.counts
                WHERE rm_victim_facts.storage_version < EXCLUDED.storage_version
                """,
                ("fact", fact.FactId), ("storageVersion", storageVersion), ("country", fact.Country), ("year", fact.Year), ("sex", fact.Sex),
                ("ageBroad", fact.AgeBroad), ("citizenship", fact.Citizenship), ("exploitation", fact.Exploitation.ToArray()),
                ("countryOfExploitation", (object?)fact.CountryOfExploitation ?? DBNull.Value), ("status", fact.IdentificationStatus),
                ("counts", fact.Counts)));
        }
    }

    private IEnumerable<Agency> Agencies(params string?[] codes) => catalog.Reference.Agencies.Where(a => codes.Contains(a.Code));

    private static int Rank(string priority) => Math.Max(0, ((IList<string>)TaskTemplate.Priorities).IndexOf(priority));

    private static NpgsqlBatchCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(value is DateTimeOffset at
                ? new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = at.UtcDateTime }
                : new NpgsqlParameter(name, value));
        }

        return command;
    }
}
