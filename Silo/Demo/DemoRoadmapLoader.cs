using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Roadmaps;
using Enlace.Grains.Interfaces.Security;

namespace Enlace.Silo.Demo;

/// <summary>
/// Loads the demo roadmaps through their grains as users would: a coordinator creates the
/// roadmap and its actions, agents of the responsible agencies start them and report
/// progress, coordinators verify. Idempotent: a roadmap already there is left alone.
/// </summary>
public sealed class DemoRoadmapLoader(IGrainFactory grains, DemoLoader users, TextWriter log)
{
    /// <summary>Loads the roadmaps; returns how many were created.</summary>
    public async Task<int> LoadAsync()
    {
        var created = 0;
        foreach (var (id, command, actions) in DemoRoadmaps.All)
        {
            var coordinator = users.Coordinator("PE");
            var roadmap = grains.GetGrain<IRoadmapGrain>(id);
            if ((await roadmap.Get(coordinator)).Outcome == CaseOutcome.Ok)
            {
                continue;
            }

            Expect(await roadmap.Create(new CommandContext(coordinator, $"roadmap-{id}"), command), $"create {id}");
            for (var i = 0; i < actions.Count; i++)
            {
                var added = await roadmap.AddAction(new CommandContext(coordinator, $"roadmap-{id}-action-{i + 1}"), actions[i].Command);
                Expect(added, $"add action {i + 1} to {id}");
                await AdvanceAsync(grains.GetGrain<IRoadmapActionGrain>($"{id}/{added.Action!.Id}"), actions[i], coordinator);
            }

            created++;
            log.WriteLine($"  {command.Title}: {actions.Count} acciones");
        }

        return created;
    }

    private async Task AdvanceAsync(IRoadmapActionGrain action, DemoRoadmaps.DemoAction demo, Caller coordinator)
    {
        if (demo.Target == "planned")
        {
            return;
        }

        var agent = DemoLoader.Agent(demo.Command.ResponsibleAgencies[0]);
        Expect(await action.Fire(new CommandContext(agent), new FireActionTriggerCommand("start")), "start");
        var indicator = demo.Command.Indicators[0];
        var value = indicator.Baseline + ((indicator.Target - indicator.Baseline) * demo.Percent / 100m);
        var done = demo.Target is "reported_done" or "verified";
        Expect(await action.Report(new CommandContext(agent), new ProgressReportCommand(
            ImmutableDictionary<string, decimal>.Empty.Add(indicator.Name, Math.Round(value)), demo.Percent,
            done ? "Actividad concluida según lo programado; informe final remitido." : "Avance según el cronograma acordado en la mesa técnica.",
            done ? $"INF-{demo.Command.DueDate.Year}-{Math.Abs(demo.Command.Title.GetHashCode(StringComparison.Ordinal)) % 1000:000}" : null)), "report");
        switch (demo.Target)
        {
            case "at_risk":
                Expect(await action.Fire(new CommandContext(agent), new FireActionTriggerCommand("flag-risk", "Retraso en la asignación de presupuesto.")), "flag-risk");
                break;
            case "reported_done" or "verified":
                Expect(await action.Fire(new CommandContext(agent), new FireActionTriggerCommand("report-done")), "report-done");
                if (demo.Target == "verified")
                {
                    Expect(await action.Fire(new CommandContext(coordinator), new FireActionTriggerCommand("verify")), "verify");
                }

                break;
        }
    }

    private static void Expect(RoadmapResult result, string what)
    {
        if (result.Outcome is not (CaseOutcome.Ok or CaseOutcome.Created))
        {
            throw new InvalidOperationException($"Demo data: {what} failed: {result.Outcome} {result.Detail}");
        }
    }
}
