using Enlace.Grains.Cases;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.ReferenceData;
using Enlace.Grains.Victims;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Grains.Workflows.Engine;

namespace Enlace.Bench.Seed;

/// <summary>
/// Realistic, reproducible cases in Spanish: led by Peru or Bolivia, often binational,
/// walked along their workflow's stages with plausible stays, five tasks each across
/// agencies of their countries in every task state, and a hash-chained audit trail.
/// The same seed and count give the same cases (ids, times relative to <c>now</c>).
/// </summary>
/// <param name="firstReference">The first reference number per country and year, far above what the reference
/// grains hand out; two generators writing into one database need blocks of their own, since references
/// are unique.</param>
public sealed class CaseGenerator(WorkflowCatalog catalog, DateTimeOffset clock, int seed = 2026, int firstReference = 500_000)
{
    private readonly DateTimeOffset _now = new(clock.UtcTicks - (clock.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    /// <summary>Tasks per case.</summary>
    public const int TasksPerCase = 5;

    private static readonly string[] Places =
        ["Desaguadero", "Puno", "Juliaca", "El Alto", "La Paz", "Cusco", "Tacna", "Copacabana", "Yunguyo", "Madre de Dios",
         "Arequipa", "Oruro", "Cobija", "Santa Cruz", "Guayaramerín", "Kasani", "Ilave", "Pisiga"];

    // Codes of workflows/reference/border-points.yaml.
    private static readonly string[] BorderPoints = ["desaguadero", "yunguyo-kasani", "lago-titicaca"];

    private static readonly string[] TraffickingTitles =
        ["Captación de adolescentes para explotación laboral en {0}", "Explotación sexual de mujeres jóvenes trasladadas a {0}",
         "Oferta falsa de empleo en minería aurífera cerca de {0}", "Trabajo forzoso en ladrilleras de {0}",
         "Mendicidad forzada de niñas y niños en {0}", "Servidumbre doméstica de una adolescente en {0}"];

    private static readonly string[] SmugglingTitles =
        ["Traslado irregular de migrantes por el paso de {0}", "Red que cobra por cruzar la frontera en {0}",
         "Migrantes abandonados por transportistas cerca de {0}", "Documentos falsos para migrantes retenidos en {0}"];

    private static readonly string[] Summaries =
        ["La denuncia llegó por la línea gratuita; la policía identificó a los presuntos captadores.",
         "Las víctimas fueron trasladadas en bus interprovincial con ofertas de trabajo inexistentes.",
         "El caso se coordina entre ambas fiscalías especializadas y los servicios de protección.",
         "Se requiere información migratoria del otro país para reconstruir la ruta.",
         "La unidad de protección acompaña a las víctimas durante las diligencias."];

    private readonly Random _random = new(seed);
    private readonly Dictionary<string, int> _references = [];
    private readonly IReadOnlyList<WorkflowDefinition> _workflows =
        [catalog.Latest("trafficking-case")!, catalog.Latest("smuggling-case")!];

    /// <summary>The next case: its id and its state with every event still in the outbox.</summary>
    public (string Id, CaseState State) Next()
    {
        var id = "c" + Convert.ToHexStringLower(BitConverter.GetBytes(_random.NextInt64()))
            + Convert.ToHexStringLower(BitConverter.GetBytes(_random.NextInt64()));
        var workflow = _random.NextDouble() < 0.7 ? _workflows[0] : _workflows[1];
        var lead = _random.NextDouble() < 0.55 ? "PE" : "BO";
        var partners = _random.NextDouble() < 0.6 ? new List<string> { lead == "PE" ? "BO" : "PE" } : [];
        var opened = _now - TimeSpan.FromHours(_random.Next(24, 730 * 24)) - TimeSpan.FromMinutes(_random.Next(60));
        var place = Places[_random.Next(Places.Length)];
        var titles = workflow.Id == "trafficking-case" ? TraffickingTitles : SmugglingTitles;
        var state = new CaseState
        {
            Reference = Reference(lead, opened.Year),
            WorkflowId = workflow.Id,
            WorkflowVersion = workflow.Version,
            Title = string.Format(System.Globalization.CultureInfo.InvariantCulture, titles[_random.Next(titles.Length)], place),
            Summary = Summaries[_random.Next(Summaries.Length)],
            LeadCountry = lead,
            PartnerCountries = partners,
            BorderPoint = _random.NextDouble() < 0.5 ? BorderPoints[Array.IndexOf(Places, place) % BorderPoints.Length] : null,
            OpenedAt = opened,
            Victims =
            [
                new VictimRecord
                {
                    Code = "V-1", AgeGroup = _random.NextDouble() < 0.4 ? "9-17" : "18-20", Sex = _random.NextDouble() < 0.7 ? "feminine" : "masculine",
                    Citizenship = lead, Exploitation = ["forced-labour"], Version = 1, CreatedAt = opened, UpdatedAt = opened, StatisticsId = new Guid(_random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 16)),
                },
            ],
            LastVictimNumber = 1,
            DataVersion = CaseDataUpgrade.Current,
        };

        var events = new List<(DateTimeOffset At, string Actor, string? Agency, string Kind, string? Trigger, string? From, string? To, string? Task, string? Note)>();
        var coordinator = catalog.Reference.AgencyFor("secretariat", lead)?.Code;
        var coordinatorUser = $"coord-{lead.ToLowerInvariant()}";

        // The case moves along its stages in file order, each stay between half a day and a month.
        var stages = workflow.States;
        var at = opened;
        state.Stage = workflow.InitialState;
        events.Add((at, coordinatorUser, coordinator, "case-opened", null, null, state.Stage, null, null));
        var target = _random.Next(1, stages.Count + 1);
        for (var i = 1; i < target; i++)
        {
            var next = at + TimeSpan.FromHours(_random.Next(12, 30 * 24)) + TimeSpan.FromMinutes(_random.Next(60));
            if (next > _now - TimeSpan.FromHours(1))
            {
                break;
            }

            var to = stages[i];
            var trigger = workflow.Triggers.FirstOrDefault(t => t.To == to.Name && t.From.Contains(state.Stage))?.Name ?? "advance";
            events.Add((next, coordinatorUser, coordinator, "transition", trigger, state.Stage, to.Name, null, null));
            state.Stage = to.Name;
            at = next;
            if (to.Terminal)
            {
                state.ClosedAt = at;
                state.Resolution = workflow.Resolutions.Count == 0 ? null : workflow.Resolutions[_random.Next(workflow.Resolutions.Count)];
                break;
            }
        }

        var agencies = catalog.Reference.Agencies.Where(a => state.Countries.Contains(a.Country) && a.Kind != "secretariat").ToList();
        for (var n = 1; n <= TasksPerCase; n++)
        {
            state.Tasks.Add(Task(state, n, agencies, opened, at, events));
        }

        state.LastTaskNumber = TasksPerCase;
        var previous = AuditChain.Genesis;
        var seq = 0L;
        foreach (var e in events.OrderBy(e => e.At))
        {
            seq++;
            var hash = AuditChain.Hash(seq, e.At, e.Actor, e.Agency, e.Kind, e.Trigger, e.From, e.To, e.Task, e.Note, previous);
            state.Events.Add(new AuditEventRecord
            {
                Seq = seq,
                At = e.At,
                Actor = e.Actor,
                Agency = e.Agency,
                Kind = e.Kind,
                Trigger = e.Trigger,
                From = e.From,
                To = e.To,
                TaskId = e.Task,
                Note = e.Note,
                Hash = hash,
                PreviousHash = previous,
            });
            previous = hash;
        }

        state.LastEventSeq = seq;
        state.LastEventHash = previous;
        state.Version = (int)seq;
        state.UpdatedAt = state.Events[^1].At;
        return (id, state);
    }

    private CaseTask Task(
        CaseState state, int number, List<Agency> agencies, DateTimeOffset opened, DateTimeOffset lastMove,
        List<(DateTimeOffset, string, string?, string, string?, string?, string?, string?, string?)> events)
    {
        var agency = agencies[_random.Next(agencies.Count)];
        var user = $"agente-{agency.Code.ToLowerInvariant()}";
        var span = Math.Max(1, (lastMove - opened).TotalMinutes);
        var created = opened + TimeSpan.FromMinutes(Math.Floor(_random.NextDouble() * span));
        var referral = _random.NextDouble() < 0.2;
        var roll = _random.NextDouble();
        var taskState = state.ClosedAt is not null
            ? roll < 0.85 ? TaskLifecycle.States.Completed : TaskLifecycle.States.Cancelled
            : roll < 0.2 ? TaskLifecycle.States.Assigned
            : roll < 0.35 ? TaskLifecycle.States.Accepted
            : roll < 0.55 ? TaskLifecycle.States.InProgress
            : roll < 0.95 ? TaskLifecycle.States.Completed
            : TaskLifecycle.States.Declined;

        // Work still open was mostly handed out in the last weeks: some of it is late.
        if (TaskLifecycle.States.Open.Contains(taskState))
        {
            var recent = _now - TimeSpan.FromMinutes(_random.Next(60, 45 * 24 * 60));
            created = recent > created ? recent : created;
        }

        var due = Stable(created + TimeSpan.FromDays(_random.Next(3, 31)));
        var task = new CaseTask
        {
            Id = $"t{number}",
            Title = $"{TaskTitles[_random.Next(TaskTitles.Length)]} ({agency.Code})",
            Agency = agency.Code,
            State = taskState,
            Priority = TaskTemplate.Priorities[_random.Next(TaskTemplate.Priorities.Count)],
            Kind = referral ? "referral" : "task",
            DueAt = due,
            AcknowledgeBy = referral ? Stable(created + TimeSpan.FromDays(2)) : null,
            CreatedAt = created,
            UpdatedAt = created,
            Version = 1,
        };
        events.Add((created, $"coord-{state.LeadCountry.ToLowerInvariant()}", null, "task-created", null, null, TaskLifecycle.States.Assigned, task.Id, null));

        var steps = taskState switch
        {
            TaskLifecycle.States.Accepted => new[] { ("accept", TaskLifecycle.States.Accepted) },
            TaskLifecycle.States.InProgress => [("accept", TaskLifecycle.States.Accepted), ("start", TaskLifecycle.States.InProgress)],
            TaskLifecycle.States.Completed => [("accept", TaskLifecycle.States.Accepted), ("start", TaskLifecycle.States.InProgress), ("complete", TaskLifecycle.States.Completed)],
            TaskLifecycle.States.Declined => [("decline", TaskLifecycle.States.Declined)],
            TaskLifecycle.States.Cancelled => [("cancel", TaskLifecycle.States.Cancelled)],
            _ => [],
        };
        var from = TaskLifecycle.States.Assigned;
        var at = created;
        foreach (var (trigger, to) in steps)
        {
            var next = at + TimeSpan.FromHours(_random.Next(1, 200)) + TimeSpan.FromMinutes(_random.Next(60));
            at = next < _now - TimeSpan.FromMinutes(5) ? next : at + TimeSpan.FromSeconds(1);
            var note = trigger switch { "complete" => "Diligencia realizada; acta adjunta.", "decline" => "No corresponde a nuestra competencia.", _ => null };
            events.Add((at, user, agency.Code, "task-transition", trigger, from, to, task.Id, note));
            from = to;
            task.Version++;
        }

        task.UpdatedAt = at;
        task.Escalated = task.State is TaskLifecycle.States.Assigned or TaskLifecycle.States.Accepted or TaskLifecycle.States.InProgress
            && task.DueAt < _now && _random.NextDouble() < 0.5;
        return task;
    }

    private static readonly string[] TaskTitles =
        ["Tomar la declaración de la víctima", "Solicitar registros migratorios", "Evaluar necesidades de protección",
         "Coordinar el albergue temporal", "Verificar antecedentes del transportista", "Remitir el informe pericial",
         "Notificar al consulado", "Gestionar el retorno asistido"];

    // Deadlines stay clear of the moment of generation, so that what is overdue does not
    // change between loading a dataset and checking it.
    private DateTimeOffset Stable(DateTimeOffset due) =>
        (due - _now).Duration() < TimeSpan.FromHours(2) ? due + TimeSpan.FromHours(4) : due;

    private string Reference(string country, int year)
    {
        var key = $"{country}-{year}";
        var number = _references.TryGetValue(key, out var last) ? last + 1 : firstReference;
        _references[key] = number;
        return $"{key}-{number:000000}";
    }
}
