using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Enlace.Tests.Browser;

/// <summary>
/// The web UI in a real browser against the real gateway, silo and PostgreSQL: the
/// coordinator opens a case and assigns a task, the agency's officer completes it from the
/// inbox, the manager's figures change, and another agency sees nothing of it. Every page
/// visited is saved as a screenshot; any browser console error fails the test.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebUiTests(BrowserFixture fixture)
{
    private const string Coordinator = "demo-coordinator-pe";
    private const string Manager = "demo-manager-pe";
    private const string Migration = "demo-pe-migraciones";
    private const string OtherAgency = "demo-pe-mimp";

    [Fact]
    public async Task ACaseTravelsFromTheCoordinatorToTheAgencyAndIntoTheManagersFigures()
    {
        var title = $"Trata en Desaguadero {Guid.NewGuid():N}"[..32];

        // The manager's figures before.
        await using var manager = await UiPage.OpenAsync(fixture, "story-manager");
        await manager.SignInAsync(Manager);
        await manager.GoAsync("/panel");
        await manager.Page.GetByTestId("total-cases").WaitForAsync();
        var casesBefore = await FigureAsync(manager, "total-cases");
        await manager.ShotAsync("dashboard-before");

        // The coordinator opens a case and assigns a task to Migraciones.
        await using var coordinator = await UiPage.OpenAsync(fixture, "story-coordinator");
        await coordinator.ShotAsync("sign-in");
        await coordinator.SignInAsync(Coordinator);
        await coordinator.GoAsync("/casos");
        await coordinator.Page.GetByText("Abrir un caso").ClickAsync();
        await coordinator.Page.GetByLabel("Título").FillAsync(title);
        await coordinator.Page.GetByLabel("Resumen").FillAsync("Denuncia de captación con oferta de empleo falsa.");
        await coordinator.Page.GetByLabel("Punto fronterizo").SelectOptionAsync(new SelectOptionValue { Label = "Yunguyo (Perú) – Kasani (Bolivia)" });
        await coordinator.ShotAsync("new-case-form");
        await coordinator.Page.GetByRole(AriaRole.Button, new() { Name = "Crear" }).ClickAsync();
        await coordinator.Page.GetByTestId("case-state").WaitForAsync();
        var caseUrl = coordinator.Page.Url;
        var reference = (await coordinator.Page.Locator("#page-heading").InnerTextAsync()).Split(' ')[0];
        Assert.Matches(@"^PE-\d{4}-\d+$", reference);
        await Assertions.Expect(coordinator.Page.Locator("main")).ToContainTextAsync("Yunguyo (Perú) – Kasani (Bolivia)");
        Assert.DoesNotContain("yunguyo-kasani", await coordinator.Page.Locator("main").InnerTextAsync());
        await coordinator.ShotAsync("case-opened");

        await coordinator.Page.GetByText("Asignar una tarea").First.ClickAsync();
        var form = coordinator.Page.GetByRole(AriaRole.Form, new() { Name = "Asignar una tarea" });
        await form.GetByLabel("Título").FillAsync("Verificar los registros migratorios de la víctima");
        var kinds = await form.GetByLabel("Institución").Locator("optgroup").EvaluateAllAsync<string[]>("groups => groups.map(g => g.label)");
        Assert.Contains("Protección de niñas, niños y adolescentes", kinds);
        Assert.DoesNotContain("child-protection", kinds);
        await form.GetByLabel("Institución").SelectOptionAsync("PE-MIGRACIONES");
        await form.GetByRole(AriaRole.Button, new() { Name = "Asignar una tarea" }).ClickAsync();
        var assigned = coordinator.Page.GetByTestId("case-task").Filter(new() { HasText = "Verificar los registros migratorios" });
        await assigned.WaitForAsync();
        Assert.Contains("Asignada", await assigned.InnerTextAsync());
        await coordinator.ShotAsync("task-assigned");

        // The officer of Migraciones finds it in the inbox and completes it with a note.
        await using var officer = await UiPage.OpenAsync(fixture, "story-officer");
        await officer.SignInAsync(Migration);
        await officer.GoAsync("/bandeja");
        const string Task = "Verificar los registros migratorios";
        var item = officer.Page.GetByTestId("inbox-item").Filter(new() { HasText = reference }).Filter(new() { HasText = Task });
        await item.WaitForAsync();
        await officer.ShotAsync("inbox");
        await item.GetByRole(AriaRole.Button, new() { Name = "Aceptar" }).ClickAsync();
        await officer.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Aceptar" }).WaitForAsync();
        item = officer.Page.GetByTestId("inbox-item").Filter(new() { HasText = reference }).Filter(new() { HasText = Task });
        await item.GetByLabel("Nota").FillAsync("Registros verificados en el sistema de Migraciones: ingreso por Desaguadero.");
        await item.GetByRole(AriaRole.Button, new() { Name = "Completar" }).ClickAsync();
        await officer.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Completar" }).WaitForAsync();
        await Assertions.Expect(officer.Page.GetByTestId("inbox-item").Filter(new() { HasText = reference }).Filter(new() { HasText = Task })).ToHaveCountAsync(0);
        await officer.ShotAsync("inbox-after-complete");

        // The case page shows the completed task, its note and its timeline; the audit chain is
        // re-hashed only when asked — a view of the page alone never calls the verification.
        var verifications = new List<string>();
        officer.Page.Request += (_, request) =>
        {
            if (request.Url.Contains("/history/verify", StringComparison.Ordinal))
            {
                verifications.Add(request.Url);
            }
        };
        await officer.Page.GotoAsync(caseUrl);
        var done = officer.Page.GetByTestId("case-task").Filter(new() { HasText = Task });
        await Assertions.Expect(done).ToContainTextAsync("Completada");
        await Assertions.Expect(done).ToContainTextAsync("Registros verificados");
        await Assertions.Expect(officer.Page.Locator(".timeline")).ToContainTextAsync("Tarea actualizada");
        await officer.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(verifications);
        await Assertions.Expect(officer.Page.GetByTestId("chain-status")).ToHaveCountAsync(0);
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Verificar cadena" }).ClickAsync();
        await Assertions.Expect(officer.Page.GetByTestId("chain-status")).ToContainTextAsync("verificada");
        Assert.Single(verifications);
        await Assertions.Expect(officer.Page.Locator(".graph svg .current")).ToHaveCountAsync(1);
        await officer.ShotAsync("case-completed");

        // The manager sees the new case in the figures.
        await WaitForFigureAsync(manager, "total-cases", casesBefore + 1);
        await Assertions.Expect(manager.Page.GetByTestId("victim-statistics")).ToContainTextAsync("estadística anonimizada");
        await Assertions.Expect(manager.Page.GetByTestId("victim-statistics-suppressed")).ToContainTextAsync("menos de 11 víctimas");
        await manager.ShotAsync("dashboard-after");

        // An officer of another agency sees neither the task nor the case.
        await using var other = await UiPage.OpenAsync(fixture, "story-other-agency");
        await other.SignInAsync(OtherAgency);
        await other.GoAsync("/bandeja");
        await Assertions.Expect(other.Page.GetByText(reference)).ToHaveCountAsync(0);
        await other.ShotAsync("inbox");
        await other.GoAsync("/casos");
        await Assertions.Expect(other.Page.GetByText(reference)).ToHaveCountAsync(0);
        await other.Page.GotoAsync(caseUrl);
        await Assertions.Expect(other.Page.Locator(".problem")).ToContainTextAsync("No existe o no tiene acceso");
        await Assertions.Expect(other.Page.GetByText(title)).ToHaveCountAsync(0);
        await other.ShotAsync("case-refused");

        // Chromium logs the refused request itself ("Failed to load resource: … 404"): that one
        // answer is the point of this step; any other console error still fails the test.
        var caseId = caseUrl[(caseUrl.LastIndexOf('/') + 1)..];
        Assert.Equal(1, other.Errors.RemoveAll(e => e.Contains("404", StringComparison.Ordinal) && e.Contains($"/api/v1/cases/{caseId}", StringComparison.Ordinal)));

        NoBrowserErrors(manager, coordinator, officer, other);
    }

    [Fact]
    public async Task MainPagesHaveNoSeriousOrCriticalAccessibilityViolations()
    {
        var (caseId, roadmapId) = await SeedAsync();
        var failures = new List<string>();
        await using var anonymous = await UiPage.OpenAsync(fixture, "a11y-sign-in");
        await anonymous.Page.Locator("button.person").First.WaitForAsync();
        await CheckAsync(anonymous, "sign-in", failures);

        await using var coordinator = await UiPage.OpenAsync(fixture, "a11y-coordinator");
        await coordinator.SignInAsync(Coordinator);
        foreach (var (route, name, ready) in new[]
        {
            ("/casos", "cases", "table"),
            ($"/casos/{caseId}", "case", ".timeline li"),
            ("/pendientes", "queue", "table"),
            ("/notificaciones", "notifications", ".filters"),
            ("/panel", "dashboard", "[data-testid=chart-roadmap]"),
            ("/hojas-de-ruta", "roadmaps", ".cards li"),
            ($"/hojas-de-ruta/{roadmapId}", "roadmap", "[data-testid=roadmap-action]"),
            ($"/hojas-de-ruta/{roadmapId}/acciones/a1", "action", ".steps"),
        })
        {
            await coordinator.GoAsync(route);
            await coordinator.Page.Locator(ready).First.WaitForAsync();
            await CheckAsync(coordinator, name, failures);
        }

        // The victims' views: the panels with every form open, the identity and erase dialogs,
        // the new-case form with a victim, and a case closed with its resolution.
        var (victimsCaseId, closedCaseId) = await SeedVictimsAsync();
        await coordinator.GoAsync($"/casos/{victimsCaseId}");
        var victim = coordinator.Page.Locator("[data-testid=victim][data-code='V-1']");
        await victim.WaitForAsync();
        await coordinator.Page.GetByTestId("perpetrator").First.WaitForAsync();
        await coordinator.Page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => { d.open = true; })");
        await coordinator.Page.GetByRole(AriaRole.Form, new() { Name = "Registrar consentimiento · V-1" }).WaitForAsync();
        await CheckAsync(coordinator, "case-victims-forms-open", failures);
        await victim.GetByRole(AriaRole.Button, new() { Name = "Mostrar identidad" }).ClickAsync();
        var dialog = coordinator.Page.GetByTestId("identity-dialog");
        await dialog.GetByLabel("Motivo de la consulta").FillAsync("Revisión de accesibilidad");
        await CheckAsync(coordinator, "identity-dialog-reason", failures);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Mostrar identidad" }).ClickAsync();
        await dialog.GetByTestId("identity").WaitForAsync();
        await CheckAsync(coordinator, "identity-dialog-shown", failures);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cerrar" }).ClickAsync();
        await coordinator.Page.GetByTestId("access-log").WaitForAsync();
        await CheckAsync(coordinator, "case-victims-access-log", failures);
        await victim.GetByRole(AriaRole.Button, new() { Name = "Borrar identidad" }).ClickAsync();
        await coordinator.Page.GetByTestId("erase-dialog").WaitForAsync();
        await CheckAsync(coordinator, "erase-dialog", failures);
        await coordinator.Page.GetByTestId("erase-dialog").GetByRole(AriaRole.Button, new() { Name = "Cancelar" }).ClickAsync();

        await coordinator.GoAsync("/casos");
        await coordinator.Page.GetByText("Abrir un caso").ClickAsync();
        await coordinator.Page.GetByRole(AriaRole.Button, new() { Name = "Agregar una víctima" }).ClickAsync();
        var exploitation = coordinator.Page.GetByRole(AriaRole.Group, new() { Name = "Formas de explotación", Exact = true });
        await exploitation.GetByLabel("Trabajo forzoso", new() { Exact = true }).CheckAsync();
        await exploitation.GetByLabel("Explotación sexual", new() { Exact = true }).CheckAsync();
        await CheckAsync(coordinator, "new-case-victim-form", failures);

        await coordinator.GoAsync($"/casos/{closedCaseId}");
        await coordinator.Page.GetByTestId("case-resolution").WaitForAsync();
        await CheckAsync(coordinator, "case-closed", failures);

        await using var officer = await UiPage.OpenAsync(fixture, "a11y-officer");
        await officer.SignInAsync("demo-pe-pnp-dirctptim");
        await officer.GoAsync("/bandeja");
        await officer.Page.GetByTestId("inbox-item").First.WaitForAsync();
        await CheckAsync(officer, "inbox", failures);
        await officer.GoAsync($"/hojas-de-ruta/{roadmapId}/acciones/a1");
        await officer.Page.GetByRole(AriaRole.Heading, new() { Name = "Informar avance" }).WaitForAsync();
        await CheckAsync(officer, "action-report-form", failures);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        NoBrowserErrors(anonymous, coordinator, officer);
    }

    [Fact]
    public async Task EnglishStaysChosenAndTheInboxFitsAPhone()
    {
        await SeedAsync();
        await using var officer = await UiPage.OpenAsync(fixture, "phone-english", "en-GB", new ViewportSize { Width = 390, Height = 844 });
        await officer.SignInAsync("demo-pe-pnp-dirctptim");
        await officer.GoAsync("/bandeja");
        await Assertions.Expect(officer.Page.Locator("#page-heading")).ToHaveTextAsync("Bandeja");
        await officer.Page.GetByLabel("Idioma").SelectOptionAsync("en");
        await Assertions.Expect(officer.Page.Locator("#page-heading")).ToHaveTextAsync("Inbox");
        await officer.Page.ReloadAsync();
        await Assertions.Expect(officer.Page.Locator("#page-heading")).ToHaveTextAsync("Inbox");
        Assert.Equal("en", await officer.Page.Locator("html").GetAttributeAsync("lang"));
        var item = officer.Page.GetByTestId("inbox-item").First;
        await item.WaitForAsync();
        // Dates in the user's locale for the chosen language (en-GB: day before month, e.g. "3 Dec 2026").
        Assert.Matches(@"Due: \d{1,2} [A-Z][a-z]{2,3} \d{4}", await item.InnerTextAsync());
        var overflow = await officer.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the inbox is {overflow} px wider than a phone screen");
        await officer.ShotAsync("inbox-phone-english");
        NoBrowserErrors(officer);
    }

    /// <summary>Fails when any of the pages saw a browser console error or an uncaught exception.</summary>
    internal static void NoBrowserErrors(params UiPage[] pages)
    {
        var errors = pages.SelectMany(p => p.Errors).ToList();
        Assert.True(errors.Count == 0, "browser console errors:\n" + string.Join("\n", errors));
    }

    private static async Task CheckAsync(UiPage ui, string name, List<string> failures)
    {
        await ui.ShotAsync(name);
        AxeResult result = await ui.Page.RunAxe();
        failures.AddRange(result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{name}: {v.Impact} {v.Id} — {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))})"));
    }

    private static async Task<int> FigureAsync(UiPage ui, string testId) =>
        int.Parse(new string((await ui.Page.GetByTestId(testId).InnerTextAsync()).Where(char.IsAsciiDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);

    // The read model folds its counters every few seconds: reload until the figure arrives.
    private static async Task WaitForFigureAsync(UiPage ui, string testId, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        int seen;
        do
        {
            await ui.Page.ReloadAsync();
            await ui.Page.GetByTestId(testId).WaitForAsync();
            seen = await FigureAsync(ui, testId);
            if (seen == expected)
            {
                return;
            }

            await Task.Delay(1000);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Equal(expected, seen);
    }

    // A case with two victims (one with an identity and consent, one a child) and a perpetrator,
    // and a case archived with a resolution, through the API.
    private async Task<(string VictimsCaseId, string ClosedCaseId)> SeedVictimsAsync()
    {
        using var http = await BrowserApi.CoordinatorAsync(fixture);
        var caseId = await BrowserApi.OpenCaseAsync(
            http,
            "Caso de accesibilidad con víctimas",
            new
            {
                identificationStatus = "presumed",
                ageGroup = "18-20",
                sex = "feminine",
                citizenship = "BO",
                countryOfExploitation = "PE",
                exploitation = new[] { "forced-labour", "sexual-exploitation" },
                labourSector = "i-accommodation-and-food-service-activities",
                sexualExploitationType = "prostitution",
                meansOfControl = new[] { "debt-bondage", "withholds-documents" },
                recruitment = new { method = "through-an-online-advertisement", country = "BO" },
                relationshipToTrafficker = "acquainted",
                languages = new[] { "es", "qu" },
                identity = new { fullName = "Juana Condori Apaza", documentNumber = "BO-5512034", birthDate = "2006-08-01" },
            },
            new { identificationStatus = "identified", ageGroup = "9-17", sex = "masculine", citizenship = "PE", unaccompanied = true, exploitation = new[] { "forced-begging" } });
        await BrowserApi.PostAsync(http, $"/api/v1/cases/{caseId}/victims/V-1/consents", new { purpose = "data-processing", given = true });
        await BrowserApi.PostAsync(http, $"/api/v1/cases/{caseId}/victims/V-2/consents", new { purpose = "assistance", given = true, legalRepresentative = "Defensoría Municipal del Niño y del Adolescente (DEMUNA) de Puno" });
        await BrowserApi.PostAsync(http, $"/api/v1/cases/{caseId}/perpetrators", new
        {
            role = "recruiter-or-intermediary",
            sex = "masculine",
            citizenship = "PE",
            ageGroup = "30-38",
            proceduralStatus = "investigated",
            identity = new { fullName = "Persona investigada", documentNumber = "PE-40112233" },
        });
        var closedId = await BrowserApi.OpenCaseAsync(http, "Caso de accesibilidad archivado");
        await BrowserApi.PostAsync(http, $"/api/v1/cases/{closedId}/transitions", new { trigger = "archive", note = "Hechos ya investigados en otro caso.", resolution = "duplicate", decisionRef = "Disposición Fiscal N.º 7-2026-FISTRAP-PUNO" });
        return (caseId, closedId);
    }

    // A case with a task for the Peruvian police and a roadmap with one action, through the API.
    private async Task<(string CaseId, string RoadmapId)> SeedAsync()
    {
        using var http = fixture.Http;
        var token = await Enlace.Bench.DevToken.IssueAsync(http, new { sub = Coordinator, name = "Coordinación Perú", roles = new[] { "coordinator" }, agency = "PE-CMNP-ST", countries = new[] { "PE" } });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var opened = await http.PostAsJsonAsync("/api/v1/cases", new { workflowId = "trafficking-case", title = "Caso de accesibilidad", summary = "Caso para revisar las páginas", leadCountry = "PE" });
        opened.EnsureSuccessStatusCode();
        var caseId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var roadmapId = $"hr-ui-{Guid.NewGuid():N}"[..16];
        (await http.PostAsJsonAsync("/api/v1/roadmaps", new
        {
            id = roadmapId,
            title = "Hoja de ruta de prueba",
            countries = new[] { "PE" },
            periodStart = "2026-01-01",
            periodEnd = "2027-12-31",
            areas = new[] { new { code = "prevencion", title = "Prevención" } },
        })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"/api/v1/roadmaps/{roadmapId}/actions", new
        {
            title = "Capacitar a la policía de frontera",
            area = "prevencion",
            responsibleAgencies = new[] { "PE-PNP-DIRCTPTIM" },
            indicators = new[] { new { name = "Personas capacitadas", unit = "personas", baseline = 0, target = 120 } },
            startDate = "2026-01-01",
            dueDate = "2027-06-30",
        })).EnsureSuccessStatusCode();
        return (caseId, roadmapId);
    }

}
