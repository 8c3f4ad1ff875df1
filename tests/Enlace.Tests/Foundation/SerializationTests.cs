using System.Collections.Immutable;
using System.Text.Json;
using Enlace.Grains.Cases;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Roadmaps;
using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.Interfaces.Victims;
using Enlace.Grains.Roadmaps;
using Enlace.Grains.Victims;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Enlace.Tests.Foundation;

/// <summary>
/// A contract without a generated serializer compiles and fails only at run time
/// (FACTS.md): every wire type and persisted state type round-trips here.
/// </summary>
public sealed class SerializationTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(CaseView).Assembly).AddAssembly(typeof(CaseState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    public static TheoryData<object> Samples()
    {
        var caller = new Caller("u1", "Ana", [Caller.Agent], "PE-MIMP", ["PE"]);
        var victim0 = new VictimView("V-1", "presumed", "PE-MIMP", "9-17", true, "feminine", "BO", "PE", ["forced-labour"], null, null, ["physical-threats"],
            new RecruitmentView("at-work", "BO"), "acquainted", ["es", "ay"], true, true, false, [new ConsentView("data-processing", true, At, "u1", "PE-MIMP", "DEMUNA")], 2, At, At);
        var victim = victim0;
        var perpetrator = new PerpetratorView("P-1", "recruiter-or-intermediary", "masculine", "PE", "30-38", "suspect", true, false, 1);
        var fields = new VictimFields("presumed", "9-17", "feminine", "BO", "PE", ["forced-labour"], "b-mining-and-quarrying", null, ["debt-bondage"], "at-work", "BO", "familial", ["qu"], true,
            new PersonIdentity("Ana Pérez", "X1", "2010-01-02"));
        var task = new TaskView("t1", "c1", "Tarea", "desc", "PE-MIMP", "assigned", "high", "referral", At, At, true, false, At, At, 2,
            ["tag"], [new TaskNote(At, "u1", "PE-MIMP", "accept", "ok", "doc://1")], ["accept"]);
        var availability = new TriggerAvailability("archive", false, "guard-unmet", ["completar «Registrar la denuncia»"], "falta", "Archivar", true, true, true,
            ["dismissed"], "transfer-lead");
        var care = new CareView("victim-care", 1, "identification", "Identificación", ["start-reflection"], [availability], At, null, null);
        victim = victim with { CountryOfStay = "PE", SeeksInternationalProtection = false, Care = care };
        var view = new CaseView("c1", "PE-2026-000001", "trafficking-case", 1, "T", "S", "report", "PE", ["BO"], "desaguadero",
            [victim], [task with { Victim = "V-1", UnmatchedRule = true, RequiresConsent = "participation-in-proceedings", Care = true }], ["archive"], [availability], 3, At, At, null, null, [perpetrator],
            ["c2"], new ParticipationView("grace", At));
        var state = new CaseState
        {
            Reference = "PE-2026-000001",
            Stage = "report",
            Victims = [new VictimRecord { Code = "V-1", Exploitation = ["forced-labour"], Consents = [new ConsentRecord { Purpose = "assistance", Given = true }], StatisticsId = Guid.NewGuid(),
                CountryOfStay = "PE", Care = new CareTrack { WorkflowId = "victim-care", WorkflowVersion = 1, State = "reflection", StartedAt = At } }],
            LinkedCases = ["c2"],
            LegacyIdentities = { ["V-1"] = new VictimIdentityRecord { FullName = "Ana Pérez" } },
            Perpetrators = [new PerpetratorRecord { Code = "P-1", Role = "exploiter" }],
            SealedIdentities = { ["P-1"] = new SealedIdentity { WrappedKey = [1, 2], Payload = [3, 4] } },
            WrappedCaseKey = [5, 6],
            Tasks = [new CaseTask { Id = "t1", Notes = [new TaskNoteRecord { Text = "ok" }], Tags = ["intake"], Victim = "V-1", Care = true, UnmatchedRule = true, ClosedAt = At }],
            Events = [new AuditEventRecord { Seq = 1, Kind = "case-opened", Hash = "h", DecisionRef = "Disp. 1-2026" }],
            Idempotency = { ["u1\nk"] = new IdempotencyRecord { Fingerprint = "f", CreatedId = "t1" } },
        };
        var area = new RoadmapArea("prevencion", "Prevención");
        var roadmapCommand = new CreateRoadmapCommand("Hoja de ruta", ["BO", "PE"], new DateOnly(2025, 6, 1), "Desaguadero", new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31), [area]);
        var indicator = new IndicatorInput("personas", "número", 0, 100);
        var actionCommand = new CreateActionCommand("Campaña", "d", "prevencion", ["PE-MIMP"], [indicator], new DateOnly(2025, 3, 1), new DateOnly(2025, 12, 15));
        var roadmapView = new RoadmapView("hr-1", "Hoja de ruta", ["BO", "PE"], null, null, new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31), [area], 3, 4, At);
        var actionView = new ActionView("a1", "hr-1", "Campaña", null, "prevencion", ["PE-MIMP"], [new IndicatorView("personas", "número", 0, 100, 40)],
            new DateOnly(2025, 3, 1), new DateOnly(2025, 12, 15), "in_progress", 40, false, false,
            [new ProgressReportView(At, "u1", "PE-MIMP", ImmutableDictionary<string, decimal>.Empty.Add("personas", 40), 40, "avance", null)],
            [availability], ["flag-risk"], 3, At, At, [new VerificationView("PE", "coord-pe", "Ana", "PE-CMNP-ST", At)], ["BO"]);
        var roadmapState = new RoadmapState { Title = "Hoja de ruta", Countries = ["BO"], Areas = [new RoadmapAreaRecord { Code = "prevencion", Title = "Prevención" }] };
        var actionState = new RoadmapActionState
        {
            Title = "Campaña",
            Indicators = [new IndicatorRecord { Name = "personas", Current = 3 }],
            Reports = [new ProgressReportRecord { Note = "avance", IndicatorValues = { ["personas"] = 3 } }],
            Verifications = [new CountryVerificationRecord { Country = "PE", UserId = "coord-pe" }],
            EndedAt = At,
        };
        return new TheoryData<object>(
            caller,
            new CommandContext(caller, "key", 3),
            victim,
            perpetrator,
            new OpenCaseCommand("trafficking-case", "T", "S", "PE", ["BO"], null, [fields with { CountryOfStay = "PE", SeeksInternationalProtection = true }], "c0"),
            new FireCaseTriggerCommand("close", "n", "convicted", "Sentencia 12-2026", "BO"),
            new FireCareTriggerCommand("V-1", "close-care", "n", "services-completed"),
            care,
            state.Victims[0].Care!,
            new AddNoteCommand("nota", "t1", "doc://2"),
            new CreateTaskCommand("T", null, "PE-MIMP", At, "urgent", "referral", At),
            new FireTaskTriggerCommand("t1", "reassign", "n", null, "PE-MIGRACIONES"),
            task,
            availability,
            view,
            view.Participation!,
            new CaseResult(CaseOutcome.NotPermitted, view, "d", ImmutableDictionary<string, string[]>.Empty.Add("f", ["m"]), ["a"], "t1", true),
            new AuditEventView(1, At, "u1", "PE-MIMP", "transition", "assess", "report", "assessment", null, "n", "h", "p", "V-1", "Disp. 1-2026"),
            new UpgradeSpec("trafficking-case", 1, 2, ImmutableDictionary<string, string>.Empty.Add("report", "intake"), true),
            new UpgradeItem("c1", "PE-2026-000001", "report", null, UpgradeOutcomes.NeedsMapping, "map it", UpgradeOutcomes.StateMissing),
            new UpgradeBatch(CaseOutcome.Invalid, [], "c9", "d", ImmutableDictionary<string, string[]>.Empty.Add("toVersion", ["m"])),
            new HistoryVerification(false, 12, 4),
            new HistoryScope(12, "h", false, ["t1", "t3"]),
            new Enlace.Grains.Interfaces.ReadModel.ReadModelStatus(3, 4.5, At),
            new Enlace.Grains.Interfaces.ReadModel.ReadModelUnavailableException("the database did not answer"),
            area,
            roadmapCommand,
            indicator,
            actionCommand,
            new FireActionTriggerCommand("flag-risk", "sin presupuesto"),
            new ProgressReportCommand(ImmutableDictionary<string, decimal>.Empty.Add("personas", 12.5m), 40, "avance", "SGD-1"),
            roadmapView,
            actionView,
            actionView.Indicators[0],
            actionView.Reports[0],
            new RoadmapResult(CaseOutcome.Created, roadmapView, actionView, "d", ImmutableDictionary<string, string[]>.Empty.Add("f", ["m"]), ["verify"]),
            roadmapState,
            roadmapState.Areas[0],
            actionState,
            actionState.Indicators[0],
            actionState.Reports[0],
            actionState.Verifications[0],
            actionView.Verifications[0],
            new Enlace.Grains.Interfaces.Reference.CountryInfo("PE", "Perú", "Peru", "America/Lima", "es-PE"),
            new Enlace.Grains.Interfaces.Reference.BorderPointInfo("desaguadero", "Desaguadero (Perú) – Desaguadero (Bolivia)", "Desaguadero (Peru) – Desaguadero (Bolivia)", ["PE", "BO"]),
            new Enlace.Grains.Interfaces.Reference.AgencyInfo("PE-MIMP", "MIMP", "PE", "protection"),
            new Enlace.Grains.Interfaces.Reference.WorkflowInfo("trafficking-case", 1, "case", "Caso", "Case"),
            state,
            new CaseReferenceState { Last = 41 },
            new PersonIdentity("Ana Pérez", null),
            victim.Recruitment!,
            victim.Consents[0],
            new Enlace.Grains.Interfaces.Reference.ValueInfo("es", "Castellano", "Spanish"),
            fields,
            new PerpetratorFields("exploiter", Identity: new PersonIdentity("X", "1")),
            new UpdateVictimCommand("V-1", fields),
            new UpdatePerpetratorCommand("P-1", new PerpetratorFields("smuggler")),
            new RecordConsentCommand("V-1", "statistics", false, "u1", "DEMUNA", "n"),
            new ReadIdentityCommand("V-1", "por qué", true),
            new EraseIdentityCommand("V-1", "nota"),
            new Enlace.Grains.Interfaces.Reference.VictimValuesInfo("sex", "HTCDS", "2.0", [new Enlace.Grains.Interfaces.Reference.ValueInfo("feminine", "Femenino", "Feminine")]),
            state.Perpetrators[0],
            state.SealedIdentities["P-1"],
            state.Victims[0].Consents[0],
            new TaskNote(At, "u1", null, "decline", "motivo", null),
            state.Victims[0],
            state.LegacyIdentities["V-1"],
            state.Tasks[0],
            state.Tasks[0].Notes[0],
            state.Events[0],
            state.Idempotency["u1\nk"]);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void EveryContractRoundTripsThroughTheOrleansSerializer(object sample)
    {
        var copy = Serializer.Deserialize<object>(Serializer.SerializeToArray(sample));

        Assert.IsType(sample.GetType(), copy);
        Assert.Equal(JsonSerializer.Serialize(sample, sample.GetType()), JsonSerializer.Serialize(copy, sample.GetType()));
    }

    [Fact]
    public void EverySerializableTypeHasASample()
    {
        var covered = ((IEnumerable<object[]>)Samples()).Select(row => row[0].GetType()).ToHashSet();
        var serializable = new[] { typeof(CaseView).Assembly, typeof(CaseState).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetCustomAttributes(typeof(GenerateSerializerAttribute), false).Length > 0 && !t.IsEnum && t.IsPublic)
            .ToList();
        var missing = serializable.Where(t => !covered.Contains(t)).Select(t => t.Name).ToList();

        Assert.True(serializable.Count >= covered.Count, $"the scan found {serializable.Count} serializable types: it is broken");
        Assert.True(missing.Count == 0, "add a round-trip sample for: " + string.Join(", ", missing));
    }
}
