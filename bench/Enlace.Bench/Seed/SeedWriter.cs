using Enlace.Grains.Cases;
using Enlace.Grains.Interfaces.Notifications;
using Enlace.Grains.ReferenceData;
using Enlace.Grains.Victims;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Grains.Workflows.Engine;
using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;

namespace Enlace.Bench.Seed;

/// <summary>
/// Loads generated cases straight into the read tables and the grain storage with binary
/// COPY, in batches, with the read model's counting triggers off; the counters are then
/// recomputed once (<c>rm_recount()</c>) and the tables analysed. The grain state is
/// written as the silo writes it (the Orleans serializer), with an empty outbox: every
/// event is already in the read model. Victims get their statistics facts as the case
/// projection writes them (<paramref name="values"/> gives the broad age bands).
/// </summary>
public sealed class SeedWriter(NpgsqlDataSource database, IGrainStorageSerializer serializer, string serviceId, VictimValueSet values)
{
    /// <summary>Writes <paramref name="cases"/> in batches of <paramref name="batchSize"/>; reports progress after each batch.</summary>
    public async Task WriteAsync(IEnumerable<(string Id, CaseState State)> cases, int batchSize = 5_000, Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var written = 0;
        foreach (var batch in cases.Chunk(batchSize))
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Counters are recomputed at the end; per-row triggers would multiply the load time.
            await using (var replica = new NpgsqlCommand("SET LOCAL session_replication_role = replica", connection, transaction))
            {
                await replica.ExecuteNonQueryAsync(cancellationToken);
            }

            await CopyCasesAsync(connection, batch, cancellationToken);
            await CopyTasksAsync(connection, batch, cancellationToken);
            await CopyEventsAsync(connection, batch, cancellationToken);
            await CopyStaysAsync(connection, batch, cancellationToken);
            await CopyVictimFactsAsync(connection, batch, cancellationToken);
            await CopyNotificationsAsync(connection, batch, cancellationToken);
            await CopyStatesAsync(connection, batch, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            written += batch.Length;
            progress?.Invoke(written);
        }
    }

    /// <summary>Recomputes the dashboard counters and refreshes the planner's statistics.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken = default)
    {
        await using var recount = database.CreateCommand("SELECT rm_recount()");
        recount.CommandTimeout = 0;
        await recount.ExecuteNonQueryAsync(cancellationToken);
        await using var analyse = database.CreateCommand("VACUUM ANALYZE rm_cases, rm_tasks, rm_audit_events, rm_stage_stays, rm_victim_facts, rm_notifications, orleans_grain_state");
        analyse.CommandTimeout = 0;
        await analyse.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task CopyCasesAsync(NpgsqlConnection connection, (string Id, CaseState State)[] batch, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync("""
            COPY rm_cases (case_id, reference, workflow_id, workflow_version, title, summary, state, lead_country, countries,
                           border_point, opened_at, updated_at, closed_at, version, storage_version) FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var (id, c) in batch)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(id, cancellationToken);
            await copy.WriteAsync(c.Reference!, cancellationToken);
            await copy.WriteAsync(c.WorkflowId, cancellationToken);
            await copy.WriteAsync(c.WorkflowVersion, cancellationToken);
            await copy.WriteAsync(c.Title, cancellationToken);
            await copy.WriteAsync(c.Summary, cancellationToken);
            await copy.WriteAsync(c.Stage, cancellationToken);
            await copy.WriteAsync(c.LeadCountry, cancellationToken);
            await copy.WriteAsync(c.Countries.ToArray(), cancellationToken);
            await WriteNullableAsync(copy, c.BorderPoint, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(c.OpenedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(c.UpdatedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullableAsync(copy, c.ClosedAt?.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(c.Version, cancellationToken);
            await copy.WriteAsync(1, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task CopyTasksAsync(NpgsqlConnection connection, (string Id, CaseState State)[] batch, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync("""
            COPY rm_tasks (case_id, task_id, agency, title, state, priority, priority_rank, kind, due_at, acknowledge_by, escalated,
                           created_at, updated_at, version, countries, completed_at) FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var (id, c) in batch)
        {
            var countries = c.Countries.ToArray();
            foreach (var t in c.Tasks)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(id, cancellationToken);
                await copy.WriteAsync(t.Id, cancellationToken);
                await copy.WriteAsync(t.Agency, cancellationToken);
                await copy.WriteAsync(t.Title, cancellationToken);
                await copy.WriteAsync(t.State, cancellationToken);
                await copy.WriteAsync(t.Priority, cancellationToken);
                await copy.WriteAsync(Math.Max(0, ((IList<string>)TaskTemplate.Priorities).IndexOf(t.Priority)), cancellationToken);
                await copy.WriteAsync(t.Kind, cancellationToken);
                await copy.WriteAsync(t.DueAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteNullableAsync(copy, t.AcknowledgeBy?.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(t.Escalated, cancellationToken);
                await copy.WriteAsync(t.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(t.UpdatedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(t.Version, cancellationToken);
                await copy.WriteAsync(countries, cancellationToken);
                await WriteNullableAsync(copy, t.State == TaskLifecycle.States.Completed ? t.UpdatedAt.UtcDateTime : null, NpgsqlDbType.TimestampTz, cancellationToken);
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task CopyEventsAsync(NpgsqlConnection connection, (string Id, CaseState State)[] batch, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync("""
            COPY rm_audit_events (case_id, seq, at, actor, agency, kind, trigger, from_state, to_state, task_id, note, hash, previous_hash)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var (id, c) in batch)
        {
            foreach (var e in c.Events)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(id, cancellationToken);
                await copy.WriteAsync(e.Seq, cancellationToken);
                await copy.WriteAsync(e.At.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(e.Actor, cancellationToken);
                await WriteNullableAsync(copy, e.Agency, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(e.Kind, cancellationToken);
                await WriteNullableAsync(copy, e.Trigger, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, e.From, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, e.To, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, e.TaskId, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, e.Note, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(e.Hash, cancellationToken);
                await copy.WriteAsync(e.PreviousHash, cancellationToken);
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task CopyStaysAsync(NpgsqlConnection connection, (string Id, CaseState State)[] batch, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync("""
            COPY rm_stage_stays (case_id, entered_seq, workflow_id, stage, countries, entered_at, left_at) FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var (id, c) in batch)
        {
            var countries = c.Countries.ToArray();
            var moves = c.Events.Where(e => e.TaskId is null && e.To is not null).ToList();
            for (var i = 0; i < moves.Count; i++)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(id, cancellationToken);
                await copy.WriteAsync(moves[i].Seq, cancellationToken);
                await copy.WriteAsync(c.WorkflowId, cancellationToken);
                await copy.WriteAsync(moves[i].To!, cancellationToken);
                await copy.WriteAsync(countries, cancellationToken);
                await copy.WriteAsync(moves[i].At.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteNullableAsync(copy, i + 1 < moves.Count ? moves[i + 1].At.UtcDateTime : null, NpgsqlDbType.TimestampTz, cancellationToken);
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    // As the case projection writes them: a task-assigned notification per task-created event
    // (deliveries are left out: nothing is sent for a generated case).
    private static async Task CopyNotificationsAsync(NpgsqlConnection connection, (string Id, CaseState State)[] batch, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync("""
            COPY rm_notifications (id, kind, countries, source_kind, source_id, reference, task_id, agency, title, detail, at)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var (id, c) in batch)
        {
            var countries = c.Countries.ToArray();
            foreach (var e in c.Events.Where(e => e.Kind == "task-created"))
            {
                var task = c.Tasks.Find(t => t.Id == e.TaskId)!;
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync($"{id}:{e.Seq}", cancellationToken);
                await copy.WriteAsync(NotificationKinds.TaskAssigned, cancellationToken);
                await copy.WriteAsync(countries, cancellationToken);
                await copy.WriteAsync("case", cancellationToken);
                await copy.WriteAsync(id, cancellationToken);
                await copy.WriteAsync(c.Reference!, cancellationToken);
                await copy.WriteAsync(task.Id, cancellationToken);
                await copy.WriteAsync(task.Agency, cancellationToken);
                await copy.WriteAsync(task.Title, cancellationToken);
                await copy.WriteAsync("", cancellationToken);
                await copy.WriteAsync(e.At.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private async Task CopyVictimFactsAsync(NpgsqlConnection connection, (string Id, CaseState State)[] batch, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync("""
            COPY rm_victim_facts (fact_id, storage_version, country, year, sex, age_broad, citizenship, exploitation,
                                  country_of_exploitation, identification_status, counts) FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var (_, c) in batch)
        {
            foreach (var fact in c.Victims.Where(VictimFacts.HasFact).Select(v => VictimFacts.Of(c, v, values)))
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(fact.FactId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(1, cancellationToken);
                await copy.WriteAsync(fact.Country, cancellationToken);
                await copy.WriteAsync(fact.Year, cancellationToken);
                await copy.WriteAsync(fact.Sex, cancellationToken);
                await copy.WriteAsync(fact.AgeBroad, cancellationToken);
                await copy.WriteAsync(fact.Citizenship, cancellationToken);
                await copy.WriteAsync(fact.Exploitation.ToArray(), cancellationToken);
                await WriteNullableAsync(copy, fact.CountryOfExploitation, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(fact.IdentificationStatus, cancellationToken);
                await copy.WriteAsync(fact.Counts, cancellationToken);
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private async Task CopyStatesAsync(NpgsqlConnection connection, (string Id, CaseState State)[] batch, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync("""
            COPY orleans_grain_state (service_id, state_name, grain_id_string, grain_id_n0, grain_id_n1, grain_id_hash, grain_type_hash, payload, version)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var (id, c) in batch)
        {
            // As the grain stores it once the read model holds every event: an empty outbox.
            var events = c.Events;
            c.Events = [];
            var payload = serializer.Serialize(c).ToArray();
            c.Events = events;
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(serviceId, cancellationToken);
            await copy.WriteAsync("case", cancellationToken);
            await copy.WriteAsync(id, cancellationToken);
            await copy.WriteAsync(0L, cancellationToken);
            await copy.WriteAsync(0L, cancellationToken);
            await copy.WriteAsync(0, cancellationToken);
            await copy.WriteAsync(0, cancellationToken);
            await copy.WriteAsync(payload, NpgsqlDbType.Bytea, cancellationToken);
            await copy.WriteAsync(1, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, object? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);
}
