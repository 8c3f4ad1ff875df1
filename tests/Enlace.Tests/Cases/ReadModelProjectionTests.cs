using Enlace.Grains.Cases;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Silo.ReadModel;
using Enlace.Tests.Infrastructure;
using Npgsql;

namespace Enlace.Tests.Cases;

/// <summary>Case grains project into the read model after each write; repeats and stale projections change nothing.</summary>
[Collection(CaseCollection.Name)]
public sealed class ReadModelProjectionTests(CaseClusterFixture fixture)
{
    [Fact]
    public async Task EachCommandReachesTheReadModelAndAStaleProjectionChangesNothing()
    {
        var (id, opened) = await fixture.OpenTraffickingCaseAsync();
        var moved = await fixture.Case(id).FireTask(new CommandContext(Callers.Agent("PE-PNP-DIRCTPTIM")), new FireTaskTriggerCommand(opened.Case!.Tasks[0].Id, "accept"));

        // Events: case-opened, two victims (one with an identity), the first task, the accept.
        Assert.Equal((2, "accepted", 6L), await RowAsync(id));

        // Projecting the first version again (a late or repeated projection) leaves the newer row alone.
        var stale = new CaseState
        {
            Reference = opened.Case.Reference,
            WorkflowId = "trafficking-case",
            WorkflowVersion = 1,
            Title = "viejo",
            Summary = "viejo",
            Stage = "report",
            LeadCountry = "PE",
            Version = 1,
            OpenedAt = opened.Case.OpenedAt,
            UpdatedAt = opened.Case.UpdatedAt,
            Tasks = [new CaseTask { Id = "t1", Agency = "PE-PNP-DIRCTPTIM", Title = "x", State = "assigned", Priority = "urgent", Kind = "task", Version = 1 }],
        };
        await using var database = NpgsqlDataSource.Create(fixture.ConnectionString);
        await new PostgresCaseProjection(database, TestCatalog.Shipped).ProjectAsync(id, stale, 1, 0);

        Assert.Equal((moved.Case!.Version, "accepted", 6L), await RowAsync(id));
    }

    private async Task<(int Version, string TaskState, long Events)> RowAsync(string id)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.version, t.state, (SELECT count(*) FROM rm_audit_events e WHERE e.case_id = c.case_id)
            FROM rm_cases c JOIN rm_tasks t ON t.case_id = c.case_id AND t.task_id = 't1'
            WHERE c.case_id = @id
            """, connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"case {id} is not in the read model");
        return (reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2));
    }
}
