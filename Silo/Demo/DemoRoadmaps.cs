using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Roadmaps;

namespace Enlace.Silo.Demo;

/// <summary>
/// The demo roadmaps: the Bolivia–Peru binational roadmap 2025–2026, signed on 24 April 2025
/// at the CEBAF Desaguadero (Bolivian side) — 11 activities in the four areas the instrument
/// names — and its 2021–2022 predecessor, which reported 92 % of its activities completed
/// (11 of 12 verified). The activities' wording is illustrative, written for the demo.
/// </summary>
public static class DemoRoadmaps
{
    /// <summary>The day the 2025–2026 roadmap was signed.</summary>
    public static readonly DateOnly SignedOn = new(2025, 4, 24);

    /// <summary>
    /// What an activity becomes in the demo: its target (a state of the workflow, or
    /// <c>verifying</c>: reported done and verified by Peru's secretariat, Bolivia's awaited)
    /// and its reported percent.
    /// </summary>
    public sealed record DemoAction(CreateActionCommand Command, string Target, int Percent)
    {
        /// <summary>The workflow state the activity ends in.</summary>
        public string State => Target == "verifying" ? "reported_done" : Target;
    }

    /// <summary>The roadmaps with their activities.</summary>
    public static IReadOnlyList<(string Id, CreateRoadmapCommand Roadmap, IReadOnlyList<DemoAction> Actions)> All =>
    [
        ("hr-bo-pe-2025-2026", new CreateRoadmapCommand(
            "Hoja de Ruta Binacional Bolivia–Perú 2025–2026 contra la trata de personas, el tráfico ilícito de migrantes y delitos conexos",
            ["BO", "PE"], SignedOn, "CEBAF Desaguadero (lado boliviano)",
            new DateOnly(2025, 4, 24), new DateOnly(2026, 12, 31), Areas), Current),
        ("hr-bo-pe-2021-2022", new CreateRoadmapCommand(
            "Hoja de Ruta Binacional Bolivia–Perú 2021–2022 contra la trata de personas, el tráfico ilícito de migrantes y delitos conexos",
            ["BO", "PE"], null, null, new DateOnly(2021, 3, 1), new DateOnly(2022, 12, 31), Areas), Previous),
    ];

    private static ImmutableArray<RoadmapArea> Areas =>
    [
        new("planificacion", "Planificación y monitoreo"),
        new("prevencion", "Prevención"),
        new("atencion", "Atención y protección"),
        new("investigacion", "Investigación y sanción"),
    ];

    private static readonly IReadOnlyList<DemoAction> Current =
    [
        Action("Mesa técnica binacional de seguimiento y monitoreo de la hoja de ruta", "planificacion", ["PE-CMNP-ST", "BO-CPTT-ST"],
            "reuniones realizadas", 0, 4, new(2025, 5, 15), new(2026, 12, 15), "in_progress", 60),
        Action("Sistema binacional de registro y reporte de casos", "planificacion", ["PE-MININTER", "BO-MINGOB"],
            "instituciones conectadas", 0, 10, new(2025, 6, 1), new(2026, 10, 31), "at_risk", 30),
        Action("Campaña anual binacional de prevención en la zona de frontera", "prevencion", ["PE-MIMP", "BO-SLIM-ELALTO", "PE-OIM", "BO-OIM"],
            "personas alcanzadas", 0, 50000, new(2025, 6, 1), new(2025, 12, 15), "verified", 100),
        Action("Mecanismo de alerta temprana en los pasos fronterizos de Desaguadero, Yunguyo–Kasani y el lago Titicaca", "prevencion", ["PE-MIGRACIONES", "BO-DIGEMIG", "PE-PNP-DIRCTPTIM"],
            "alertas atendidas", 0, 200, new(2025, 7, 1), new(2026, 12, 15), "in_progress", 55),
        Action("Capacitación a transportistas interprovinciales en la ruta Puno–La Paz", "prevencion", ["PE-MIGRACIONES", "BO-DIGEMIG"],
            "empresas capacitadas", 0, 60, new(2025, 7, 1), new(2026, 9, 30), "verifying", 100),
        Action("Equipo binacional de respuesta rápida para la atención de víctimas", "atencion", ["PE-MIMP", "BO-SEPDAVI", "PE-MP-UDAVIT"],
            "víctimas atendidas en menos de 24 horas", 0, 120, new(2025, 5, 15), new(2026, 12, 15), "in_progress", 70),
        Action("Protocolo binacional de atención y retorno voluntario de víctimas", "atencion", ["PE-MIMP", "BO-SEPDAVI"],
            "víctimas atendidas con el protocolo", 0, 100, new(2025, 6, 1), new(2026, 8, 31), "reported_done", 100),
        Action("Red de albergues temporales en Puno y El Alto", "atencion", ["PE-MIMP", "BO-SLIM-ELALTO"],
            "plazas disponibles", 20, 60, new(2026, 1, 15), new(2026, 12, 15), "planned", 0),
        Action("Grupos de trabajo entre policía, fiscalía y servicios migratorios", "investigacion", ["PE-PNP-DIRCTPTIM", "PE-MP-FISTRAP", "BO-FELCC-DTTP", "BO-FGE-FETT", "PE-MIGRACIONES", "BO-DIGEMIG"],
            "sesiones de trabajo", 0, 8, new(2025, 5, 15), new(2025, 12, 15), "verified", 100),
        Action("Intercambio de información para investigaciones patrimoniales", "investigacion", ["PE-MP-FISTRAP", "BO-FGE-FETT"],
            "solicitudes atendidas", 0, 30, new(2025, 7, 1), new(2026, 10, 31), "at_risk", 25),
        Action("Operativos conjuntos contra la trata en la ruta Juliaca–El Alto", "investigacion", ["PE-PNP-DIRCTPTIM", "BO-FELCC-DTTP"],
            "operativos conjuntos", 0, 12, new(2025, 6, 1), new(2026, 12, 15), "in_progress", 45),
    ];

    private static readonly IReadOnlyList<DemoAction> Previous =
    [
        Action("Instalación de la comisión binacional de seguimiento", "planificacion", ["PE-CMNP-ST", "BO-CPTT-ST"], "sesiones", 0, 4, new(2021, 3, 15), new(2021, 12, 15), "verified", 100),
        Action("Línea de base de casos en la zona de frontera", "planificacion", ["PE-MININTER", "BO-MINGOB"], "informes", 0, 1, new(2021, 4, 1), new(2022, 6, 30), "verified", 100),
        Action("Informe binacional de cumplimiento", "planificacion", ["PE-CMNP-ST", "BO-CPTT-ST"], "informes", 0, 2, new(2021, 6, 1), new(2022, 12, 15), "verified", 100),
        Action("Campaña de prevención en ferias de Desaguadero", "prevencion", ["PE-MIMP", "BO-SLIM-ELALTO"], "personas alcanzadas", 0, 20000, new(2021, 4, 1), new(2022, 10, 31), "verified", 100),
        Action("Señalización informativa en pasos fronterizos", "prevencion", ["PE-MIGRACIONES", "BO-DIGEMIG"], "puntos señalizados", 0, 15, new(2021, 5, 1), new(2022, 9, 30), "verified", 100),
        Action("Prevención en unidades educativas de la zona de frontera", "prevencion", ["PE-MIMP", "BO-SLIM-ELALTO"], "estudiantes alcanzados", 0, 8000, new(2021, 4, 1), new(2022, 11, 30), "verified", 100),
        Action("Ruta de derivación de víctimas entre ambos países", "atencion", ["PE-MIMP", "BO-SEPDAVI"], "derivaciones", 0, 40, new(2021, 4, 1), new(2022, 10, 31), "verified", 100),
        Action("Asistencia legal y psicológica a víctimas en frontera", "atencion", ["PE-MP-UDAVIT", "BO-SEPDAVI"], "víctimas asistidas", 0, 80, new(2021, 5, 1), new(2022, 11, 30), "verified", 100),
        Action("Retorno asistido de víctimas con apoyo de la OIM", "atencion", ["PE-OIM", "BO-OIM"], "retornos", 0, 25, new(2021, 6, 1), new(2022, 12, 15), "reported_done", 100),
        Action("Capacitación a operadores de justicia", "investigacion", ["PE-MP-FISTRAP", "BO-FGE-FETT", "PE-PJ", "BO-OJ"], "operadores capacitados", 0, 300, new(2021, 4, 1), new(2022, 9, 30), "verified", 100),
        Action("Operativos conjuntos en la ruta Juliaca–El Alto", "investigacion", ["PE-PNP-DIRCTPTIM", "BO-FELCC-DTTP"], "operativos", 0, 6, new(2021, 5, 1), new(2022, 11, 30), "verified", 100),
        Action("Protocolo de intercambio de información entre fiscalías", "investigacion", ["PE-MP-FISTRAP", "BO-FGE-FETT"], "solicitudes atendidas", 0, 20, new(2021, 6, 1), new(2022, 12, 15), "verified", 100),
    ];

    private static DemoAction Action(
        string title, string area, string[] agencies, string indicator, decimal baseline, decimal target, DateOnly start, DateOnly due, string state, int percent) =>
        new(new CreateActionCommand(title, null, area, [.. agencies], [new IndicatorInput(indicator, "número", baseline, target)], start, due), state, percent);
}
