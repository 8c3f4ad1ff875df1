using Enlace.Tests.Gateway;
using Enlace.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;

namespace Enlace.Tests.Browser;

/// <summary>
/// A silo on its own PostgreSQL database, the gateway on a real Kestrel port serving the
/// built web UI, and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>What installs the browser when it is missing.</summary>
    public const string InstallCommand = "apt-get update && apt-get install -y chromium";

    private IHost? _silo;
    private WebApplicationFactory<Program>? _gateway;
    private IPlaywright? _playwright;

    /// <summary>The gateway's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The database behind the gateway.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go (<c>ENLACE_BROWSER_ARTIFACTS</c>, set by ./test to TestResults/browser).</summary>
    public string Artifacts { get; } = Environment.GetEnvironmentVariable("ENLACE_BROWSER_ARTIFACTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(Path.GetTempPath(), "enlace-browser-artifacts");

    /// <summary>An HTTP client of the gateway (for setting up data the test is not about).</summary>
    public HttpClient Http => _gateway!.CreateClient();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("ENLACE_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium is missing at {chromium}; the browser tests need it. ./test installs it; by hand: {InstallCommand}");
        }

        if (!File.Exists(Path.Combine(AppContext.BaseDirectory, "ui", "index.html")))
        {
            throw new InvalidOperationException("The web UI was not built next to the tests (ui/index.html): build the WebGateway project with Node.js installed.");
        }

        Directory.CreateDirectory(Artifacts);
        var server = await PostgresServer.GetAsync();
        var connectionString = ConnectionString = await server.CreateDatabaseAsync("browser");
        _silo = await RealHosts.StartSiloAsync(connectionString, "svc-browser", "cluster-browser");
        _gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:Workflow", connectionString);
            web.UseSetting("Cluster:ServiceId", "svc-browser");
            web.UseSetting("Cluster:ClusterId", "cluster-browser");
            web.UseSetting("Auth:DevTokens", "true");
            web.UseSetting("Auth:SigningKey", GatewayFixture.SigningKey);
            web.WithUnreachableBudgets();
        });
        _gateway.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        _gateway.StartServer();
        BaseUrl = _gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // This machine's network is closed: Chromium's own background traffic only produces refusals.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
        }
    }
}

/// <summary>The collection sharing <see cref="BrowserFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "browser";
}
