using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Roadmaps;
using Enlace.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Enlace.Tests.Roadmaps;

/// <summary>A roadmap action past its due day is escalated once, however often its reminder fires.</summary>
public sealed class ActionDeadlineTests
{
    [Fact]
    public async Task AnOverdueActionIsEscalatedOnceAndItsCoordinatorsNotified()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("action-deadline");
        await using var cluster = await EnlaceTestCluster.StartAsync(connectionString, "svc-action-deadline", time: time);
        var roadmap = cluster.Client.GetGrain<IRoadmapGrain>("hr-plazos");
        var coordinator = new CommandContext(Callers.Coordinator());
        await roadmap.Create(coordinator, new CreateRoadmapCommand("Plazos", ["PE", "BO"], null, null, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), [new RoadmapArea("prevencion", "Prevención")]));
        var added = await roadmap.AddAction(coordinator, new CreateActionCommand("Campaña", null, "prevencion", ["PE-MIMP"], [], new DateOnly(2026, 5, 1), new DateOnly(2026, 6, 10)));
        Assert.Equal(CaseOutcome.Created, added.Outcome);
        var action = cluster.Client.GetGrain<IRoadmapActionGrain>($"hr-plazos/{added.Action!.Id}");

        time.Advance(TimeSpan.FromDays(9));
        await action.AsReference<IRemindable>().ReceiveReminder("deadline", default);
        Assert.False((await action.Get(Callers.Coordinator())).Action!.Escalated);

        time.Advance(TimeSpan.FromDays(1));
        await action.AsReference<IRemindable>().ReceiveReminder("deadline", default);
        await action.AsReference<IRemindable>().ReceiveReminder("deadline", default);

        var view = (await action.Get(Callers.Coordinator())).Action!;
        Assert.Equal((true, true), (view.Overdue, view.Escalated));
        var history = (await action.GetHistory(Callers.Coordinator()))!.Value;
        Assert.Single(history, e => e.Kind == "action-overdue");
        Assert.Null(AuditChain.FirstBroken(history));
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var count = database.CreateCommand("SELECT count(*) FROM rm_notifications WHERE source_id = 'hr-plazos/a1' AND kind = 'action-overdue' AND countries @> '{PE,BO}'");
        Assert.Equal(1L, await count.ExecuteScalarAsync());
        Assert.Equal(["PE-MIMP"], view.ResponsibleAgencies.ToArray());
    }
}
