using Enlace.Grains.Cases;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Enlace.Tests.Cases;

/// <summary>Deadlines: reminders mark late work escalated once, and notify the coordinators.</summary>
public sealed class DeadlineTests
{
    [Fact]
    public async Task ATaskPastItsDeadlineIsEscalatedExactlyOnceWhenTheReminderFiresTwice()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var (cluster, connectionString) = await StartAsync("deadline-twice", time);
        await using var _ = cluster;
        var id = await OpenAsync(cluster);
        var grain = cluster.Client.GetGrain<ICaseGrain>(id);
        var created = await grain.CreateTask(new CommandContext(Callers.Coordinator()), new CreateTaskCommand("Informe pericial", null, "PE-MIMP", time.GetUtcNow().AddDays(2), "high"));
        Assert.Equal(1, await ReminderRowsAsync(connectionString, id));

        time.Advance(TimeSpan.FromDays(1));
        await FireReminderAsync(grain);
        Assert.False(TaskOf(await grain.Get(Callers.Coordinator()), created.TaskId!).Escalated);

        time.Advance(TimeSpan.FromDays(1.5));
        await FireReminderAsync(grain);
        await FireReminderAsync(grain);

        var view = await grain.Get(Callers.Coordinator());
        Assert.True(TaskOf(view, created.TaskId!).Escalated);
        var history = (await History.ReadAsync(cluster.Client, connectionString, id, Callers.Coordinator()))!.Value;
        var escalations = history.Where(e => e.Kind == "task-escalated").ToList();
        var late = view.Case!.Tasks.Where(t => t.Escalated).Select(t => t.Id).Order().ToList();
        Assert.Equal(late, escalations.Select(e => e.TaskId!).Order());
        Assert.Equal(("system", "PE-MIMP: due date 2026-06-03 09:00 UTC passed"), escalations.Where(e => e.TaskId == created.TaskId).Select(e => (e.Actor, e.Note)).Single());
        var notifications = await NotificationsAsync(connectionString, id);
        Assert.Equal(late, notifications.Select(n => n.Item1!).Order());
        Assert.Contains((created.TaskId, "PE-MIMP", "Informe pericial"), notifications);
    }

    [Fact]
    public async Task AReferralNotAcknowledgedInTimeEscalatesAndOneAcceptedInTimeDoesNot()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var (cluster, connectionString) = await StartAsync("deadline-referral", time);
        await using var _ = cluster;
        var id = await OpenAsync(cluster);
        var grain = cluster.Client.GetGrain<ICaseGrain>(id);
        var coordinator = new CommandContext(Callers.Coordinator());
        var ignored = await grain.CreateTask(coordinator, new CreateTaskCommand("Albergue", null, "PE-MIMP", time.GetUtcNow().AddDays(10), "urgent", "referral", time.GetUtcNow().AddHours(4)));
        var accepted = await grain.CreateTask(coordinator, new CreateTaskCommand("Entrevista", null, "PE-MP-UDAVIT", time.GetUtcNow().AddDays(10), "urgent", "referral", time.GetUtcNow().AddHours(4)));
        Assert.Equal(CaseOutcome.Ok, (await grain.FireTask(new CommandContext(Callers.Agent("PE-MP-UDAVIT")), new FireTaskTriggerCommand(accepted.TaskId!, "accept"))).Outcome);

        time.Advance(TimeSpan.FromHours(5));
        await FireReminderAsync(grain);

        var view = await grain.Get(Callers.Coordinator());
        Assert.Equal((true, false), (TaskOf(view, ignored.TaskId!).Escalated, TaskOf(view, accepted.TaskId!).Escalated));
        Assert.Equal([(ignored.TaskId, "PE-MIMP", "Albergue")], await NotificationsAsync(connectionString, id));
        var note = (await History.ReadAsync(cluster.Client, connectionString, id, Callers.Coordinator()))!.Value.Single(e => e.Kind == "task-escalated").Note;
        Assert.Equal("PE-MIMP: acknowledgement 2026-06-01 13:00 UTC passed", note);
    }

    [Fact]
    public async Task WithTheClusterDownAcrossADeadlineTheEscalationHappensAfterRestart()
    {
        var (first, connectionString) = await StartAsync("deadline-restart", TimeProvider.System);
        var id = await OpenAsync(first);
        var created = await first.Client.GetGrain<ICaseGrain>(id).CreateTask(
            new CommandContext(Callers.Coordinator()), new CreateTaskCommand("Verificar identidad", null, "PE-MIGRACIONES", DateTimeOffset.UtcNow.AddSeconds(3), "normal"));
        await first.StopAllSilosAsync();
        await first.DisposeAsync();

        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Empty(await NotificationsAsync(connectionString, id));

        // Nobody calls the case: the reminder, loaded by the new silo, catches up.
        var (second, _) = await StartAsync("deadline-restart", TimeProvider.System, connectionString);
        await using var __ = second;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await NotificationsAsync(connectionString, id)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.Equal([(created.TaskId, "PE-MIGRACIONES", "Verificar identidad")], await NotificationsAsync(connectionString, id));
    }

    private static async Task<(InProcessTestCluster Cluster, string ConnectionString)> StartAsync(string name, TimeProvider time, string? connectionString = null)
    {
        connectionString ??= await (await PostgresServer.GetAsync()).CreateDatabaseAsync(name);
        var cluster = await EnlaceTestCluster.StartAsync(connectionString, $"svc-{name}", time: time, configureSilo: silo =>
        {
            silo.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.Configure<DeadlineOptions>(o => o.ReminderPeriod = TimeSpan.FromSeconds(2));
        });
        return (cluster, connectionString);
    }

    private static async Task<string> OpenAsync(InProcessTestCluster cluster)
    {
        var id = CaseIds.New();
        var opened = await cluster.Client.GetGrain<ICaseGrain>(id).Open(new CommandContext(Callers.Coordinator()), Samples.TraffickingCase());
        Assert.Equal(CaseOutcome.Created, opened.Outcome);
        return id;
    }

    // What Orleans does when the reminder ticks.
    private static Task FireReminderAsync(ICaseGrain grain) => grain.AsReference<IRemindable>().ReceiveReminder("deadline", default);

    private static TaskView TaskOf(CaseResult result, string taskId) => result.Case!.Tasks.Single(t => t.Id == taskId);

    private static async Task<List<(string?, string?, string)>> NotificationsAsync(string connectionString, string caseId)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var command = database.CreateCommand("SELECT task_id, agency, title FROM rm_notifications WHERE source_id = @id AND 'PE' = ANY (countries) AND kind <> 'task-assigned' ORDER BY id");
        command.Parameters.AddWithValue("id", caseId);
        var rows = new List<(string?, string?, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    private static async Task<long> ReminderRowsAsync(string connectionString, string caseId)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var command = database.CreateCommand("SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE '%' || @id AND reminder_name = 'deadline'");
        command.Parameters.AddWithValue("id", caseId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
