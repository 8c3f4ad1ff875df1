using Enlace.Grains.Interfaces.Roadmaps;

namespace Enlace.Silo.Demo;

/// <summary>
/// The demo roadmaps: the Bolivia–Peru binational roadmap 2025–2026 against trafficking
/// in persons and the smuggling of migrants (signed at the Desaguadero border centre; 11
/// activities in four areas), and its 2021–2022 predecessor with most actions verified.
/// The actions are illustrative, written for the demo.
/// </summary>
public static class DemoRoadmaps
{
    /// <summary>What an action becomes in the demo: its target state and reported percent.</summary>
    public sealed record DemoAction(CreateActionCommand Command, string Target, int Percent);

    /// <summary>The roadmaps with their actions.</summary>
    public static IReadOnlyList<(string Id, CreateRoadmapCommand Roadmap, IReadOnlyList<DemoAction> Actions)> All =>
    [
        ("hr-bo-pe-2025-2026", new CreateRoadmapCommand(
            "Hoja de ruta binacional Bolivia–Perú 2025–2026 contra la trata de personas y el tráfico ilícito de migrantes",
            ["BO", "PE"], null, "Centro Binacional de Atención en Frontera (CEBAF) de Desaguadero",
            new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31), Areas), Current),
        ("hr-bo-pe-2021-2022", new CreateRoadmapCommand(
            "Hoja de ruta binacional Bolivia–Perú 2021–2022 contra la trata de personas y el tráfico ilícito de migrantes",
            ["BO", "PE"], null, null, new DateOnly(2021, 1, 1), new DateOnly(2022, 12, 31), Areas), Previous),
    ];

    private static System.Collections.Immutable.ImmutableArray<RoadmapArea> Areas =>
    [
        new("planificacion", "Planificación y seguimiento"),
        new("prevencion", "Prevención"),
        new("atencion", "Atención y protección"),
        new("investigacion", "Investigación y sanción"),
    ];

    private static readonly IReadOnlyList<DemoAction> Current =
    [
        Action("Mesa técnica binacional de seguimiento de la hoja de ruta", "planificacion", ["PE-CMNP-ST", "BO-CPTT-ST"],
            "reuniones realizadas", 0, 4, 2025, 2026, "in_progress", 50),
        Action("Sistema binacional de registro y reporte de casos", "planificacion", ["PE-MININTER", "BO-MINGOB"],
            "instituciones conectadas", 0, 10, 2025, 2026, "at_risk", 30),
        Action("Campaña anual binacional de prevención en la zona de frontera", "prevencion", ["PE-MIMP", "BO-SLIM-ELALTO", "PE-OIM", "BO-OIM"],
            "personas alcanzadas", 0, 50000, 2025, 2025, "verified", 100),
        Action("Mecanismo de alerta temprana en pasos fronterizos", "prevencion", ["PE-MIGRACIONES", "BO-DIGEMIG"],
            "alertas atendidas", 0, 200, 2025, 2026, "in_progress", 40),
        Action("Capacitación a transportistas interprovinciales en la ruta Puno–La Paz", "prevencion", ["PE-MIGRACIONES", "BO-DIGEMIG"],
            "empresas capacitadas", 0, 60, 2025, 2026, "reported_done", 100),
        Action("Protocolo binacional de atención y retorno de víctimas", "atencion", ["PE-MIMP", "BO-SEPDAVI"],
            "víctimas atendidas con el protocolo", 0, 100, 2025, 2026, "in_progress", 60),
        Action("Red de albergues temporales en Puno y El Alto", "atencion", ["PE-MIMP", "BO-SLIM-ELALTO"],
            "plazas disponibles", 20, 60, 2025, 2026, "planned", 0),
        Action("Asistencia jurídica y psicológica a víctimas durante el proceso", "atencion", ["PE-MP-UDAVIT", "BO-SEPDAVI"],
            "víctimas asistidas", 0, 150, 2025, 2026, "at_risk", 25),
        Action("Equipo binacional de respuesta rápida", "investigacion", ["PE-PNP-DIRCTPTIM", "BO-FELCC-DTTP", "PE-MP-FISTRAP", "BO-FGE-FETT"],
            "operativos conjuntos", 0, 12, 2025, 2026, "in_progress", 45),
        Action("Grupos de trabajo entre policía, fiscalía y servicios migratorios", "investigacion", ["PE-PNP-DIRCTPTIM", "PE-MP-FISTRAP", "BO-FELCC-DTTP", "BO-FGE-FETT", "PE-MIGRACIONES", "BO-DIGEMIG"],
            "sesiones de trabajo", 0, 8, 2025, 2025, "verified", 100),
        Action("Intercambio de información para investigaciones patrimoniales", "investigacion", ["PE-MP-FISTRAP", "BO-FGE-FETT"],
            "solicitudes atendidas", 0, 30, 2025, 2026, "in_progress", 35),
    ];

    private static readonly IReadOnlyList<DemoAction> Previous =
    [
        Action("Instalación de la comisión binacional de seguimiento", "planificacion", ["PE-CMNP-ST", "BO-CPTT-ST"], "sesiones", 0, 4, 2021, 2021, "verified", 100),
        Action("Línea de base de casos en la zona de frontera", "planificacion", ["PE-MININTER", "BO-MINGOB"], "informes", 0, 1, 2021, 2022, "verified", 100),
        Action("Campaña de prevención en ferias de Desaguadero", "prevencion", ["PE-MIMP", "BO-SLIM-ELALTO"], "personas alcanzadas", 0, 20000, 2021, 2022, "verified", 100),
        Action("Señalización informativa en pasos fronterizos", "prevencion", ["PE-MIGRACIONES", "BO-DIGEMIG"], "puntos señalizados", 0, 15, 2021, 2022, "verified", 100),
        Action("Ruta de derivación de víctimas entre ambos países", "atencion", ["PE-MIMP", "BO-SEPDAVI"], "derivaciones", 0, 40, 2021, 2022, "verified", 100),
        Action("Capacitación a operadores de justicia", "investigacion", ["PE-MP-FISTRAP", "BO-FGE-FETT", "PE-PJ", "BO-OJ"], "operadores capacitados", 0, 300, 2021, 2022, "verified", 100),
        Action("Operativos conjuntos en la ruta Juliaca–El Alto", "investigacion", ["PE-PNP-DIRCTPTIM", "BO-FELCC-DTTP"], "operativos", 0, 6, 2021, 2022, "reported_done", 100),
    ];

    private static DemoAction Action(
        string title, string area, string[] agencies, string indicator, decimal baseline, decimal target, int startYear, int endYear, string state, int percent) =>
        new(new CreateActionCommand(title, null, area, [.. agencies], [new IndicatorInput(indicator, "número", baseline, target)],
            new DateOnly(startYear, 3, 1), new DateOnly(endYear, 12, 15)), state, percent);
}
