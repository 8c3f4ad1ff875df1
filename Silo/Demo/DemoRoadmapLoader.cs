using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Roadmaps;
using Enlace.Grains.Interfaces.Security;

namespace Enlace.Silo.Demo;

/// <summary>
/// The demo roadmaps as stories on the <see cref="DemoTimeline"/>, told through their grains
/// as users would: a coordinator creates the roadmap on the day it was signed and its
/// activities; agents of the responsible agencies start them and report progress over the
/// months; the secretariat of each country verifies. A roadmap already there is left alone.
/// </summary>
public sealed class DemoRoadmapLoader(IGrainFactory grains, DemoLoader users, TextWriter log)
{
    private const string DeadlineReminder = "deadline";

    private readonly List<string> _actions = [];

    /// <summary>How many roadmaps the stories created.</summary>
    public int Created { get; private set; }

    /// <summary>Adds the story of every demo roadmap not loaded yet to <paramref name="timeline"/>.</summary>
    public async Task AddStoriesAsync(DemoTimeline timeline, DateTimeOffset present)
    {
        foreach (var (id, command, actions) in DemoRoadmaps.All)
        {
            _actions.AddRange(actions.Select((_, i) => $"{id}/a{i + 1}"));
            if ((await grains.GetGrain<IRoadmapGrain>(id).Get(users.Coordinator("PE"))).Outcome != CaseOutcome.Ok)
            {
                timeline.Add(Story(id, command, actions));

                // Each activity's story begins on its start date, weeks after the signing.
                for (var i = 0; i < actions.Count; i++)
                {
                    timeline.Add(ActionStory(grains.GetGrain<IRoadmapActionGrain>($"{id}/a{i + 1}"), actions[i], present));
                }
            }
        }
    }

    /// <summary>Lets every demo activity look at its due date now: an unfinished one past it is escalated.</summary>
    public async Task TickDeadlinesAsync()
    {
        foreach (var key in _actions)
        {
            await grains.GetGrain<IRoadmapActionGrain>(key).AsReference<IRemindable>().ReceiveReminder(DeadlineReminder, default);
        }
    }

    private async IAsyncEnumerable<DateTimeOffset> Story(string id, CreateRoadmapCommand command, IReadOnlyList<DemoRoadmaps.DemoAction> actions)
    {
        var coordinator = users.Coordinator("PE");
        var created = At(command.SignedOn ?? command.PeriodStart, 20);
        yield return created;
        Expect(await grains.GetGrain<IRoadmapGrain>(id).Create(new CommandContext(coordinator, $"roadmap-{id}"), command), $"create {id}");
        for (var i = 0; i < actions.Count; i++)
        {
            yield return created.AddMinutes(10 * (i + 1));
            var added = await grains.GetGrain<IRoadmapGrain>(id).AddAction(new CommandContext(coordinator, $"roadmap-{id}-action-{i + 1}"), actions[i].Command);
            Expect(added, $"add activity {i + 1} to {id}");
        }

        Created++;
        log.WriteLine($"  {command.Title}: {actions.Count} actividades");
    }

    // An activity's months: started on its start date, progress reported every few months,
    // flagged at risk, reported done with evidence, verified by each country's secretariat.
    private async IAsyncEnumerable<DateTimeOffset> ActionStory(IRoadmapActionGrain action, DemoRoadmaps.DemoAction demo, DateTimeOffset present)
    {
        if (demo.Target == "planned")
        {
            yield break;
        }

        var agent = DemoLoader.Agent(demo.Command.ResponsibleAgencies[0]);
        var start = At(demo.Command.StartDate, 15);
        yield return start;
        Expect(await action.Fire(new CommandContext(agent), new FireActionTriggerCommand("start")), "start");

        var done = demo.Target is "reported_done" or "verified" or "verifying";
        var due = At(demo.Command.DueDate, 15);
        var end = done ? Earlier(due.AddDays(-20), present.AddDays(-45)) : present.AddDays(-10);
        var indicator = demo.Command.Indicators[0];
        const int Reports = 3;
        for (var r = 1; r <= Reports; r++)
        {
            yield return start + ((end - start) * r / Reports);
            var percent = demo.Percent * r / Reports;
            var last = done && r == Reports;
            var value = indicator.Baseline + ((indicator.Target - indicator.Baseline) * percent / 100m);
            Expect(await action.Report(new CommandContext(agent), new ProgressReportCommand(
                ImmutableDictionary<string, decimal>.Empty.Add(indicator.Name, Math.Round(value)), percent,
                last ? "Actividad concluida según lo programado; informe final remitido a las secretarías técnicas." : "Avance según el cronograma acordado en la mesa técnica binacional.",
                last ? $"INF-{demo.Command.DueDate.Year}-{Math.Abs(demo.Command.Title.Length * 37) % 1000:000}" : null)), "report");
            if (demo.Target == "at_risk" && r == 2)
            {
                Expect(await action.Fire(new CommandContext(agent), new FireActionTriggerCommand("flag-risk", "Retraso en la asignación de presupuesto.")), "flag-risk");
            }
        }

        if (!done)
        {
            yield break;
        }

        yield return end.AddDays(2);
        Expect(await action.Fire(new CommandContext(agent), new FireActionTriggerCommand("report-done")), "report-done");
        if (demo.Target == "reported_done")
        {
            yield break;
        }

        // Peru's secretariat verifies first; Bolivia's a week later (for a "verifying" one, not yet).
        var countries = demo.Command.ResponsibleAgencies.Select(a => a[..2]).Distinct().OrderByDescending(c => c == "PE").ToList();
        for (var c = 0; c < (demo.Target == "verifying" ? 1 : countries.Count); c++)
        {
            yield return end.AddDays(9 + (7 * c));
            Expect(await action.Fire(new CommandContext(users.Coordinator(countries[c])), new FireActionTriggerCommand("verify", "Verificado en la reunión técnica binacional.")), $"verify {countries[c]}");
        }
    }

    // Noon in the border's local time (UTC−4/−5) is about 16:00 UTC.
    private static DateTimeOffset At(DateOnly day, int hourUtc) => new(day.ToDateTime(new TimeOnly(hourUtc, 0)), TimeSpan.Zero);

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static void Expect(RoadmapResult result, string what)
    {
        if (result.Outcome is not (CaseOutcome.Ok or CaseOutcome.Created))
        {
            throw new InvalidOperationException($"Demo data: {what} failed: {result.Outcome} {result.Detail}");
        }
    }
}
