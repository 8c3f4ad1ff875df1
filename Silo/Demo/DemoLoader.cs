using System.Globalization;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.Interfaces.Victims;
using Enlace.Grains.ReferenceData;
using Enlace.Grains.Workflows.Definitions;

namespace Enlace.Silo.Demo;

/// <summary>
/// The demo cases as stories on the <see cref="DemoTimeline"/>, told through the case grains
/// as users would: a coordinator opens each case and records consents, perpetrators and
/// notes; the assigned agencies accept, start and complete their tasks (most in time, some
/// late); the case moves along its workflow to its target state over the weeks and months
/// its story spans. A case already there is left alone.
/// </summary>
public sealed class DemoLoader(IGrainFactory grains, WorkflowCatalog catalog, DemoClock clock, TextWriter log)
{
    private const string DeadlineReminder = "deadline";

    private readonly Dictionary<string, Caller> _cases = [];

    /// <summary>How many cases the stories opened.</summary>
    public int Created { get; private set; }

    /// <summary>The demo coordinator of <paramref name="country"/>: a user of its technical secretariat.</summary>
    public Caller Coordinator(string country) =>
        new($"demo-coordinator-{country.ToLowerInvariant()}", $"Secretaría técnica {country}", [Caller.Coordinator],
            catalog.Reference.Agencies.First(a => a.Kind == "secretariat" && a.Country == country).Code, [country]);

    /// <summary>The demo agent of <paramref name="agency"/>.</summary>
    public static Caller Agent(string agency) =>
        new($"demo-{agency.ToLowerInvariant()}", $"Oficial {agency}", [Caller.Agent], agency, [agency[..2]]);

    /// <summary>The grain id of demo case <paramref name="number"/>.</summary>
    public static string CaseId(int number) => CaseIds.ForIdempotencyKey("demo", $"case-{number}");

    /// <summary>Adds the story of every demo case not loaded yet, and the deadline sweep, to <paramref name="timeline"/>.</summary>
    public async Task AddStoriesAsync(DemoTimeline timeline, DateTimeOffset present)
    {
        var earliest = present;
        foreach (var demo in DemoCases.All)
        {
            var id = CaseId(demo.Number);
            var coordinator = Coordinator(demo.Command.LeadCountry);
            _cases[id] = coordinator;
            if ((await grains.GetGrain<ICaseGrain>(id).Get(coordinator)).Outcome != CaseOutcome.Ok)
            {
                var opened = OpenedAt(demo, present);
                earliest = opened < earliest ? opened : earliest;
                timeline.Add(Story(demo, id, coordinator, opened, present));
            }
        }

        timeline.Add(DeadlineSweep(earliest, present));
    }

    /// <summary>
    /// Lets every demo case look at its deadlines now (what a reminder tick does): late work is
    /// escalated and each case's reminder is set again from the present, on the system clock.
    /// </summary>
    public async Task TickDeadlinesAsync()
    {
        foreach (var id in _cases.Keys)
        {
            await grains.GetGrain<ICaseGrain>(id).AsReference<IRemindable>().ReceiveReminder(DeadlineReminder, default);
        }
    }

    private static DateTimeOffset OpenedAt(DemoCase demo, DateTimeOffset present) =>
        new DateTimeOffset(present.UtcDateTime.Date, TimeSpan.Zero).AddDays(-demo.OpenedDaysAgo).AddHours(13 + (demo.Number % 8));

    private async IAsyncEnumerable<DateTimeOffset> Story(DemoCase demo, string id, Caller coordinator, DateTimeOffset openedAt, DateTimeOffset present)
    {
        var random = new Random(demo.Number);
        var grain = grains.GetGrain<ICaseGrain>(id);
        yield return openedAt;
        var opened = await grain.Open(new CommandContext(coordinator, $"case-{demo.Number}"), demo.Command);
        Expect(opened, $"open demo case {demo.Number}");
        Created++;
        var view = opened.Case!;
        log.WriteLine($"  {view.Reference}  {demo.Command.Title} → {demo.TargetState}");

        yield return openedAt.AddHours(3);
        await RecordConsentsAsync(grain, coordinator, view, demo.Number);

        yield return openedAt.AddDays(1);
        for (var i = 0; i < demo.Perpetrators.Length; i++)
        {
            Expect(await grain.AddPerpetrator(new CommandContext(coordinator, $"perpetrator-{demo.Number}-{i}"), demo.Perpetrators[i]), $"perpetrator {i} of case {demo.Number}");
        }

        var definition = catalog.Find(view.WorkflowId, view.WorkflowVersion)!;
        var path = Path(definition, demo);
        var stage = TimeSpan.FromDays((demo.OpenedDaysAgo - 3) / (path.Count + 1.0));
        for (var s = 0; s < path.Count; s++)
        {
            var stageStart = clock.GetUtcNow();
            view = (await grain.Get(coordinator)).Case!;
            foreach (var (at, step) in StageWork(grain, view, random, stageStart + (stage * 0.8), demo, s, coordinator).OrderBy(w => w.At))
            {
                yield return at;
                await step();
            }

            yield return Later(stageStart + (stage * 0.9), clock.GetUtcNow().AddHours(6));
            var next = path[s];
            var (caller, request) = next.Roles.Contains("coordinator") ? (coordinator, null) : await DeciderAsync(grain, coordinator, next, $"{demo.Number}-{s}");
            var note = next.RequiresNote ? "Decisión registrada en la mesa técnica del caso." : null;
            Expect(await grain.Fire(new CommandContext(caller), new FireCaseTriggerCommand(next.Name, note, next.RequiresResolution ? demo.Resolution ?? definition.Resolutions[0] : null)),
                $"{next.Name} on {view.Reference}");
            if (request is not null)
            {
                await FireTaskAsync(grain, caller, request, "complete", "Decisión emitida; disposición en el expediente.");
            }
        }

        // Work in hand at the end of the story: some accepted or started, some waiting (and,
        // once their deadline passes, overdue and escalated); a referral across the border
        // that nobody acknowledged.
        view = (await grain.Get(coordinator)).Case!;
        if (view.ClosedAt is not null)
        {
            yield break;
        }

        if (demo.Number % 4 == 1 && !demo.Command.PartnerCountries.IsDefaultOrEmpty)
        {
            var partner = demo.Command.LeadCountry == "PE" ? "BO-SEPDAVI" : "PE-MIMP";
            yield return clock.GetUtcNow().AddHours(2);
            var now = clock.GetUtcNow();
            Expect(await grain.CreateTask(new CommandContext(coordinator, $"referral-{demo.Number}"), new CreateTaskCommand(
                "Acogida y atención psicológica en el país de origen", "Derivación binacional acordada en el CEBAF Desaguadero.", partner,
                now.AddDays(10), "urgent", "referral", now.AddHours(48))), $"referral on {view.Reference}");
        }

        foreach (var task in view.Tasks.Where(t => t.State == "assigned").ToList())
        {
            var triggers = (random.Next(3) switch { 0 => [], 1 => new[] { "accept" }, _ => ["accept", "start"] }).ToList();
            var at = task.CreatedAt;
            foreach (var trigger in triggers)
            {
                at = Earlier(at + ((task.DueAt - task.CreatedAt) * 0.2), present.AddHours(-1));
                yield return at;
                Expect(await grain.FireTask(new CommandContext(Agent(task.Agency)), new FireTaskTriggerCommand(task.Id, trigger)), $"{trigger} {task.Id}");
            }
        }
    }

    // The triggers from the initial state to the target: the one to the target when there is
    // one (archiving only when the case is meant to be archived), else the first that does not end it.
    private static List<TriggerDefinition> Path(WorkflowDefinition definition, DemoCase demo)
    {
        var path = new List<TriggerDefinition>();
        var archiving = demo.Resolution is "archived-insufficient-evidence" or "dismissed" && demo.OpenedDaysAgo < 150;
        for (var state = definition.InitialState; state != demo.TargetState && path.Count < 20;)
        {
            var leaving = definition.Triggers.Where(t => t.From.Contains(state)).ToList();
            var next = leaving.Find(t => t.To == demo.TargetState && (archiving || t.Name != "archive" || definition.Triggers.All(x => x.Name == "archive" || x.To != demo.TargetState)))
                ?? leaving.First(t => !definition.FindState(t.To)!.Terminal);
            path.Add(next);
            state = next.To;
        }

        return path;
    }

    // The steps of one stage: each open task accepted, started and completed (seven in ten
    // within their deadline), a note and, in the first stage, a withdrawn consent.
    private IEnumerable<(DateTimeOffset At, Func<Task> Step)> StageWork(
        ICaseGrain grain, CaseView view, Random random, DateTimeOffset bound, DemoCase demo, int stage, Caller coordinator)
    {
        var now = clock.GetUtcNow();
        foreach (var task in view.Tasks.Where(t => t.State == "assigned"))
        {
            var span = task.DueAt - task.CreatedAt;
            var done = random.Next(10) < 7 ? task.CreatedAt + (span * (0.4 + (0.5 * random.NextDouble()))) : task.CreatedAt + (span * 1.3) + TimeSpan.FromDays(1);
            done = Later(Earlier(done, bound), now.AddHours(2));
            var agent = Agent(task.Agency);
            var taskId = task.Id;
            yield return (Later(now.AddMinutes(20), task.CreatedAt + ((done - task.CreatedAt) * 0.15)), () => FireTaskAsync(grain, agent, taskId, "accept", null));
            yield return (Later(now.AddMinutes(40), task.CreatedAt + ((done - task.CreatedAt) * 0.35)), () => FireTaskAsync(grain, agent, taskId, "start", null));
            yield return (done, () => FireTaskAsync(grain, agent, taskId, "complete", "Diligencia realizada; informe en el expediente."));
        }

        if (stage == 0)
        {
            yield return (now + ((bound - now) / 2), async () =>
            {
                Expect(await grain.AddNote(new CommandContext(coordinator, $"note-{demo.Number}"), new AddNoteCommand(
                    demo.Command.BorderPoint is null ? "Caso revisado en la mesa técnica binacional." : "Caso revisado en la mesa técnica binacional del CEBAF Desaguadero; se acordó el intercambio de información entre fiscalías.")),
                    $"note on case {demo.Number}");
                await WithdrawConsentsAsync(grain, coordinator, demo.Number);
            }
            );
        }
    }

    private static async Task FireTaskAsync(ICaseGrain grain, Caller agent, string taskId, string trigger, string? note) =>
        Expect(await grain.FireTask(new CommandContext(agent), new FireTaskTriggerCommand(taskId, trigger, note)), $"{trigger} {taskId}");

    // Varied, as in practice: most consent to assistance and data processing, fewer to the
    // transfer of their identity across the border; a child's decision is the representative's.
    private static async Task RecordConsentsAsync(ICaseGrain grain, Caller coordinator, CaseView view, int number)
    {
        foreach (var victim in view.Victims)
        {
            var seed = Seed(number, victim.Code);
            var representative = victim.IsMinor ? (view.LeadCountry == "PE" ? "Representante legal designado por la UPE del MIMP" : "Representante legal designado por la Defensoría de la Niñez y Adolescencia") : null;
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

    // Some people withdraw consent later: to statistics, or to the processing of their data.
    private async Task WithdrawConsentsAsync(ICaseGrain grain, Caller coordinator, int number)
    {
        var view = (await grain.Get(coordinator)).Case!;
        foreach (var victim in view.Victims.Where(v => Seed(number, v.Code) % 5 == 0))
        {
            var purpose = Seed(number, victim.Code) % 10 == 0 ? "data-processing" : "statistics";
            Expect(await grain.RecordConsent(new CommandContext(coordinator, $"withdraw-{view.Id}-{victim.Code}"), new RecordConsentCommand(
                victim.Code, purpose, false, LegalRepresentative: victim.IsMinor ? "Representante legal" : null, Note: "La persona retiró su consentimiento en la entrevista de seguimiento.")),
                $"withdraw {purpose} {victim.Code}");
        }
    }

    private static int Seed(int number, string code) => number + code.Length + int.Parse(code[2..], CultureInfo.InvariantCulture);

    // Every half day of the script, the cases with work newly past its deadline are escalated,
    // as their reminders would have done at the time.
    private async IAsyncEnumerable<DateTimeOffset> DeadlineSweep(DateTimeOffset from, DateTimeOffset present)
    {
        for (var at = from.AddHours(12); at < present; at = at.AddHours(12))
        {
            yield return at;
            foreach (var (id, coordinator) in _cases)
            {
                var view = await grains.GetGrain<ICaseGrain>(id).Get(coordinator);
                if (view.Case is { ClosedAt: null } open && open.Tasks.Any(t => t.Overdue && !t.Escalated))
                {
                    await grains.GetGrain<ICaseGrain>(id).AsReference<IRemindable>().ReceiveReminder(DeadlineReminder, default);
                }
            }
        }
    }

    // The agent who decides: one of an agency of the trigger's kinds that works in the case. An
    // agency acts only while it has a task open there (or just closed), and a decision often
    // waits on others' work long after its own task closed: then the coordination asks it for
    // the decision with a task of its own, as a secretariat does. Returns that task, if any.
    private async Task<(Caller Agent, string? Request)> DeciderAsync(ICaseGrain grain, Caller coordinator, TriggerDefinition trigger, string key)
    {
        var view = (await grain.Get(coordinator)).Case!;
        var agency = view.Tasks.Select(t => catalog.Reference.FindAgency(t.Agency)).OfType<Agency>().First(a => trigger.Roles.Contains(a.Kind));
        var agent = Agent(agency.Code);
        if ((await grain.Get(agent)).Case?.Participation?.Stage is "active" or "grace")
        {
            return (agent, null);
        }

        var now = clock.GetUtcNow();
        var asked = await grain.CreateTask(new CommandContext(coordinator, $"decision-{key}"), new CreateTaskCommand(
            $"Emitir la decisión: {trigger.Title.Es}", "La coordinación solicita la decisión de la etapa; el resto de las diligencias concluyó.", agency.Code, now.AddDays(5), "high"));
        Expect(asked, $"decision request {key}");
        await FireTaskAsync(grain, agent, asked.TaskId!, "accept", null);
        return (agent, asked.TaskId);
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static void Expect(CaseResult result, string what)
    {
        if (!result.Succeeded)
        {
            var errors = result.Errors is null ? "" : string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));
            throw new InvalidOperationException($"Demo data: {what} failed: {result.Outcome} {result.Detail} {errors}");
        }
    }
}
