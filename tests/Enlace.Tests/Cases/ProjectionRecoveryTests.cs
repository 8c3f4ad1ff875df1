using Enlace.Grains.Cases;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Roadmaps;
using Enlace.Grains.ReadModel;
using Enlace.Grains.Roadmaps;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Silo.ReadModel;
using Enlace.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Enlace.Tests.Cases;

/// <summary>
/// The outbox: an event written with the state reaches the read model exactly once,
/// even when the silo dies between the state write and the projection.
/// </summary>
public sealed class ProjectionRecoveryTests
{
    [Fact]
    public async Task ASiloKilledAfterTheStateWriteAndBeforeTheProjectionLosesNothingAndDuplicatesNothing()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("outbox");
        var crash = new CrashBeforeProjection();
        var id = $"c{Guid.NewGuid():N}";
        string taskId;

        var first = await EnlaceTestCluster.StartAsync(connectionString, "svc-outbox", configureSilo: silo =>
            silo.Services.AddSingleton<ICaseProjection>(sp => crash.Around(new PostgresCaseProjection(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<WorkflowCatalog>()))));
        try
        {
            var grain = first.Client.GetGrain<ICaseGrain>(id);
            var opened = await grain.Open(new CommandContext(Callers.Coordinator()), Samples.TraffickingCase() with { Victims = [] });
            taskId = opened.Case!.Tasks[0].Id;
            Assert.Equal(2, await EventsAsync(connectionString, id));

            // The accept is written; the silo dies before it projects.
            crash.Armed = true;
            var accept = grain.FireTask(new CommandContext(Callers.Agent("PE-PNP-DIRCTPTIM")), new FireTaskTriggerCommand(taskId, "accept", "Recibido"));
            await crash.Reached.WaitAsync(TimeSpan.FromSeconds(30));
            await first.KillSiloAsync(first.Silos[0]);
            await Assert.ThrowsAnyAsync<Exception>(() => accept);
            Assert.Equal(2, await EventsAsync(connectionString, id));
        }
        finally
        {
            await first.DisposeAsync();
        }

        // A new silo: nobody calls the case; its sweeper finds the write the read model lacks.
        await using var second = await EnlaceTestCluster.StartAsync(connectionString, "svc-outbox", configureSilo: silo =>
            silo.Services.Configure<ReadModelOptions>(o => (o.SweepInterval, o.Grace) = (TimeSpan.FromMilliseconds(300), TimeSpan.Zero)));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await EventsAsync(connectionString, id) < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var rows = database.CreateCommand("""
            SELECT (SELECT count(*) FROM rm_audit_events WHERE case_id = @id),
                   (SELECT count(DISTINCT seq) FROM rm_audit_events WHERE case_id = @id),
                   (SELECT state FROM rm_tasks WHERE case_id = @id AND task_id = @task),
                   (SELECT note FROM rm_audit_events WHERE case_id = @id AND seq = 3)
            """);
        rows.Parameters.AddWithValue("id", id);
        rows.Parameters.AddWithValue("task", taskId);
        await using var reader = await rows.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((3L, 3L, "accepted", "Recibido"), (reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3)));

        var scope = (await second.Client.GetGrain<ICaseGrain>(id).OpenHistory(Callers.Coordinator()))!;
        var verification = await new WebGateway.Cases.CaseHistory(database).VerifyAsync(id, scope, CancellationToken.None);
        Assert.Equal(new HistoryVerification(true, 3, null), verification);
    }

    [Fact]
    public async Task ARoadmapActionWrittenBeforeASiloDiesReachesTheReadModelAfterRestart()
    {
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("outbox-action");
        var crash = new CrashBeforeActionProjection();
        var first = await EnlaceTestCluster.StartAsync(connectionString, "svc-outbox-action", configureSilo: silo =>
            silo.Services.AddSingleton<IRoadmapProjection>(sp => crash.Around(new PostgresRoadmapProjection(sp.GetRequiredService<NpgsqlDataSource>()))));
        try
        {
            var coordinator = new CommandContext(Callers.Coordinator());
            var roadmap = first.Client.GetGrain<IRoadmapGrain>("hr-caida");
            await roadmap.Create(coordinator, new CreateRoadmapCommand("Caída", ["PE"], null, null, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), [new RoadmapArea("prevencion", "Prevención")]));
            var added = await roadmap.AddAction(coordinator, new CreateActionCommand("Campaña", null, "prevencion", ["PE-MIMP"], [], new DateOnly(2026, 1, 1), new DateOnly(2099, 1, 1)));
            Assert.Equal("planned", await ActionStateAsync(connectionString));

            crash.Armed = true;
            var start = first.Client.GetGrain<IRoadmapActionGrain>($"hr-caida/{added.Action!.Id}").Fire(coordinator, new FireActionTriggerCommand("start"));
            await crash.Reached.WaitAsync(TimeSpan.FromSeconds(30));
            await first.KillSiloAsync(first.Silos[0]);
            await Assert.ThrowsAnyAsync<Exception>(() => start);
            Assert.Equal("planned", await ActionStateAsync(connectionString));
        }
        finally
        {
            await first.DisposeAsync();
        }

        await using var second = await EnlaceTestCluster.StartAsync(connectionString, "svc-outbox-action", configureSilo: silo =>
            silo.Services.Configure<ReadModelOptions>(o => (o.SweepInterval, o.Grace) = (TimeSpan.FromMilliseconds(300), TimeSpan.Zero)));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await ActionStateAsync(connectionString) != "in_progress" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal("in_progress", await ActionStateAsync(connectionString));
    }

    private static async Task<string?> ActionStateAsync(string connectionString)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var command = database.CreateCommand("SELECT state FROM rm_actions WHERE roadmap_id = 'hr-caida' AND action_id = 'a1'");
        return (string?)await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task TheStoredStateDoesNotGrowWithTheHistory()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("outbox-size");
        await using var cluster = await EnlaceTestCluster.StartAsync(connectionString, "svc-outbox-size");
        var id = $"c{Guid.NewGuid():N}";
        var grain = cluster.Client.GetGrain<ICaseGrain>(id);
        await grain.Open(new CommandContext(Callers.Coordinator()), Samples.TraffickingCase());

        async Task<int> NotesThenSizeAsync(int notes)
        {
            for (var i = 0; i < notes; i++)
            {
                var added = await grain.AddNote(new CommandContext(Callers.Coordinator()), new AddNoteCommand($"Nota de seguimiento número {i} sobre la coordinación binacional"));
                Assert.Equal(CaseOutcome.Ok, added.Outcome);
            }

            await using var database = NpgsqlDataSource.Create(connectionString);
            await using var size = database.CreateCommand("SELECT length(payload) FROM orleans_grain_state WHERE state_name = 'case' AND grain_id_string = @id");
            size.Parameters.AddWithValue("id", id);
            return (int)(await size.ExecuteScalarAsync())!;
        }

        var after5 = await NotesThenSizeAsync(5);
        var after100 = await NotesThenSizeAsync(95);

        Assert.True(after100 <= after5 + 16, $"the stored state grew from {after5} to {after100} bytes with 95 more events");
        // 100 notes, and the opening: case-opened, two victims (one with an identity), the first task.
        Assert.Equal(105, (await History.ReadAsync(cluster.Client, connectionString, id, Callers.Coordinator()))!.Value.Length);
    }

    private static async Task<long> EventsAsync(string connectionString, string caseId)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var count = database.CreateCommand("SELECT count(*) FROM rm_audit_events WHERE case_id = @id");
        count.Parameters.AddWithValue("id", caseId);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>When armed, an action's projection never happens: the silo "dies" right after the state write.</summary>
    private sealed class CrashBeforeActionProjection
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public volatile bool Armed;

        public Task Reached => _reached.Task;

        public IRoadmapProjection Around(IRoadmapProjection inner) => new Projection(this, inner);

        private sealed class Projection(CrashBeforeActionProjection crash, IRoadmapProjection inner) : IRoadmapProjection
        {
            public Task ProjectRoadmapAsync(string roadmapId, RoadmapState state, CancellationToken cancellationToken = default) =>
                inner.ProjectRoadmapAsync(roadmapId, state, cancellationToken);

            public Task ProjectActionAsync(string roadmapId, string actionId, RoadmapActionState state, CancellationToken cancellationToken = default)
            {
                if (!crash.Armed)
                {
                    return inner.ProjectActionAsync(roadmapId, actionId, state, cancellationToken);
                }

                crash._reached.TrySetResult();
                return new TaskCompletionSource().Task;
            }
        }
    }

    /// <summary>When armed, the projection never happens: the silo "dies" right after the state write.</summary>
    private sealed class CrashBeforeProjection
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public volatile bool Armed;

        public Task Reached => _reached.Task;

        public ICaseProjection Around(ICaseProjection inner) => new Projection(this, inner);

        private sealed class Projection(CrashBeforeProjection crash, ICaseProjection inner) : ICaseProjection
        {
            public Task ProjectAsync(
                string caseId, CaseState state, int storageVersion, long afterSeq,
                IReadOnlyDictionary<string, int>? projectedTasks = null, IReadOnlyDictionary<string, int>? projectedVictims = null,
                CancellationToken cancellationToken = default)
            {
                if (!crash.Armed)
                {
                    return inner.ProjectAsync(caseId, state, storageVersion, afterSeq, projectedTasks, projectedVictims, cancellationToken);
                }

                crash._reached.TrySetResult();
                return new TaskCompletionSource().Task;
            }

            public Task<int> ProjectedStorageVersionAsync(string caseId, CancellationToken cancellationToken = default) =>
                inner.ProjectedStorageVersionAsync(caseId, cancellationToken);
        }
    }
}
