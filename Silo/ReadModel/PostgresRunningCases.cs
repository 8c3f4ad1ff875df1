using Enlace.Grains.ReadModel;
using Npgsql;

namespace Enlace.Silo.ReadModel;

/// <summary>Running cases from <c>rm_cases</c>, in id order (served by the index <c>rm_cases_running</c>, migration 0016).</summary>
public sealed class PostgresRunningCases(NpgsqlDataSource database) : IRunningCases
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAsync(string workflowId, int version, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            SELECT case_id FROM rm_cases
            WHERE workflow_id = @workflow AND workflow_version = @version AND closed_at IS NULL AND case_id > @after
            ORDER BY case_id
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("workflow", workflowId);
        command.Parameters.AddWithValue("version", version);
        command.Parameters.AddWithValue("after", after ?? "");
        command.Parameters.AddWithValue("limit", limit);
        var ids = new List<string>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
