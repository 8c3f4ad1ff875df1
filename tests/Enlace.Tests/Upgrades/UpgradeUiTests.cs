using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Tests.Browser;
using Enlace.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Enlace.Tests.Upgrades;

/// <summary>
/// The administrators' upgrade page in Chromium: a dry run shows what can move and what needs
/// a state (by its title, never its code), a mapping is chosen from the target's states, the
/// run moves the cases; the page is Spanish, English by the switch, and only admins see it.
/// </summary>
[Collection(UpgradeCollection.Name)]
public sealed class UpgradeUiTests(UpgradeFixture fixture)
{
    private static readonly string[] Codes = ["review", "assessment", "report", "can-move", "needs-mapping", "state-missing", "drill-ui", "moved", "refused"];

    [Fact]
    public async Task AnAdministratorDryRunsMapsAStateAndUpgradesTheRunningCasesFromThePage()
    {
        var cases = fixture.Cases[UpgradeFixture.Ui];
        await using var ui = await UiPage.OpenAsync(await fixture.BrowserAsync(), fixture.BaseUrl, fixture.Artifacts, "upgrades");
        var page = ui.Page;
        await ui.SignInAsync("demo-admin");

        // An administrator manages definitions, not cases: the upgrades page is home, no case list is offered.
        await page.GetByRole(AriaRole.Heading, new() { Name = "Actualizar casos en curso a una nueva versión" }).WaitForAsync();
        var navigation = page.Locator("nav.main-nav");
        Assert.Equal(0, await navigation.GetByRole(AriaRole.Link, new() { Name = "Casos", Exact = true }).CountAsync());
        Assert.Equal(0, await navigation.GetByRole(AriaRole.Link, new() { Name = "Pendientes" }).CountAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Actualizar versiones" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Actualizar casos en curso a una nueva versión" }).WaitForAsync();
        await page.GetByLabel("Flujo de trabajo").SelectOptionAsync(UpgradeFixture.Ui);
        await page.GetByLabel("Versión de destino").SelectOptionAsync(new SelectOptionValue { Label = "Versión 2" });

        await page.GetByRole(AriaRole.Button, new() { Name = "Simular (sin cambios)" }).ClickAsync();
        var result = page.GetByTestId("upgrade-result");
        await result.GetByRole(AriaRole.Heading, new() { Name = "Resultado de la simulación (nada cambió)" }).WaitForAsync();
        Assert.Equal("1", await page.GetByTestId("count-needs-mapping").Locator("dd").InnerTextAsync());
        Assert.Equal("1", await page.GetByTestId("count-can-move").Locator("dd").InnerTextAsync());
        var text = await result.InnerTextAsync();
        Assert.Contains("La versión 2 no tiene el estado «Revisión preliminar»: elija a cuál pasa.", text, StringComparison.Ordinal);
        Assert.Contains("Denuncia recibida", text, StringComparison.Ordinal);
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Actualizar los casos" }).IsDisabledAsync(), "the run waits for the mapping");
        await ui.ShotAsync("dry-run");
        await AssertNoCodesAsync(page);

        await page.GetByLabel("Los casos en «Revisión preliminar» pasan a").SelectOptionAsync(new SelectOptionValue { Label = "Evaluación conjunta" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Simular (sin cambios)" }).ClickAsync();
        await page.GetByTestId("count-can-move").Locator("dd").Filter(new() { HasText = "2" }).WaitForAsync();
        Assert.Contains("Evaluación conjunta", await result.InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Actualizar los casos" }).ClickAsync();
        await result.GetByRole(AriaRole.Heading, new() { Name = "Resultado de la actualización" }).WaitForAsync();
        Assert.Equal("2", await page.GetByTestId("count-moved").Locator("dd").InnerTextAsync());
        Assert.Equal("0", await page.GetByTestId("count-needs-mapping").Locator("dd").InnerTextAsync());
        await ui.ShotAsync("run");
        await AssertNoCodesAsync(page);

        await page.GetByLabel("Idioma").SelectOptionAsync("en");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Upgrade running cases to a new version" }).WaitForAsync();
        await page.GetByLabel("Target version").WaitForAsync();
        await page.GetByLabel("Idioma").Or(page.GetByLabel("Language")).SelectOptionAsync("es");

        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var moved = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{cases.InReview}");
        Assert.Equal((2, "assessment"), (moved.GetProperty("workflowVersion").GetInt32(), moved.GetProperty("state").GetString()));

        await ui.SignOutAsync();
        await ui.SignInAsync(BrowserApi.Coordinator);
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Actualizar versiones" }).CountAsync());
        Assert.Empty(ui.Errors);
    }

    private static async Task AssertNoCodesAsync(IPage page)
    {
        var text = await page.Locator("main").InnerTextAsync();
        var words = text.Split([' ', '\n', '\t', '(', ')', ',', '.', ':', '«', '»'], StringSplitOptions.RemoveEmptyEntries);
        Assert.Empty(words.Intersect(Codes));
    }
}
