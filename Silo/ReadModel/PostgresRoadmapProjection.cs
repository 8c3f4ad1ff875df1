using System.Text.Json;
using Enlace.Grains.Interfaces.Notifications;
using Enlace.Grains.ReadModel;
using Enlace.Grains.Roadmaps;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Silo.Notifications;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Enlace.Silo.ReadModel;

/// <summary>Projects roadmaps into <c>rm_roadmaps</c>, actions into <c>rm_actions</c> and their overdue events into <c>rm_notifications</c>.</summary>
public sealed class PostgresRoadmapProjection(
    NpgsqlDataSource database, WorkflowCatalog? catalog = null, IOptions<NotificationOptions>? notifications = null) : IRoadmapProjection
{
    /// <inheritdoc />
    public async Task ProjectRoadmapAsync(string roadmapId, RoadmapState state, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO rm_roadmaps (roadmap_id, title, countries, signed_on, signed_at, period_start, period_end, areas, created_at, version)
            VALUES (@id, @title, @countries, @signedOn, @signedAt, @start, @end, @areas, @created, @version)
            ON CONFLICT (roadmap_id) DO UPDATE SET
                title = EXCLUDED.title, countries = EXCLUDED.countries, signed_on = EXCLUDED.signed_on, signed_at = EXCLUDED.signed_at,
                period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end, areas = EXCLUDED.areas, version = EXCLUDED.version
            WHERE rm_roadmaps.version < EXCLUDED.version
            """);
        command.Parameters.AddWithValue("id", roadmapId);
        command.Parameters.AddWithValue("title", state.Title!);
        command.Parameters.AddWithValue("countries", state.Countries.ToArray());
        command.Parameters.AddWithValue("signedOn", NpgsqlDbType.Date, (object?)state.SignedOn ?? DBNull.Value);
        command.Parameters.AddWithValue("signedAt", NpgsqlDbType.Text, (object?)state.SignedAt ?? DBNull.Value);
        command.Parameters.AddWithValue("start", state.PeriodStart);
        command.Parameters.AddWithValue("end", state.PeriodEnd);
        command.Parameters.AddWithValue("areas", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(state.Areas.Select(a => new { code = a.Code, title = a.Title })));
        command.Parameters.AddWithValue("created", state.CreatedAt.UtcDateTime);
        command.Parameters.AddWithValue("version", state.Version);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task ProjectActionAsync(string roadmapId, string actionId, RoadmapActionState state, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var upsert = new NpgsqlBatchCommand("""
            INSERT INTO rm_actions (roadmap_id, action_id, number, area, title, state, responsible, countries, percent, start_date, due_date,
                                    escalated, updated_at, version)
            VALUES (@roadmap, @action, @number, @area, @title, @state, @responsible, @countries, @percent, @start, @due, @escalated, @updated, @version)
            ON CONFLICT (roadmap_id, action_id) DO UPDATE SET
                area = EXCLUDED.area, title = EXCLUDED.title, state = EXCLUDED.state, responsible = EXCLUDED.responsible,
                percent = EXCLUDED.percent, start_date = EXCLUDED.start_date, due_date = EXCLUDED.due_date, escalated = EXCLUDED.escalated,
                updated_at = EXCLUDED.updated_at, version = EXCLUDED.version
            WHERE rm_actions.version < EXCLUDED.version
            """);
        upsert.Parameters.AddWithValue("roadmap", roadmapId);
        upsert.Parameters.AddWithValue("action", actionId);
        upsert.Parameters.AddWithValue("number", int.TryParse(actionId.TrimStart('a'), out var number) ? number : 0);
        upsert.Parameters.AddWithValue("area", state.Area);
        upsert.Parameters.AddWithValue("title", state.Title!);
        upsert.Parameters.AddWithValue("state", state.Stage);
        upsert.Parameters.AddWithValue("responsible", state.ResponsibleAgencies.ToArray());
        upsert.Parameters.AddWithValue("countries", state.Countries.ToArray());
        upsert.Parameters.AddWithValue("percent", state.PercentComplete);
        upsert.Parameters.AddWithValue("start", state.StartDate);
        upsert.Parameters.AddWithValue("due", state.DueDate);
        upsert.Parameters.AddWithValue("escalated", state.Escalated);
        upsert.Parameters.AddWithValue("updated", state.UpdatedAt.UtcDateTime);
        upsert.Parameters.AddWithValue("version", state.Version);
        batch.BatchCommands.Add(upsert);
        foreach (var e in state.Events.Where(e => e.Kind == "action-overdue"))
        {
            batch.BatchCommands.Add(NotificationRows.Insert(
                $"{roadmapId}/{actionId}:{e.Seq}", NotificationKinds.ActionOverdue, state.Countries.ToArray(), "roadmap-action", $"{roadmapId}/{actionId}",
                $"{roadmapId}/{actionId}", null, null, state.Title!, e.Note ?? "", e.At,
                catalog?.Reference.Agencies.Where(a => state.ResponsibleAgencies.Contains(a.Code)) ?? [], notifications?.Value.Email.Enabled == true));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
