using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Enlace.Tests.Browser;

/// <summary>
/// Victims as people in the web UI: the coordinator opens a case with victims, records
/// consent, reads an identity through the audited dialog and moves the case on with the
/// agencies; a case is archived with a resolution. Every page is in Spanish with no code
/// showing through, saved as a screenshot; any browser console error fails the test.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class VictimsUiTests(BrowserFixture fixture)
{
    private const string Police = "demo-pe-pnp-dirctptim";
    private const string Protection = "demo-pe-mimp";
    private const string Name = "Rosa Mamani Quispe";
    private const string Document = "BO-4471239";

    // Codes the API uses that must never reach a Spanish page: each value shows by its title.
    private static readonly string[] Codes =
    [
        "presumed", "identified", "not-a-victim", "data-processing", "cross-border-transfer", "assistance", "forced-labour", "forced-begging",
        "b-mining-and-quarrying", "feminine", "masculine", "withholds-documents", "false-promises", "through-online-social-networks", "unaquainted",
        "recruiter-or-intermediary", "investigated", "charged", "prostitution", "sexual-exploitation", "report", "assessment", "investigation", "closed", "assess", "open-investigation", "archive",
        "victim-identification", "intake", "victims", "duplicate", "given", "withdrawn", "override", "victim-added", "consent-recorded", "identity-read",
    ];

    [Fact]
    public async Task TheCoordinatorOpensACaseWithVictimsRecordsConsentReadsAnIdentityAndOpensTheInvestigation()
    {
        var title = $"Captación en Yunguyo {Guid.NewGuid():N}"[..30];
        await using var coordinator = await UiPage.OpenAsync(fixture, "victims-coordinator");
        await coordinator.SignInAsync(BrowserApi.Coordinator);
        var page = coordinator.Page;

        // The new-case form takes two victims: an adult with an identity, and a child.
        await coordinator.GoAsync("/casos");
        await page.GetByText("Abrir un caso").ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Abrir un caso" });
        await form.GetByLabel("Flujo de trabajo").SelectOptionAsync("trafficking-case");
        await form.GetByLabel("Título").FillAsync(title);
        await form.GetByLabel("Resumen").FillAsync("Oferta falsa de empleo en minería; la víctima fue trasladada desde El Alto.");
        await form.GetByLabel("Bolivia", new() { Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Agregar una víctima" }).ClickAsync();
        var adult = form.GetByRole(AriaRole.Group, new() { Name = "Víctima 1", Exact = true });
        await Choose(adult, "Estado de identificación", "Presunta víctima");
        await Choose(adult, "Grupo de edad", "21 a 23 años");
        await Choose(adult, "Sexo / género", "Femenino");
        await Choose(adult, "Nacionalidad", "Bolivia");
        await Choose(adult, "País de explotación", "Perú");
        await Check(adult, "Formas de explotación", "Trabajo forzoso");
        await Choose(adult, "Sector laboral", "Explotación de minas y canteras");
        await Check(adult, "Medios de control", "Retención de documentos");
        await Check(adult, "Medios de control", "Falsas promesas o engaño");
        await Choose(adult, "Forma de captación", "Por redes sociales en internet");
        await Check(adult, "Lenguas", "Aimara");
        await Check(adult, "Lenguas", "Castellano");
        await adult.GetByLabel("Nombre completo").FillAsync(Name);
        await adult.GetByLabel("Número de documento").FillAsync(Document);
        await adult.GetByLabel("Fecha de nacimiento").FillAsync("2004-03-12");
        await form.GetByRole(AriaRole.Button, new() { Name = "Agregar una víctima" }).ClickAsync();
        var child = form.GetByRole(AriaRole.Group, new() { Name = "Víctima 2", Exact = true });
        await Choose(child, "Grupo de edad", "9 a 17 años");
        await Choose(child, "Sexo / género", "Masculino");
        await Choose(child, "Nacionalidad", "Perú");
        await Choose(child, "Niña, niño o adolescente no acompañado", "Sí");
        await Check(child, "Formas de explotación", "Mendicidad forzada");
        await Assertions.Expect(adult.GetByText("se guarda aparte y cifrada")).ToBeVisibleAsync();
        await ShotAsync(coordinator, "new-case-with-victims");
        await form.GetByRole(AriaRole.Button, new() { Name = "Crear" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Denuncia recibida");
        var caseUrl = page.Url;
        var caseId = caseUrl[(caseUrl.LastIndexOf('/') + 1)..];

        // The victims panel shows the pseudonymous records by their titles, never the identity.
        var v1 = Victim(page, "V-1");
        var v2 = Victim(page, "V-2");
        await Assertions.Expect(v1).ToContainTextAsync("Presunta víctima");
        await Assertions.Expect(v1).ToContainTextAsync("Trabajo forzoso");
        await Assertions.Expect(v1).ToContainTextAsync("Explotación de minas y canteras");
        await Assertions.Expect(v1).ToContainTextAsync("Aimara, Castellano");
        await Assertions.Expect(v1).ToContainTextAsync("Identidad registrada (cifrada)");
        await Assertions.Expect(v2).ToContainTextAsync("Menor de edad");
        await Assertions.Expect(v2).ToContainTextAsync("Mendicidad forzada");
        await Assertions.Expect(page.GetByText(Name)).ToHaveCountAsync(0);
        await ShotAsync(coordinator, "case-with-victims");

        // Without data-processing consent the identity is refused; the coordinator is offered the override.
        await v1.GetByRole(AriaRole.Button, new() { Name = "Mostrar identidad" }).ClickAsync();
        var dialog = page.GetByTestId("identity-dialog");
        await dialog.GetByLabel("Motivo de la consulta").FillAsync("Preparar la entrevista de identificación");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Mostrar identidad" }).ClickAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("falta el consentimiento de «Tratamiento de datos personales»");
        await Assertions.Expect(dialog.GetByLabel("Leer sin consentimiento")).ToBeVisibleAsync();
        await ShotAsync(coordinator, "identity-refused-without-consent");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancelar" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        // Consent to data processing, given; the child's consent names the legal representative.
        await RecordConsentAsync(page, v1, "Tratamiento de datos personales", legalRepresentative: null);
        await Assertions.Expect(ConsentRow(v1, "Tratamiento de datos personales")).ToContainTextAsync("Otorgado");
        await Assertions.Expect(ConsentRow(v1, "Tratamiento de datos personales")).ToContainTextAsync(BrowserApi.Coordinator);
        await Assertions.Expect(ConsentRow(v1, "Flujo transfronterizo de datos personales")).ToContainTextAsync("Sin registrar");
        await RecordConsentAsync(page, v2, "Asistencia y protección", legalRepresentative: "Fiscalía de Familia de Puno");
        await Assertions.Expect(ConsentRow(v2, "Asistencia y protección")).ToContainTextAsync("Fiscalía de Familia de Puno");
        await ShotAsync(coordinator, "consents-recorded");

        // The identity, read with a reason, shows in the dialog only, and nowhere once it closes.
        await v1.GetByRole(AriaRole.Button, new() { Name = "Mostrar identidad" }).ClickAsync();
        await dialog.GetByLabel("Motivo de la consulta").FillAsync("Preparar la entrevista de identificación");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Mostrar identidad" }).ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("identity")).ToContainTextAsync(Name);
        await Assertions.Expect(dialog.GetByTestId("identity")).ToContainTextAsync(Document);
        await ShotAsync(coordinator, "identity-shown");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cerrar" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText(Name)).ToHaveCountAsync(0);
        var stored = await page.EvaluateAsync<string>("() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href");
        Assert.DoesNotContain("Rosa", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("4471239", stored, StringComparison.Ordinal);

        // The access log lists the read: who, which victim, why.
        var log = page.GetByTestId("access-log");
        await Assertions.Expect(log.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(log).ToContainTextAsync("V-1");
        await Assertions.Expect(log).ToContainTextAsync(BrowserApi.Coordinator);
        await Assertions.Expect(log).ToContainTextAsync("Preparar la entrevista de identificación");
        await log.ScrollIntoViewIfNeededAsync();
        await ShotAsync(coordinator, "access-log");

        // Next steps say in words what is missing; the police completes the intake task.
        var assess = page.GetByRole(AriaRole.Button, new() { Name = "Iniciar la evaluación preliminar" });
        await Assertions.Expect(assess).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("#why-assess")).ToContainTextAsync("completar «Registrar la denuncia y adoptar medidas urgentes»");
        await using var police = await UiPage.OpenAsync(fixture, "victims-police");
        await police.SignInAsync(Police);
        await CompleteTaskAsync(police, caseUrl, "Registrar la denuncia", "Denuncia registrada; medidas urgentes adoptadas en Yunguyo.");

        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Iniciar la evaluación preliminar" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Evaluación preliminar e identificación de víctimas");
        await Assertions.Expect(page.Locator("#why-open-investigation")).ToContainTextAsync("completar «Entrevistar e identificar preliminarmente a las víctimas»");
        await ShotAsync(coordinator, "case-in-assessment");

        // The protection service completes the victim identification; the investigation opens.
        await using var protection = await UiPage.OpenAsync(fixture, "victims-protection");
        await protection.SignInAsync(Protection);
        await CompleteTaskAsync(protection, caseUrl, "Entrevistar e identificar preliminarmente", "Entrevista en aimara con intérprete; ambas personas identificadas preliminarmente.");

        // Opening an investigation is the prosecutor's decision: the coordinator records it with the disposition's number.
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Abrir la investigación" }).ClickAsync();
        var record = page.GetByRole(AriaRole.Form, new() { Name = "Confirmar: Abrir la investigación" });
        var recordIt = record.GetByRole(AriaRole.Button, new() { Name = "Confirmar: Abrir la investigación" });
        await Assertions.Expect(recordIt).ToBeDisabledAsync();
        await record.GetByLabel("N.º de disposición fiscal o sentencia").FillAsync("Disposición Fiscal N.º 21-2026-FISTRAP-PUNO");
        await recordIt.ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Investigación");

        // Bolivia's agencies work from the pseudonymous record: nobody consented to the transfer.
        var referral = page.GetByTestId("case-task").Filter(new() { HasText = "Derivación transfronteriza: cooperación fiscal" });
        await Assertions.Expect(referral.GetByTestId("identity-withheld")).ToContainTextAsync("Identidad no compartida: sin consentimiento de transferencia transfronteriza");
        var domestic = page.GetByTestId("case-task").Filter(new() { HasText = "Dirigir la investigación fiscal" });
        await Assertions.Expect(domestic).ToHaveCountAsync(1);
        await Assertions.Expect(domestic.GetByTestId("identity-withheld")).ToHaveCountAsync(0);

        // Each deadline in the local time of the agency that must act, the zone named: La Paz (UTC−4) for
        // Bolivia's prosecutors, Lima (UTC−5) for Peru's.
        await Assertions.Expect(referral.Locator("time")).ToHaveTextAsync(new Regex(@"\d{4}, .+ \(hora de La Paz\)$"));
        await Assertions.Expect(domestic.Locator("time")).ToHaveTextAsync(new Regex(@"\d{4}, .+ \(hora de Lima\)$"));
        var referralDue = DateTimeOffset.Parse(await referral.Locator("time").GetAttributeAsync("datetime") ?? "", CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(-4));
        var shown = await referral.Locator("time").InnerTextAsync();
        Assert.True(shown.Contains($"{referralDue:H:mm}", StringComparison.Ordinal) || shown.Contains($"{referralDue:h:mm}", StringComparison.Ordinal), $"'{shown}' is not {referralDue:O} in La Paz");
        await page.GetByLabel("Idioma").SelectOptionAsync("en");
        await Assertions.Expect(page.Locator("[data-testid=case-task] time").Filter(new() { HasText = "(La Paz time)" }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=case-task] time").Filter(new() { HasText = "(Lima time)" }).First).ToBeVisibleAsync();
        await page.GetByLabel("Language", new() { Exact = true }).SelectOptionAsync("es");
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("Consentimiento registrado · V-1 · Tratamiento de datos personales · otorgado");
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("Identidad consultada · V-1");
        await ShotAsync(coordinator, "investigation-opened");

        // Chromium logs the refused read itself ("Failed to load resource: … 403"): that answer is
        // the point of that step; any other console error still fails the test.
        Assert.Equal(1, coordinator.Errors.RemoveAll(e => e.Contains("403", StringComparison.Ordinal) && e.Contains($"/api/v1/cases/{caseId}/victims/V-1/identity", StringComparison.Ordinal)));
        WebUiTests.NoBrowserErrors(coordinator, police, protection);
    }

    [Fact]
    public async Task ACaseIsArchivedFromTheUiWithAResolutionAndShowsItInBothLanguages()
    {
        using var http = await BrowserApi.CoordinatorAsync(fixture);
        var caseId = await BrowserApi.OpenCaseAsync(http, "Caso para archivar");
        await using var coordinator = await UiPage.OpenAsync(fixture, "archive");
        await coordinator.SignInAsync(BrowserApi.Coordinator);
        var page = coordinator.Page;
        await coordinator.GoAsync($"/casos/{caseId}");
        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Denuncia recibida");

        await page.GetByRole(AriaRole.Button, new() { Name = "Archivar" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Form, new() { Name = "Confirmar: Archivar" });
        var submit = confirm.GetByRole(AriaRole.Button, new() { Name = "Confirmar: Archivar" });
        await Assertions.Expect(submit).ToBeDisabledAsync();
        await confirm.GetByLabel("Resolución").SelectOptionAsync(new SelectOptionValue { Label = "Caso duplicado" });
        await Assertions.Expect(submit).ToBeDisabledAsync();
        await confirm.GetByLabel("Nota (obligatoria)").FillAsync("Mismos hechos que el caso abierto por la fiscalía de Puno.");
        await Assertions.Expect(submit).ToBeDisabledAsync();
        await confirm.GetByLabel("N.º de disposición fiscal o sentencia").FillAsync("Disposición Fiscal N.º 30-2026-FISTRAP-PUNO");
        await ShotAsync(coordinator, "archive-with-resolution");
        await submit.ClickAsync();

        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Archivado");
        await Assertions.Expect(page.GetByTestId("case-resolution")).ToHaveTextAsync("Caso duplicado");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Archivar: Hecho.");
        await ShotAsync(coordinator, "case-archived");

        await page.GetByLabel("Idioma").SelectOptionAsync("en");
        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Archived");
        await Assertions.Expect(page.GetByTestId("case-resolution")).ToHaveTextAsync("Duplicate case");
        await coordinator.ShotAsync("case-archived-english");
        WebUiTests.NoBrowserErrors(coordinator);
    }

    [Fact]
    public async Task ARecordIsCorrectedWithIfMatchAPerpetratorIsAddedAndAnIdentityIsErased()
    {
        using var http = await BrowserApi.CoordinatorAsync(fixture);
        var adult = new
        {
            identificationStatus = "presumed",
            ageGroup = "24-26",
            sex = "feminine",
            citizenship = "PE",
            exploitation = new[] { "sexual-exploitation" },
            sexualExploitationType = "prostitution",
            identity = new { fullName = "Lucía Huamán Ccori", documentNumber = "PE-70011223" },
        };
        var caseId = await BrowserApi.OpenCaseAsync(http, "Caso con correcciones", adult);
        await using var coordinator = await UiPage.OpenAsync(fixture, "corrections");
        await coordinator.SignInAsync(BrowserApi.Coordinator);
        var page = coordinator.Page;
        await coordinator.GoAsync($"/casos/{caseId}");
        var v1 = Victim(page, "V-1");
        await Assertions.Expect(v1).ToContainTextAsync("Explotación sexual");

        // Someone else corrects V-1 while the form is open: saving the stale form is refused (412).
        await v1.GetByText("Corregir el registro · V-1").ClickAsync();
        var edit = v1.GetByRole(AriaRole.Form, new() { Name = "Corregir el registro · V-1" });
        await Choose(edit, "Estado de identificación", "Víctima identificada");
        using (var meanwhile = await http.PutAsJsonAsync($"/api/v1/cases/{caseId}/victims/V-1", adult with { identity = null! }))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, meanwhile.StatusCode);
        }

        await edit.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
        await Assertions.Expect(edit.GetByRole(AriaRole.Alert)).ToContainTextAsync("Otra persona cambió esto mientras tanto");
        await ShotAsync(coordinator, "stale-edit-refused");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Volver a cargar" }).ClickAsync();
        await Assertions.Expect(edit.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Choose(edit, "Estado de identificación", "Víctima identificada");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
        await Assertions.Expect(v1.Locator(".card-head")).ToContainTextAsync("Víctima identificada");
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("Registro de víctima corregido · V-1 · Víctima identificada");

        // A perpetrator with an identity, read like a victim's, then corrected.
        await page.GetByText("Agregar un presunto tratante").First.ClickAsync();
        var add = page.GetByRole(AriaRole.Form, new() { Name = "Agregar un presunto tratante" });
        await Choose(add, "Rol en el hecho", "Captador o intermediario");
        await Choose(add, "Situación procesal", "Investigado");
        await Choose(add, "Sexo / género", "Masculino");
        await Choose(add, "Nacionalidad", "Perú");
        await add.GetByLabel("Nombre completo").FillAsync("Julio Ccama Huanca");
        await add.GetByLabel("Número de documento").FillAsync("PE-41236587");
        await ShotAsync(coordinator, "perpetrator-form");
        await add.GetByRole(AriaRole.Button, new() { Name = "Agregar un presunto tratante" }).ClickAsync();
        var p1 = page.Locator("[data-testid=perpetrator][data-code='P-1']");
        await Assertions.Expect(p1).ToContainTextAsync("Captador o intermediario");
        await Assertions.Expect(p1).ToContainTextAsync("Investigado");
        await Assertions.Expect(page.GetByText("Julio Ccama Huanca")).ToHaveCountAsync(0);
        await p1.GetByRole(AriaRole.Button, new() { Name = "Mostrar identidad" }).ClickAsync();
        var dialog = page.GetByTestId("identity-dialog");
        await dialog.GetByLabel("Motivo de la consulta").FillAsync("Requerimiento fiscal de identificación del investigado");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Mostrar identidad" }).ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("identity")).ToContainTextAsync("Julio Ccama Huanca");
        await ShotAsync(coordinator, "perpetrator-identity-shown");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cerrar" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("access-log")).ToContainTextAsync("P-1");
        await p1.GetByText("Corregir el registro · P-1").ClickAsync();
        var correct = p1.GetByRole(AriaRole.Form, new() { Name = "Corregir el registro · P-1" });
        await Choose(correct, "Situación procesal", "Acusado formalmente");
        await correct.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
        await Assertions.Expect(p1).ToContainTextAsync("Acusado formalmente");

        // The victim's identity is erased for good, with a note; the record stays.
        await v1.GetByRole(AriaRole.Button, new() { Name = "Borrar identidad" }).ClickAsync();
        var erase = page.GetByTestId("erase-dialog");
        var confirm = erase.GetByRole(AriaRole.Button, new() { Name = "Borrar definitivamente" });
        await Assertions.Expect(confirm).ToBeDisabledAsync();
        await erase.GetByLabel("Motivo del borrado").FillAsync("La persona pidió la supresión de sus datos (Ley 29733).");
        await ShotAsync(coordinator, "erase-identity");
        await confirm.ClickAsync();
        await Assertions.Expect(erase).ToHaveCountAsync(0);
        await Assertions.Expect(v1.Locator(".card-head")).ToContainTextAsync("Identidad borrada");
        await Assertions.Expect(v1.GetByRole(AriaRole.Button, new() { Name = "Mostrar identidad" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("Identidad borrada · V-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verificar cadena" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("chain-status")).ToContainTextAsync("verificada");
        await ShotAsync(coordinator, "identity-erased");

        // In English, the values come from the server with their English titles.
        await page.GetByLabel("Idioma").SelectOptionAsync("en");
        await Assertions.Expect(v1.Locator(".card-head")).ToContainTextAsync("Identified victim");
        await Assertions.Expect(v1).ToContainTextAsync("Sexual exploitation");
        await Assertions.Expect(page.Locator("[data-testid=perpetrator][data-code='P-1']")).ToContainTextAsync("Recruiter or intermediary");
        await coordinator.ShotAsync("identity-erased-english");

        // Chromium logs the refused stale write itself (412); any other console error fails the test.
        Assert.Equal(1, coordinator.Errors.RemoveAll(e => e.Contains("412", StringComparison.Ordinal) && e.Contains($"/api/v1/cases/{caseId}/victims/V-1", StringComparison.Ordinal)));
        WebUiTests.NoBrowserErrors(coordinator);
    }

    private static ILocator Victim(IPage page, string code) => page.Locator($"[data-testid=victim][data-code='{code}']");

    private static ILocator ConsentRow(ILocator victim, string purpose) => victim.Locator("tbody tr").Filter(new() { HasText = purpose });

    private static Task Choose(ILocator scope, string label, string option) =>
        scope.GetByLabel(label).SelectOptionAsync(new SelectOptionValue { Label = option });

    private static Task Check(ILocator scope, string group, string option) =>
        scope.GetByRole(AriaRole.Group, new() { Name = group, Exact = true }).GetByLabel(option, new() { Exact = true }).CheckAsync();

    private static async Task RecordConsentAsync(IPage page, ILocator victim, string purpose, string? legalRepresentative)
    {
        await victim.GetByText("Registrar consentimiento", new() { Exact = true }).First.ClickAsync();
        var form = victim.GetByRole(AriaRole.Form, new() { Name = "Registrar consentimiento" });
        await Choose(form, "Finalidad", purpose);
        await form.GetByLabel("Otorga el consentimiento").CheckAsync();
        if (legalRepresentative is not null)
        {
            await form.GetByLabel("Representante legal").FillAsync(legalRepresentative);
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "Registrar consentimiento" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Registrar consentimiento: Hecho.");
    }

    // An officer of the assigned agency accepts and completes a task from the case page.
    private async Task CompleteTaskAsync(UiPage officer, string caseUrl, string task, string note)
    {
        await officer.Page.GotoAsync(caseUrl);
        var card = officer.Page.GetByTestId("case-task").Filter(new() { HasText = task });
        await card.GetByRole(AriaRole.Button, new() { Name = "Aceptar" }).ClickAsync();
        await Assertions.Expect(officer.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Aceptar: Hecho.");
        await card.GetByLabel("Nota").FillAsync(note);
        await card.GetByRole(AriaRole.Button, new() { Name = "Completar" }).ClickAsync();
        await Assertions.Expect(card).ToContainTextAsync("Completada");
        await ShotAsync(officer, "task-completed");
    }

    // A screenshot of a Spanish page, after checking that no code of the API shows on it.
    private static async Task ShotAsync(UiPage ui, string name)
    {
        await ui.ShotAsync(name);
        var text = await ui.Page.Locator("body").InnerTextAsync();
        var shown = Codes.Where(code => Regex.IsMatch(text, $@"(?<![\w-]){Regex.Escape(code)}(?![\w-])", RegexOptions.IgnoreCase)).ToList();
        Assert.True(shown.Count == 0, $"{name}: codes shown to a person: {string.Join(", ", shown)}\n{text}");
    }
}
