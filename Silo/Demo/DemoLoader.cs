using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.Interfaces.Victims;
using Enlace.Grains.ReferenceData;
using Enlace.Grains.Workflows.Definitions;

namespace Enlace.Silo.Demo;

/// <summary>
/// Loads the demo cases through the case grains, as users would: a coordinator opens
/// each case, the assigned agencies accept, start and complete their tasks, and the
/// case moves along its workflow to its target state. Idempotent: a case already
/// there is left alone.
/// </summary>
public sealed class DemoLoader(IGrainFactory grains, WorkflowCatalog catalog, TextWriter log)
{
    /// <summary>The demo coordinator of <paramref name="country"/>: a user of its technical secretariat.</summary>
    public Caller Coordinator(string country) =>
        new($"demo-coordinator-{country.ToLowerInvariant()}", $"Secretaría técnica {country}", [Caller.Coordinator],
            catalog.Reference.Agencies.First(a => a.Kind == "secretariat" && a.Country == country).Code, [country]);

    /// <summary>Loads every demo case; returns how many were created.</summary>
    public async Task<int> LoadAsync()
    {
        var created = 0;
        foreach (var (number, command, target) in DemoCases.All)
        {
            var id = CaseIds.ForIdempotencyKey("demo", $"case-{number}");
            var coordinator = Coordinator(command.LeadCountry);
            var grain = grains.GetGrain<ICaseGrain>(id);
            if ((await grain.Get(coordinator)).Outcome == CaseOutcome.Ok)
            {
                continue;
            }

            var opened = await grain.Open(new CommandContext(coordinator, $"case-{number}"), command);
            Expect(opened, $"open demo case {number}");
            await RecordConsentsAsync(grain, coordinator, opened.Case!, number);
            await AdvanceAsync(grain, coordinator, target);
            created++;
            log.WriteLine($"  {opened.Case!.Reference}  {command.Title} → {target}");
        }

        return created;
    }

    // Varied, as in practice: most consent to assistance and data processing, fewer to the
    // transfer of their identity across the border; a child's decision is the representative's.
    private static async Task RecordConsentsAsync(ICaseGrain grain, Caller coordinator, CaseView view, int number)
    {
        foreach (var victim in view.Victims)
        {
            var seed = number + victim.Code.Length + int.Parse(victim.Code[2..], System.Globalization.CultureInfo.InvariantCulture);
            var representative = victim.IsMinor ? (view.LeadCountry == "PE" ? "DEMUNA" : "Defensoría de la Niñez y Adolescencia") : null;
            foreach (var (purpose, given) in new[]
            {
                ("assistance", true), ("data-processing", seed % 6 != 0), ("statistics", seed % 4 != 0), ("cross-border-transfer", seed % 3 == 0),
            })
            {
                var command = new RecordConsentCommand(victim.Code, purpose, given, LegalRepresentative: representative);
                Expect(await grain.RecordConsent(new CommandContext(coordinator, $"consent-{view.Id}-{victim.Code}-{purpose}"), command), $"consent {purpose} {victim.Code}");
            }
        }
    }

    private async Task AdvanceAsync(ICaseGrain grain, Caller coordinator, string target)
    {
        var view = (await grain.Get(coordinator)).Case!;
        var definition = catalog.Find(view.WorkflowId, view.WorkflowVersion)!;
        for (var guard = 0; view.State != target && guard < 20; guard++)
        {
            await CompleteOpenTasksAsync(grain, view);
            var leaving = definition.Triggers.Where(t => t.From.Contains(view.State)).ToList();
            var next = leaving.Find(t => t.To == target) ?? leaving.First(t => !definition.FindState(t.To)!.Terminal);
            var caller = next.Roles.Contains("coordinator") ? coordinator : await AgentForAsync(grain, coordinator, next.Roles);
            var note = next.RequiresNote ? "Decisión registrada en la mesa técnica del caso." : null;
            var resolution = next.RequiresResolution ? definition.Resolutions[0] : null;
            var moved = await grain.Fire(new CommandContext(caller), new FireCaseTriggerCommand(next.Name, note, resolution));
            Expect(moved, $"{next.Name} on {view.Reference}");
            view = (await grain.Get(coordinator)).Case!;
        }
    }

    private async Task CompleteOpenTasksAsync(ICaseGrain grain, CaseView view)
    {
        foreach (var task in view.Tasks.Where(t => t.State == "assigned"))
        {
            var agent = Agent(task.Agency);
            foreach (var trigger in new[] { "accept", "start", "complete" })
            {
                var note = trigger == "complete" ? "Diligencia realizada; informe en el expediente." : null;
                Expect(await grain.FireTask(new CommandContext(agent), new FireTaskTriggerCommand(task.Id, trigger, note)), $"{trigger} {task.Id}");
            }
        }
    }

    private async Task<Caller> AgentForAsync(ICaseGrain grain, Caller coordinator, IReadOnlyList<string> roles)
    {
        var view = (await grain.Get(coordinator)).Case!;
        var agency = view.Tasks.Select(t => catalog.Reference.FindAgency(t.Agency)).OfType<Agency>().First(a => roles.Contains(a.Kind));
        return Agent(agency.Code);
    }

    /// <summary>The demo agent of <paramref name="agency"/>.</summary>
    public static Caller Agent(string agency) =>
        new($"demo-{agency.ToLowerInvariant()}", $"Oficial {agency}", [Caller.Agent], agency, [agency[..2]]);

    private static void Expect(CaseResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo data: {what} failed: {result.Outcome} {result.Detail}");
        }
    }
}
