using Microsoft.Playwright;

namespace Enlace.Tests.Browser;

/// <summary>
/// One person's browser tab: records every console error and uncaught exception (a test
/// fails on any), and saves a numbered screenshot of each page visited.
/// </summary>
public sealed class UiPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly string _artifacts;
    private readonly string _prefix;
    private int _shots;

    private UiPage(IBrowserContext context, IPage page, string artifacts, string prefix)
    {
        _context = context;
        Page = page;
        _artifacts = artifacts;
        _prefix = prefix;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Errors.Add($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Errors.Add($"page error: {error}");
    }

    /// <summary>The page.</summary>
    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions seen so far.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Opens a tab at the UI with the given browser locale (Spanish by default).</summary>
    public static Task<UiPage> OpenAsync(BrowserFixture fixture, string prefix, string locale = "es-PE", ViewportSize? viewport = null) =>
        OpenAsync(fixture.Browser, fixture.BaseUrl, fixture.Artifacts, prefix, locale, viewport);

    /// <summary>Opens a tab of <paramref name="browser"/> at the UI served from <paramref name="baseUrl"/>.</summary>
    public static async Task<UiPage> OpenAsync(IBrowser browser, string baseUrl, string artifacts, string prefix, string locale = "es-PE", ViewportSize? viewport = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            Locale = locale,
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var ui = new UiPage(context, page, artifacts, prefix);
        await page.GotoAsync("/");
        return ui;
    }

    /// <summary>Signs in as the demo person whose id is <paramref name="sub"/>.</summary>
    public async Task SignInAsync(string sub)
    {
        try
        {
            await Page.Locator($"button.person[data-sub='{sub}']").ClickAsync();
            await Page.GetByTestId("signed-in-user").WaitForAsync();
        }
        catch (TimeoutException e)
        {
            await ShotAsync("sign-in-failed");
            throw new TimeoutException($"{e.Message}\nPage: {await Page.Locator("body").InnerTextAsync()}\nBrowser errors: {string.Join("; ", Errors)}", e);
        }
    }

    /// <summary>Signs out and waits for the sign-in page.</summary>
    public async Task SignOutAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Salir" }).ClickAsync();
        await Page.Locator("button.person").First.WaitForAsync();
    }

    /// <summary>Goes to a route of the UI (hash routing) and waits for its heading.</summary>
    public async Task GoAsync(string route)
    {
        await Page.GotoAsync($"/#{route}");
        await Page.Locator("#page-heading, .problem").First.WaitForAsync();
    }

    /// <summary>Saves a screenshot of the page as it is now.</summary>
    public async Task ShotAsync(string name)
    {
        _shots++;
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(_artifacts, $"{_prefix}-{_shots:00}-{name}.png"),
            FullPage = true,
        });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
