using Enlace.Grains.Cases;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;

namespace Enlace.Tests.Cases;

/// <summary>
/// Deadlines of a definition written in working days (<c>P2WD</c>), through the real case grain
/// on PostgreSQL: each is computed in the calendar of the agency that must act, and the
/// deadline reminder escalates at that instant, not before.
/// </summary>
public sealed class CalendarDeadlineTests
{
    /// <summary>A case definition whose first state sets deadlines in working days and in hours.</summary>
    internal const string Drill = """
        id: working-days-drill
        version: 1
        kind: case
        title: { es: Simulacro de plazos en días hábiles, en: Working-day deadline drill }
        initialState: report
        resolutions: [dismissed]
        states:
          - name: report
            title: { es: Denuncia recibida, en: Report received }
            tasks:
              - title: { es: Registrar la denuncia, en: Register the report }
                assign: { agencyKind: police, country: lead }
                dueIn: P2WD
                priority: high
                tags: [registered]
              - title: { es: Adoptar medidas urgentes, en: Take urgent measures }
                assign: { agencyKind: prosecutor, country: lead }
                dueIn: PT24H
                priority: urgent
                tags: [urgent]
              - title: { es: "Derivación transfronteriza: cooperación fiscal", en: "Cross-border referral: prosecutors' cooperation" }
                kind: referral
                assign: { agencyKind: prosecutor, country: partner }
                dueIn: P5WD
                acknowledgeIn: P2WD
                priority: high
                tags: [cross-border]
          - name: closed
            title: { es: Cerrado, en: Closed }
            terminal: true
        triggers:
          - name: close
            title: { es: Cerrar, en: Close }
            from: [report]
            to: closed
            roles: [coordinator]
            requiresResolution: true
        """;

    [Fact]
    public async Task TasksAssignedOnTheFridayBeforeSanPedroYSanPabloAreDueInTheActingAgencysWorkingDays()
    {
        // Friday 26 June 2026, 10:00 in Lima, 11:00 in La Paz; Monday 29 June is a holiday in Peru only.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 26, 15, 0, 0, TimeSpan.Zero));
        var catalog = WorkflowCatalog.FromSources([("working-days-drill.v1.yaml", Drill)], TestCatalog.Reference);
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("calendar-deadlines");
        await using var cluster = await EnlaceTestCluster.StartAsync(connectionString, "svc-calendar-deadlines", catalog, time, silo =>
        {
            silo.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.Configure<DeadlineOptions>(o => o.ReminderPeriod = TimeSpan.FromSeconds(2));
        });
        var reference = TestCatalog.Reference;

        var peruLed = await OpenAsync(cluster.Client, "PE", "BO");
        var boliviaLed = await OpenAsync(cluster.Client, "BO", "PE");

        var peruTasks = (await cluster.Client.GetGrain<ICaseGrain>(peruLed).Get(Callers.Coordinator())).Case!.Tasks;
        var boliviaTasks = (await cluster.Client.GetGrain<ICaseGrain>(boliviaLed).Get(Callers.Coordinator("BO"))).Case!.Tasks;
        // Peruvian police: Tuesday 30 June and Wednesday 1 July, at 10:00 Lima time.
        Assert.Equal(At(2026, 7, 1, 15), Single(peruTasks, "Registrar la denuncia", reference.AgencyFor("police", "PE")!.Code).DueAt);
        // Hours stay hours: 24 elapsed hours, over the weekend.
        Assert.Equal(At(2026, 6, 27, 15), Single(peruTasks, "Adoptar medidas urgentes", reference.AgencyFor("prosecutor", "PE")!.Code).DueAt);
        // Bolivian prosecutors acknowledge by Tuesday 30 June (29 and 30 are working days there), 11:00 La Paz time.
        var boReferral = Single(peruTasks, "Derivación transfronteriza: cooperación fiscal", reference.AgencyFor("prosecutor", "BO")!.Code);
        Assert.Equal((At(2026, 6, 30, 15), At(2026, 7, 3, 15)), (boReferral.AcknowledgeBy, boReferral.DueAt));
        // And the other way round: Bolivian police by Tuesday, Peruvian prosecutors acknowledge by Wednesday.
        Assert.Equal(At(2026, 6, 30, 15), Single(boliviaTasks, "Registrar la denuncia", reference.AgencyFor("police", "BO")!.Code).DueAt);
        var peReferral = Single(boliviaTasks, "Derivación transfronteriza: cooperación fiscal", reference.AgencyFor("prosecutor", "PE")!.Code);
        Assert.Equal((At(2026, 7, 1, 15), At(2026, 7, 6, 15)), (peReferral.AcknowledgeBy, peReferral.DueAt));

        // The reminder escalates the Bolivian acknowledgement at its instant, not a minute before.
        var grain = cluster.Client.GetGrain<ICaseGrain>(peruLed);
        time.SetUtcNow(At(2026, 6, 30, 15).AddMinutes(-1));
        await FireReminderAsync(grain);
        var before = (await grain.Get(Callers.Coordinator())).Case!.Tasks;
        Assert.Equal([true, false], new[] { "Adoptar medidas urgentes", "Derivación transfronteriza: cooperación fiscal" }.Select(t => before.Single(x => x.Title == t).Escalated));

        time.SetUtcNow(At(2026, 6, 30, 15));
        await FireReminderAsync(grain);
        Assert.True((await grain.Get(Callers.Coordinator())).Case!.Tasks.Single(t => t.Id == boReferral.Id).Escalated, $"case {peruLed}: the acknowledgement due {boReferral.AcknowledgeBy:O} was not escalated at that instant");
        var note = (await History.ReadAsync(cluster.Client, connectionString, peruLed, Callers.Coordinator()))!.Value
            .Single(e => e.Kind == "task-escalated" && e.TaskId == boReferral.Id).Note;
        Assert.Equal($"{boReferral.Agency}: acknowledgement 2026-06-30 15:00 UTC passed", note);
    }

    private static async Task<string> OpenAsync(IClusterClient client, string lead, string partner)
    {
        var id = CaseIds.New();
        var opened = await client.GetGrain<ICaseGrain>(id).Open(
            new CommandContext(Callers.Coordinator(lead)), new OpenCaseCommand("working-days-drill", "Simulacro de plazos", "Prueba de días hábiles", lead, [partner], null, []));
        Assert.True(opened.Outcome == CaseOutcome.Created, $"opening {id} led by {lead}: {opened.Outcome} {opened.Detail}");
        return id;
    }

    private static TaskView Single(IEnumerable<TaskView> tasks, string title, string agency) =>
        tasks.Single(t => t.Title == title && t.Agency == agency);

    private static DateTimeOffset At(int year, int month, int day, int hourUtc) => new(year, month, day, hourUtc, 0, 0, TimeSpan.Zero);

    // What Orleans does when the reminder ticks.
    private static Task FireReminderAsync(ICaseGrain grain) => grain.AsReference<IRemindable>().ReceiveReminder("deadline", default);
}
