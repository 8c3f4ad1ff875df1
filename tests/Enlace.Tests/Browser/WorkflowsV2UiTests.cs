using System.Text.RegularExpressions;
using Enlace.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Enlace.Tests.Browser;

/// <summary>
/// Workflows v2 in the web UI, through the UI only: one trafficking case with an adult and a
/// child victim goes from the report to a judgment, each person's care track runs apart from it
/// to its closure, and every agency acts signed in as itself. Every page visited is in Spanish
/// and shows no identifier of the definitions (trigger, state and tag names, resolution codes)
/// and no English title; any browser console error fails the test.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkflowsV2UiTests(BrowserFixture fixture)
{
    private const string Police = "demo-pe-pnp-dirctptim";
    private const string Prosecutor = "demo-pe-mp-fistrap";
    private const string Protection = "demo-pe-mimp";
    private const string ChildProtection = "demo-pe-mimp-upe";
    private const string Judiciary = "demo-pe-pj";
    private const string PoliceBolivia = "demo-bo-felcc-dttp";
    private const string ProsecutorBolivia = "demo-bo-fge-fett";
    private const string Judgment = "Sentencia N.º 045-2026-1JPU-CSJ-PUNO";

    // What must never reach a Spanish page: the definitions' own names and codes (whole words),
    // their English titles (whole phrases), and the care closure reasons' codes and English titles.
    private static readonly (Regex Pattern, string What)[] Trafficking = ForbiddenTexts(("trafficking-case", 2), ("victim-care", 1));
    private static readonly (Regex Pattern, string What)[] Smuggling =
        ForbiddenTexts(("smuggling-case", 2), ("migrant-assistance", 1), ("trafficking-case", 2), ("victim-care", 1));

    [Fact]
    public async Task ATraffickingCaseReachesAJudgmentAndEachVictimsCareIsClosedThroughTheUiInSpanish()
    {
        // Two cores shared by many processes: a page may take longer than the default 5 s to settle.
        Assertions.SetDefaultExpectTimeout(15_000);
        var title = $"Trata laboral en La Rinconada {Guid.NewGuid():N}"[..40];
        await using var coordinator = await UiPage.OpenAsync(fixture, "v2-coordinator");
        await coordinator.SignInAsync(BrowserApi.Coordinator);
        var page = coordinator.Page;

        // The coordinator opens the case with both victims, each where they are staying.
        await coordinator.GoAsync("/casos");
        await page.GetByText("Abrir un caso").ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Abrir un caso" });
        await form.GetByLabel("Flujo de trabajo").SelectOptionAsync(new SelectOptionValue { Label = "Caso de trata de personas" });
        await form.GetByLabel("Título").FillAsync(title);
        await form.GetByLabel("Resumen").FillAsync("Oferta falsa de empleo en la minería informal; una mujer y un adolescente trasladados desde El Alto.");
        await form.GetByLabel("Bolivia", new() { Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Agregar una víctima" }).ClickAsync();
        var adult = form.GetByRole(AriaRole.Group, new() { Name = "Víctima 1", Exact = true });
        await Choose(adult, "Estado de identificación", "Presunta víctima");
        await Choose(adult, "Grupo de edad", "21 a 23 años");
        await Choose(adult, "Sexo / género", "Femenino");
        await Choose(adult, "Nacionalidad", "Bolivia");
        await Choose(adult, "País de explotación", "Perú");
        await Choose(adult, "País donde se encuentra", "Perú");
        await Check(adult, "Formas de explotación", "Trabajo forzoso");
        await Check(adult, "Lenguas", "Aimara");
        await form.GetByRole(AriaRole.Button, new() { Name = "Agregar una víctima" }).ClickAsync();
        var child = form.GetByRole(AriaRole.Group, new() { Name = "Víctima 2", Exact = true });
        await Choose(child, "Grupo de edad", "9 a 17 años");
        await Choose(child, "Sexo / género", "Masculino");
        await Choose(child, "Nacionalidad", "Perú");
        await Choose(child, "Niña, niño o adolescente no acompañado", "Sí");
        await Choose(child, "País donde se encuentra", "Perú");
        await Check(child, "Formas de explotación", "Trabajo forzoso");
        await Assertions.Expect(child.GetByLabel("Solicita protección internacional (refugio)")).Not.ToBeCheckedAsync();
        await SeeAsync(coordinator, "new-case", shot: true);
        await form.GetByRole(AriaRole.Button, new() { Name = "Crear" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Denuncia recibida");
        var caseUrl = page.Url;

        // Each person's care track starts at once; the child's with the child-protection authority told within 24 h.
        await Assertions.Expect(CareState(page, "V-1")).ToHaveTextAsync("Identificación y asistencia inmediata");
        await Assertions.Expect(CareState(page, "V-2")).ToHaveTextAsync("Identificación y asistencia inmediata");
        await Assertions.Expect(page.Locator("[data-testid=victim][data-code='V-1'] .facts").First).ToContainTextAsync("País donde se encuentra");
        await Assertions.Expect(Care(page, "V-2").GetByTestId("care-task").Filter(new() { HasText = "Comunicar el caso a la autoridad de protección de la niñez" }))
            .ToContainTextAsync("Unidades de Protección Especial");
        await Assertions.Expect(Care(page, "V-1").GetByTestId("care-task").Filter(new() { HasText = "Comunicar el caso a la autoridad" })).ToHaveCountAsync(0);
        await Assertions.Expect(TaskCard(page, "Comunicar el caso a la autoridad de protección de la niñez", "V-2")).ToContainTextAsync("Atención de la víctima");
        await Assertions.Expect(page.Locator("#why-assess")).ToContainTextAsync("completar «Registrar la denuncia y adoptar medidas urgentes»");
        await SeeAsync(coordinator, "case-opened", shot: true);

        // The police registers the report and starts the assessment; opening the investigation is the prosecutor's.
        await using var police = await SignedInAsync("v2-police", Police);
        await CompleteAsync(police, caseUrl, "Registrar la denuncia y adoptar medidas urgentes", null, "Denuncia registrada; medidas urgentes adoptadas en Juliaca.");
        await StepAsync(police, "Iniciar la evaluación preliminar");
        await Assertions.Expect(police.Page.GetByTestId("case-state")).ToHaveTextAsync("Evaluación preliminar e identificación de víctimas");
        await Assertions.Expect(police.Page.Locator("#why-open-investigation")).ToContainTextAsync("lo decide la fiscalía");
        await SeeAsync(police, "police-assessment");

        // The protection service identifies the victims and gives both immediate assistance.
        await using var protection = await SignedInAsync("v2-protection", Protection);
        await CompleteAsync(protection, caseUrl, "Entrevistar e identificar preliminarmente a las víctimas", null, "Entrevista en aimara con intérprete.");
        await CompleteAsync(protection, caseUrl, "Brindar asistencia inmediata", "V-1", "Albergue temporal y atención de salud en Puno.");
        await CompleteAsync(protection, caseUrl, "Brindar asistencia inmediata", "V-2", "Albergue para adolescentes; atención de salud.");
        await CareStepAsync(protection, "V-1", "Iniciar el periodo de reflexión");
        await Assertions.Expect(CareState(protection.Page, "V-1")).ToHaveTextAsync("Periodo de reflexión y recuperación");
        await Assertions.Expect(protection.Page.Locator("#why-V-2-start-reflection"))
            .ToContainTextAsync("completar «Comunicar el caso a la autoridad de protección de la niñez y adolescencia»");
        await SeeAsync(protection, "protection-reflection", shot: true);

        // The child-protection authority is told and starts the child's reflection period.
        await using var childProtection = await SignedInAsync("v2-child-protection", ChildProtection);
        await CompleteAsync(childProtection, caseUrl, "Comunicar el caso a la autoridad de protección de la niñez", "V-2", "Comunicado a la UPE de Puno dentro de las 24 horas.");
        await CareStepAsync(childProtection, "V-2", "Iniciar el periodo de reflexión");
        await Assertions.Expect(CareState(childProtection.Page, "V-2")).ToHaveTextAsync("Periodo de reflexión y recuperación");

        // The prosecutor opens the investigation: a single interview for the child waits on consent given through the legal representative.
        await using var prosecutor = await SignedInAsync("v2-prosecutor", Prosecutor);
        await OpenCaseAsync(prosecutor, caseUrl);
        await StepAsync(prosecutor, "Abrir la investigación");
        await Assertions.Expect(prosecutor.Page.GetByTestId("case-state")).ToHaveTextAsync("Investigación");
        var interview = TaskCard(prosecutor.Page, "Realizar la entrevista única", "V-2");
        await Assertions.Expect(interview.GetByTestId("task-consent")).ToContainTextAsync("Requiere el consentimiento de «Participación en el proceso penal»");
        await SeeAsync(prosecutor, "investigation-opened", shot: true);
        await OpenCaseAsync(protection, caseUrl);
        await RecordConsentAsync(protection, "V-2", "Participación en el proceso penal", "Fiscalía de Familia de Puno");
        await CompleteAsync(prosecutor, caseUrl, "Realizar la entrevista única", "V-2", "Entrevista única en Cámara Gesell, con la representante legal.");

        // The investigation, with the Bolivian police and prosecutors answering the cross-border referrals.
        await CompleteAsync(prosecutor, caseUrl, "Dirigir la investigación fiscal", null, "Diligencias concluidas.");
        await CompleteAsync(police, caseUrl, "Elaborar el informe policial de investigación", null, "Informe policial N.º 112-2026 remitido a la fiscalía.");
        await using var policeBolivia = await SignedInAsync("v2-police-bo", PoliceBolivia);
        await CompleteAsync(policeBolivia, caseUrl, "Derivación transfronteriza: diligencias policiales", null, "Domicilio del captador ubicado en El Alto.");
        await using var prosecutorBolivia = await SignedInAsync("v2-prosecutor-bo", ProsecutorBolivia);
        await CompleteAsync(prosecutorBolivia, caseUrl, "Derivación transfronteriza: cooperación fiscal", null, "Declaraciones de testigos en La Paz remitidas.");

        // The prosecutor indicts and sends the case to trial.
        await OpenCaseAsync(prosecutor, caseUrl);
        await StepAsync(prosecutor, "Formalizar la acusación");
        await Assertions.Expect(prosecutor.Page.GetByTestId("case-state")).ToHaveTextAsync("Acusación");
        await CompleteAsync(prosecutor, caseUrl, "Formular la acusación", null, "Acusación formulada por trata agravada.");
        await StepAsync(prosecutor, "Enviar a juicio");
        await Assertions.Expect(prosecutor.Page.GetByTestId("case-state")).ToHaveTextAsync("Juicio");

        // The judiciary holds the hearing and records the judgment with its number and a conviction.
        await using var judiciary = await SignedInAsync("v2-judiciary", Judiciary);
        await CompleteAsync(judiciary, caseUrl, "Realizar la audiencia de juicio oral", null, "Audiencia de juicio oral realizada.");
        var close = judiciary.Page.GetByTestId("next-steps").GetByRole(AriaRole.Button, new() { Name = "Registrar la sentencia", Exact = true });
        await close.ClickAsync();
        var confirm = judiciary.Page.GetByRole(AriaRole.Form, new() { Name = "Confirmar: Registrar la sentencia" });
        var submit = confirm.GetByRole(AriaRole.Button, new() { Name = "Confirmar: Registrar la sentencia" });
        var resolutions = await confirm.GetByLabel("Resolución").Locator("option").AllInnerTextsAsync();
        Assert.Equal(new[] { "Elija la resolución", "Sentencia condenatoria", "Sentencia absolutoria" }, resolutions);
        await confirm.GetByLabel("Resolución").SelectOptionAsync(new SelectOptionValue { Label = "Sentencia condenatoria" });
        await Assertions.Expect(submit).ToBeDisabledAsync();
        await confirm.GetByLabel("N.º de disposición fiscal o sentencia").FillAsync(Judgment);
        await SeeAsync(judiciary, "judgment-form", shot: true);
        await submit.ClickAsync();
        await Assertions.Expect(judiciary.Page.GetByTestId("case-state")).ToHaveTextAsync("Concluido con sentencia");
        await Assertions.Expect(judiciary.Page.GetByTestId("case-resolution")).ToHaveTextAsync("Sentencia condenatoria");
        await Assertions.Expect(judiciary.Page.Locator(".timeline")).ToContainTextAsync($"Disposición o sentencia N.º {Judgment}");
        await SeeAsync(judiciary, "judgment-recorded", shot: true);

        // The judgment closes the criminal case, not anyone's care: both tracks are still open.
        await OpenCaseAsync(protection, caseUrl);
        await Assertions.Expect(protection.Page.GetByTestId("case-state")).ToHaveTextAsync("Concluido con sentencia");
        await Assertions.Expect(CareState(protection.Page, "V-1")).ToHaveTextAsync("Periodo de reflexión y recuperación");
        await Assertions.Expect(CareState(protection.Page, "V-2")).ToHaveTextAsync("Periodo de reflexión y recuperación");

        // Assessment needs the person's consent to assistance; the child's counts through a legal representative.
        await Assertions.Expect(protection.Page.Locator("#why-V-2-assess-needs")).ToContainTextAsync("el consentimiento para «Asistencia y protección»");
        await Assertions.Expect(protection.Page.Locator("#why-V-1-assess-needs")).Not.ToContainTextAsync("representante legal");
        await SeeAsync(protection, "care-needs-consent", shot: true);
        await RecordConsentAsync(protection, "V-1", "Asistencia y protección", null);
        await RecordConsentAsync(protection, "V-2", "Asistencia y protección", "Fiscalía de Familia de Puno");
        await CareStepAsync(protection, "V-1", "Pasar a la evaluación y el plan de atención");
        await CareStepAsync(protection, "V-2", "Pasar a la evaluación y el plan de atención");
        await Assertions.Expect(CareState(protection.Page, "V-2")).ToHaveTextAsync("Evaluación de riesgos y necesidades");

        // Care plans for both, the child's best interests determined by the child-protection authority.
        await CompleteAsync(protection, caseUrl, "Evaluar riesgos y necesidades y elaborar el plan de atención", "V-1", "Plan de atención acordado con la persona.");
        await CompleteAsync(protection, caseUrl, "Evaluar riesgos y necesidades y elaborar el plan de atención", "V-2", "Plan de atención acordado con el adolescente y su representante.");
        await CompleteAsync(childProtection, caseUrl, "Determinar el interés superior", "V-2", "Permanece en el Perú con su familia extensa.");
        await OpenCaseAsync(protection, caseUrl);
        await CareStepAsync(protection, "V-1", "Iniciar la atención según el plan");
        await CareStepAsync(protection, "V-2", "Iniciar la atención según el plan");
        await Assertions.Expect(CareState(protection.Page, "V-1")).ToHaveTextAsync("Atención según el plan");

        // Care delivered, then reintegration where each person is, then closure with a reason.
        await CompleteAsync(protection, caseUrl, "Brindar la atención del plan", "V-1", "Asistencia legal, psicológica y social brindada.");
        await CompleteAsync(protection, caseUrl, "Brindar la atención del plan", "V-2", "Asistencia psicológica y escolar brindada.");
        await CareStepAsync(protection, "V-1", "Pasar a la reintegración en el país donde se encuentra");
        await CareStepAsync(protection, "V-2", "Pasar a la reintegración en el país donde se encuentra");
        await Assertions.Expect(CareState(protection.Page, "V-2")).ToHaveTextAsync("Reintegración y seguimiento");
        await Assertions.Expect(Care(protection.Page, "V-2").GetByTestId("care-task").Filter(new() { HasText = "Acompañar la reintegración" })).ToHaveCountAsync(1);
        await CloseCareAsync(protection, "V-1", "Servicios concluidos");
        await CloseCareAsync(protection, "V-2", "Derivada a otra institución");

        // The coordinator sees the whole story: the judgment, both tracks closed with their reasons, the timeline in words.
        await OpenCaseAsync(coordinator, caseUrl);
        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Concluido con sentencia");
        await Assertions.Expect(CareState(page, "V-1")).ToHaveTextAsync("Atención concluida");
        await Assertions.Expect(Care(page, "V-1").GetByTestId("care-resolution")).ToHaveTextAsync("Servicios concluidos");
        await Assertions.Expect(Care(page, "V-2").GetByTestId("care-resolution")).ToHaveTextAsync("Derivada a otra institución");
        await Assertions.Expect(Care(page, "V-2")).ToContainTextAsync("La atención está concluida.");
        var timeline = page.Locator(".timeline");
        await Assertions.Expect(timeline).ToContainTextAsync("Atención iniciada · V-2 · Identificación y asistencia inmediata");
        await Assertions.Expect(timeline).ToContainTextAsync("Cambio de etapa de la atención · V-1 · Cerrar la atención · Reintegración y seguimiento → Atención concluida");
        await Assertions.Expect(timeline).ToContainTextAsync("Cambio de etapa · Registrar la sentencia · Juicio → Concluido con sentencia");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verificar cadena" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("chain-status")).ToContainTextAsync("verificada");
        await SeeAsync(coordinator, "case-story-done", shot: true);

        // The same page by the switch, in English, from the server's words and the definitions' titles.
        await page.GetByLabel("Idioma").SelectOptionAsync("en");
        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Closed with a judgment");
        await Assertions.Expect(CareState(page, "V-1")).ToHaveTextAsync("Care closed");
        await Assertions.Expect(Care(page, "V-1").GetByTestId("care-resolution")).ToHaveTextAsync("Services completed");
        await Assertions.Expect(page.GetByTestId("case-resolution")).ToHaveTextAsync("Conviction");
        await coordinator.ShotAsync("case-story-english");

        WebUiTests.NoBrowserErrors(coordinator, police, protection, childProtection, prosecutor, policeBolivia, prosecutorBolivia, judiciary);
    }

    [Fact]
    public async Task AMigrantsRequestReachesTheFallbackFlaggedAndAReclassifiedCaseOpensALinkedOneWhoseLeadPasses()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        using var http = await BrowserApi.CoordinatorAsync(fixture);
        var migrant = new { identificationStatus = "presumed", ageGroup = "24-26", sex = "masculine", citizenship = "VE", languages = new[] { "es" }, countryOfStay = "PE" };
        var caseId = (await BrowserApi.PostAsync(http, "/api/v1/cases", new
        {
            workflowId = "smuggling-case",
            title = $"Traslado irregular por Desaguadero {Guid.NewGuid():N}"[..44],
            summary = "Intervención policial a un grupo de personas migrantes objeto de tráfico.",
            leadCountry = "PE",
            partnerCountries = new[] { "BO" },
            victims = new[] { migrant },
        })).GetProperty("id").GetString()!;
        await using var coordinator = await UiPage.OpenAsync(fixture, "v2-smuggling");
        await coordinator.SignInAsync(BrowserApi.Coordinator);
        var page = coordinator.Page;
        await coordinator.GoAsync($"/casos/{caseId}");
        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Intervención registrada");
        await Assertions.Expect(CareState(page, "V-1")).ToHaveTextAsync("Detección de necesidades");

        // A second person, who seeks asylum, recorded from the case page: no consulate is told of them.
        await page.Locator("summary", new() { HasText = "Agregar una víctima" }).ClickAsync();
        var add = page.GetByRole(AriaRole.Form, new() { Name = "Agregar una víctima", Exact = true });
        await Choose(add, "Grupo de edad", "24 a 26 años");
        await Choose(add, "Sexo / género", "Femenino");
        await Choose(add, "Nacionalidad", "Colombia");
        await Assertions.Expect(add.GetByLabel("País donde se encuentra").Locator("option")).ToHaveTextAsync(new[] { "—", "Perú", "Bolivia" });
        await Choose(add, "País donde se encuentra", "Perú");
        await add.GetByLabel("Solicita protección internacional (refugio)").CheckAsync();
        await add.GetByRole(AriaRole.Button, new() { Name = "Agregar una víctima" }).ClickAsync();
        var asylum = page.Locator("[data-testid=victim][data-code='V-2']");
        await Assertions.Expect(asylum.Locator(".facts").First).ToContainTextAsync("Solicita protección internacional (refugio)");
        await Assertions.Expect(page.Locator("#why-V-2-request-consular-notification")).ToContainTextAsync("que la persona no solicite protección internacional (refugio)");
        await SeeAsync(coordinator, "asylum-seeker", shot: true, Smuggling);

        // The Venezuelan migrant asks for their consulate: no agency of that country is configured, so the fallback gets it, flagged.
        var care = Care(page, "V-1");
        await care.GetByTestId("care-steps").GetByRole(AriaRole.Button, new() { Name = "Notificar al consulado a pedido de la persona", Exact = true }).ClickAsync();
        var ask = care.GetByRole(AriaRole.Form, new() { Name = "Confirmar: Notificar al consulado a pedido de la persona · V-1" });
        await ask.GetByLabel("Nota (obligatoria)").FillAsync("Pidió hablar con su consulado.");
        await ask.GetByRole(AriaRole.Button, new() { Name = "Confirmar: Notificar al consulado a pedido de la persona · V-1" }).ClickAsync();
        var consular = TaskCard(page, "Asistencia consular solicitada por la persona", "V-1");
        await Assertions.Expect(consular.GetByTestId("task-unmatched")).ToHaveTextAsync("Asignada por defecto: ninguna institución coincidía con la regla");
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync(
            "«Asistencia consular solicitada por la persona» asignada por defecto a Ministerio de la Mujer y Poblaciones Vulnerables");
        await SeeAsync(coordinator, "fallback-flagged", shot: true, Smuggling);

        // Screening shows trafficking: reclassifying opens a linked trafficking case, reached by its link.
        await page.GetByTestId("next-steps").GetByRole(AriaRole.Button, new() { Name = "Reconducir como trata de personas (abrir un caso vinculado)", Exact = true }).ClickAsync();
        var reclassify = page.GetByRole(AriaRole.Form, new() { Name = "Confirmar: Reconducir como trata de personas" });
        await reclassify.GetByLabel("Nota (obligatoria)").FillAsync("La entrevista de detección mostró indicios de explotación laboral.");
        await reclassify.GetByRole(AriaRole.Button, new() { Name = "Confirmar: Reconducir como trata de personas" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("linked-case-opened")).ToContainTextAsync("Se abrió el caso vinculado");
        await Assertions.Expect(page.GetByTestId("linked-cases").GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        await SeeAsync(coordinator, "reclassified", shot: true, Smuggling);
        var smugglingReference = (await page.Locator("#page-heading").InnerTextAsync()).Split(' ')[0];
        await page.GetByTestId("linked-case-opened").GetByRole(AriaRole.Link, new() { Name = "Ver el caso vinculado" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Denuncia recibida");
        await Assertions.Expect(page.Locator(".facts").First).ToContainTextAsync("Caso de trata de personas");
        await Assertions.Expect(page.GetByTestId("linked-cases")).ToContainTextAsync(smugglingReference);
        await Assertions.Expect(page.GetByTestId("linked-case-opened")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=victim]")).ToHaveCountAsync(2);

        // The lead passes to the partner country: the choice offers only the case's partner, by name.
        await page.GetByTestId("next-steps").GetByRole(AriaRole.Button, new() { Name = "Transferir la conducción del caso a otro país", Exact = true }).ClickAsync();
        var transfer = page.GetByRole(AriaRole.Form, new() { Name = "Confirmar: Transferir la conducción del caso a otro país" });
        var lead = transfer.GetByLabel("País que pasa a liderar el caso");
        await Assertions.Expect(lead.Locator("option")).ToHaveTextAsync(new[] { "Elija…", "Bolivia" });
        await lead.SelectOptionAsync(new SelectOptionValue { Label = "Bolivia" });
        await transfer.GetByLabel("Nota (obligatoria)").FillAsync("La captación ocurrió en El Alto: conduce la fiscalía boliviana.");
        await SeeAsync(coordinator, "transfer-lead", shot: true, Smuggling);
        await transfer.GetByRole(AriaRole.Button, new() { Name = "Confirmar: Transferir la conducción del caso a otro país" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("lead-country")).ToHaveTextAsync("Bolivia");
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("Conducción transferida a otro país · Transferir la conducción del caso a otro país · Perú → Bolivia");
        await SeeAsync(coordinator, "lead-transferred", shot: true, Smuggling);
        WebUiTests.NoBrowserErrors(coordinator);
    }

    private static ILocator Care(IPage page, string code) => page.Locator($"[data-testid=care][data-code='{code}']");

    private static ILocator CareState(IPage page, string code) => Care(page, code).GetByTestId("care-state");

    private static ILocator TaskCard(IPage page, string title, string? victim)
    {
        var card = page.GetByTestId("case-task").Filter(new() { HasText = title });
        return victim is null ? card : card.Filter(new() { Has = page.GetByTestId("task-victim").GetByText($"Para {victim}", new() { Exact = true }) });
    }

    private static Task Choose(ILocator scope, string label, string option) =>
        scope.GetByLabel(label).SelectOptionAsync(new SelectOptionValue { Label = option });

    private static Task Check(ILocator scope, string group, string option) =>
        scope.GetByRole(AriaRole.Group, new() { Name = group, Exact = true }).GetByLabel(option, new() { Exact = true }).CheckAsync();

    private async Task<UiPage> SignedInAsync(string prefix, string sub)
    {
        var ui = await UiPage.OpenAsync(fixture, prefix);
        await ui.SignInAsync(sub);
        return ui;
    }

    // The case page, loaded afresh (the router keeps a page already there as it was).
    private static async Task OpenCaseAsync(UiPage ui, string caseUrl)
    {
        if (ui.Page.Url == caseUrl)
        {
            await ui.Page.ReloadAsync();
        }
        else
        {
            await ui.Page.GotoAsync(caseUrl);
        }

        await ui.Page.GetByTestId("case-state").WaitForAsync();
        await ui.Page.Locator(".timeline li").First.WaitForAsync();
    }

    // An officer of the assigned agency accepts and completes a task from the case page.
    private static async Task CompleteAsync(UiPage officer, string caseUrl, string title, string? victim, string note)
    {
        await OpenCaseAsync(officer, caseUrl);
        var card = TaskCard(officer.Page, title, victim);
        await card.GetByRole(AriaRole.Button, new() { Name = "Aceptar", Exact = true }).ClickAsync();
        await Assertions.Expect(officer.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Aceptar: Hecho.");
        await card.GetByLabel("Nota").FillAsync(note);
        await card.GetByRole(AriaRole.Button, new() { Name = "Completar", Exact = true }).ClickAsync();
        await Assertions.Expect(card.Locator(".badge.state-completed")).ToHaveTextAsync("Completada");
        await SeeAsync(officer, "task-completed");
    }

    // A step of the criminal case that asks for nothing more.
    private static async Task StepAsync(UiPage ui, string step)
    {
        var before = await ui.Page.GetByTestId("case-state").InnerTextAsync();
        await ui.Page.GetByTestId("next-steps").GetByRole(AriaRole.Button, new() { Name = step, Exact = true }).ClickAsync();
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{step}: Hecho.");
        await Assertions.Expect(ui.Page.GetByTestId("case-state")).Not.ToHaveTextAsync(before);
        await SeeAsync(ui, "case-step");
    }

    // A step of a victim's care track that asks for nothing more.
    private static async Task CareStepAsync(UiPage ui, string code, string step)
    {
        var before = await CareState(ui.Page, code).InnerTextAsync();
        await Care(ui.Page, code).GetByTestId("care-steps").GetByRole(AriaRole.Button, new() { Name = step, Exact = true }).ClickAsync();
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{step}: Hecho.");
        await Assertions.Expect(CareState(ui.Page, code)).Not.ToHaveTextAsync(before);
        await SeeAsync(ui, "care-step");
    }

    // Closing a care track asks for the reason, from the care closure reasons by their titles.
    private static async Task CloseCareAsync(UiPage ui, string code, string reason)
    {
        var care = Care(ui.Page, code);
        await care.GetByTestId("care-steps").GetByRole(AriaRole.Button, new() { Name = "Cerrar la atención", Exact = true }).ClickAsync();
        var confirm = care.GetByRole(AriaRole.Form, new() { Name = $"Confirmar: Cerrar la atención · {code}" });
        var submit = confirm.GetByRole(AriaRole.Button, new() { Name = $"Confirmar: Cerrar la atención · {code}" });
        await Assertions.Expect(submit).ToBeDisabledAsync();
        var reasons = await confirm.GetByLabel("Motivo del cierre").Locator("option").AllInnerTextsAsync();
        Assert.Contains("Servicios concluidos", reasons);
        Assert.Contains("Fallecida", reasons);
        await confirm.GetByLabel("Motivo del cierre").SelectOptionAsync(new SelectOptionValue { Label = reason });
        await confirm.GetByLabel("Nota").FillAsync("Seguimiento concluido; la persona conoce cómo volver a pedir apoyo.");
        await SeeAsync(ui, "care-close-form", shot: true);
        await submit.ClickAsync();
        await Assertions.Expect(care.GetByTestId("care-state")).ToHaveTextAsync("Atención concluida");
        await Assertions.Expect(care.GetByTestId("care-resolution")).ToHaveTextAsync(reason);
        await SeeAsync(ui, "care-closed");
    }

    private static async Task RecordConsentAsync(UiPage ui, string code, string purpose, string? legalRepresentative)
    {
        var victim = ui.Page.Locator($"[data-testid=victim][data-code='{code}']");
        await victim.GetByText("Registrar consentimiento", new() { Exact = true }).First.ClickAsync();
        var form = victim.GetByRole(AriaRole.Form, new() { Name = "Registrar consentimiento" });
        await Choose(form, "Finalidad", purpose);
        await form.GetByLabel("Otorga el consentimiento").CheckAsync();
        if (legalRepresentative is not null)
        {
            await form.GetByLabel("Representante legal").FillAsync(legalRepresentative);
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "Registrar consentimiento" }).ClickAsync();
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Registrar consentimiento: Hecho.");
        await Assertions.Expect(victim.Locator("tbody tr").Filter(new() { HasText = purpose })).ToContainTextAsync("Otorgado");
        await SeeAsync(ui, "consent-recorded");
    }

    // Asserts that the page, as a person reads it, shows nothing of the definitions' code or English.
    private static async Task SeeAsync(UiPage ui, string name, bool shot = false, (Regex Pattern, string What)[]? forbidden = null)
    {
        if (shot)
        {
            await ui.ShotAsync(name);
        }

        var text = await ui.Page.Locator("body").InnerTextAsync();
        var shown = (forbidden ?? Trafficking).Where(f => f.Pattern.IsMatch(text)).Select(f => f.What).ToList();
        Assert.True(shown.Count == 0, $"{name}: identifiers or English shown to a person: {string.Join(", ", shown)}\n{text}");
    }

    private static (Regex, string)[] ForbiddenTexts(params (string Id, int Version)[] workflows)
    {
        var catalog = TestCatalog.Shipped;
        var definitions = workflows.Select(w => catalog.Find(w.Id, w.Version) ?? throw new InvalidOperationException($"{w.Id} v{w.Version} is not shipped")).ToList();
        var tasks = definitions.SelectMany(d => d.States.SelectMany(s => s.Tasks).Concat(d.Triggers.SelectMany(t => t.Tasks))).ToList();
        var closure = catalog.Reference.VictimValues.Fields["careClosureReason"];
        var names = definitions.SelectMany(d => d.States.Select(s => s.Name).Concat(d.Triggers.Select(t => t.Name)).Concat(d.Resolutions).Append(d.Id))
            .Concat(definitions.SelectMany(d => d.Triggers.SelectMany(t => t.Roles.Concat(t.RecordedBy))))
            .Concat(tasks.SelectMany(t => t.Tags))
            .Concat(closure.Select(v => v.Code))
            .Concat(["care-started", "care-transition", "assignment-unmatched", "lead-transferred", "case-linked", "transfer-lead", "open-linked-case", "victim-stay"]);
        var english = definitions.SelectMany(d => d.States.Select(s => s.Title.En).Concat(d.Triggers.Select(t => t.Title.En)).Append(d.Title.En))
            .Concat(tasks.Select(t => t.Title.En))
            .Concat(closure.Select(v => v.Title.En));
        return
        [
            .. names.Distinct().Select(n => (new Regex($@"(?<![\w-]){Regex.Escape(n)}(?![\w-])", RegexOptions.IgnoreCase), n)),
            .. english.Where(e => e.Length > 0).Distinct().Select(e => (new Regex($@"(?<!\w){Regex.Escape(e)}(?!\w)"), e)),
        ];
    }
}
