using System.Net.Http.Headers;
using System.Net.Http.Json;
using Enlace.Grains.Hosting;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Tests.Gateway;
using Enlace.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Npgsql;

namespace Enlace.Tests.Upgrades;

/// <summary>
/// Cases opened on version 1 of small "drill" workflows, then a silo restarted with version 2
/// loaded too (where v1's <c>review</c> state is gone and <c>assessment</c> is new), the
/// gateway in front of it on a real Kestrel port; Chromium on demand. Each test owns a
/// workflow of its own (<see cref="Api"/>, <see cref="Cli"/>, <see cref="Ui"/>, <see cref="Bad"/>),
/// so that what one upgrades the others do not see.
/// </summary>
public sealed class UpgradeFixture : IAsyncLifetime
{
    /// <summary>The workflow of the HTTP tests.</summary>
    public const string Api = "drill-api";

    /// <summary>The workflow of the command-line test.</summary>
    public const string Cli = "drill-cli";

    /// <summary>The workflow of the browser test.</summary>
    public const string Ui = "drill-ui";

    /// <summary>The workflow of the bad-input test (never upgraded).</summary>
    public const string Bad = "drill-bad";

    /// <summary>The cluster's ids.</summary>
    public const string ServiceId = "svc-upgrades";

    /// <summary>The cluster's ids.</summary>
    public const string ClusterId = "cluster-upgrades";

    private IHost? _silo;
    private WebApplicationFactory<Program>? _gateway;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The database.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The definitions folder the silo runs on (v1 and v2 of each drill, the shipped reference data).</summary>
    public string WorkflowsPath { get; private set; } = "";

    /// <summary>The gateway's address.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Per drill workflow: the cases opened on v1 — one in <c>report</c>, one in <c>review</c>, one closed.</summary>
    public Dictionary<string, DrillCases> Cases { get; } = [];

    /// <summary>Where screenshots go.</summary>
    public string Artifacts { get; } = Environment.GetEnvironmentVariable("ENLACE_BROWSER_ARTIFACTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(Path.GetTempPath(), "enlace-browser-artifacts");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        ConnectionString = await server.CreateDatabaseAsync("upgrades");
        var root = Directory.CreateTempSubdirectory("enlace-upgrade-workflows-").FullName;
        var v1Only = Folder(Path.Combine(root, "v1"), withV2: false);
        WorkflowsPath = Folder(Path.Combine(root, "v1-v2"), withV2: true);

        // Phase 1: a cluster that knows only version 1 opens the cases (new cases open on the newest version).
        using (var first = await RealHosts.StartSiloAsync(ConnectionString, ServiceId, ClusterId, catalog: WorkflowCatalog.LoadDirectory(v1Only)))
        {
            var grains = first.Services.GetRequiredService<IGrainFactory>();
            foreach (var workflow in new[] { Api, Cli, Ui, Bad })
            {
                Cases[workflow] = new DrillCases(
                    await OpenAsync(grains, workflow, "en denuncia"),
                    await OpenAsync(grains, workflow, "en revisión", "start-review"),
                    await OpenAsync(grains, workflow, "cerrado", "close"));
            }

            await first.StopAsync();
        }

        // Phase 2: the cluster restarted with version 2 loaded as well.
        _silo = await RealHosts.StartSiloAsync(ConnectionString, ServiceId, ClusterId, catalog: WorkflowCatalog.LoadDirectory(WorkflowsPath));
        _gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:Workflow", ConnectionString);
            web.UseSetting("Cluster:ServiceId", ServiceId);
            web.UseSetting("Cluster:ClusterId", ClusterId);
            web.UseSetting("Auth:DevTokens", "true");
            web.UseSetting("Auth:SigningKey", GatewayFixture.SigningKey);
            web.WithUnreachableBudgets();
        });
        _gateway.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        _gateway.StartServer();
        BaseUrl = _gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    /// <summary>An HTTP client of the gateway signed in as <paramref name="caller"/>.</summary>
    public async Task<HttpClient> ClientFor(Caller caller)
    {
        var http = _gateway!.CreateClient();
        using var response = await http.PostAsJsonAsync("/api/v1/auth/dev-token", new
        {
            sub = caller.UserId,
            name = caller.Name,
            roles = caller.Roles,
            agency = caller.Agency,
            countries = caller.Countries,
        });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["token"];
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>An HTTP client of the gateway without credentials.</summary>
    public HttpClient Anonymous() => _gateway!.CreateClient();

    /// <summary>Debian's Chromium, started on first use.</summary>
    public async Task<IBrowser> BrowserAsync()
    {
        if (_browser is not null)
        {
            return _browser;
        }

        var chromium = Environment.GetEnvironmentVariable("ENLACE_CHROMIUM") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"Chromium is missing at {chromium}; install it: {Browser.BrowserFixture.InstallCommand}");
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "ui", "index.html")), "The web UI was not built next to the tests (ui/index.html): build WebGateway with Node.js installed.");
        Directory.CreateDirectory(Artifacts);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return _browser;
    }

    /// <summary>The stored grain state row of a case, as bytes.</summary>
    public async Task<byte[]> StoredStateAsync(string caseId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT payload FROM orleans_grain_state WHERE state_name = 'case' AND grain_id_string = @id", connection);
        command.Parameters.AddWithValue("id", caseId);
        return (byte[])(await command.ExecuteScalarAsync())!;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
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

    private static async Task<string> OpenAsync(IGrainFactory grains, string workflow, string what, string? trigger = null)
    {
        var id = CaseIds.New();
        var grain = grains.GetGrain<ICaseGrain>(id);
        var coordinator = new CommandContext(Callers.Coordinator());
        var opened = await grain.Open(coordinator, new OpenCaseCommand(workflow, $"Simulacro {what}", "Caso de prueba de una actualización de flujo", "PE", ["BO"], null, []));
        Assert.True(opened.Outcome == CaseOutcome.Created, $"open {workflow} case {what}: {opened.Outcome} {opened.Detail}");
        if (trigger is not null)
        {
            var fired = await grain.Fire(coordinator, new FireCaseTriggerCommand(trigger, Resolution: trigger == "close" ? "dismissed" : null));
            Assert.True(fired.Outcome == CaseOutcome.Ok, $"{trigger} {workflow} case {what}: {fired.Outcome} {fired.Detail}");
        }

        return id;
    }

    private static string Folder(string path, bool withV2)
    {
        Directory.CreateDirectory(path);
        TestCatalog.CopyReference(Path.Combine(path, "reference"));

        foreach (var workflow in new[] { Api, Cli, Ui, Bad })
        {
            File.WriteAllText(Path.Combine(path, $"{workflow}.v1.yaml"), DrillV1.Replace("{id}", workflow, StringComparison.Ordinal));
            if (withV2)
            {
                File.WriteAllText(Path.Combine(path, $"{workflow}.v2.yaml"), DrillV2.Replace("{id}", workflow, StringComparison.Ordinal));
            }
        }

        return path;
    }

    private const string DrillV1 = """
        id: {id}
        version: 1
        kind: case
        title: { es: Simulacro de actualización, en: Upgrade drill }
        initialState: report
        resolutions: [dismissed]
        states:
          - name: report
            title: { es: Denuncia recibida, en: Report received }
          - name: review
            title: { es: Revisión preliminar, en: Preliminary review }
          - name: closed
            title: { es: Cerrado, en: Closed }
            terminal: true
        triggers:
          - name: start-review
            title: { es: Revisar, en: Review }
            from: [report]
            to: review
            roles: [coordinator]
          - name: close
            title: { es: Cerrar, en: Close }
            from: [report, review]
            to: closed
            roles: [coordinator]
            requiresResolution: true
        """;

    // Version 2 drops 'review' for 'assessment', which creates a task when a case enters it.
    private const string DrillV2 = """
        id: {id}
        version: 2
        kind: case
        title: { es: Simulacro de actualización, en: Upgrade drill }
        initialState: report
        resolutions: [dismissed]
        states:
          - name: report
            title: { es: Denuncia recibida, en: Report received }
          - name: assessment
            title: { es: Evaluación conjunta, en: Joint assessment }
            tasks:
              - title: { es: Evaluar el caso con la fiscalía, en: Assess the case with the prosecutor }
                assign: { agencyKind: police, country: lead }
                dueIn: P2D
                priority: high
                tags: [assessed]
          - name: closed
            title: { es: Cerrado, en: Closed }
            terminal: true
        triggers:
          - name: assess
            title: { es: Evaluar, en: Assess }
            from: [report]
            to: assessment
            roles: [coordinator]
          - name: close
            title: { es: Cerrar, en: Close }
            from: [report, assessment]
            to: closed
            roles: [coordinator]
            requiresResolution: true
        """;
}

/// <summary>The v1 cases of one drill workflow: one in <c>report</c>, one in <c>review</c>, one closed.</summary>
public sealed record DrillCases(string InReport, string InReview, string Closed)
{
    /// <summary>The two running ones.</summary>
    public string[] Running => [InReport, InReview];
}

/// <summary>The collection sharing <see cref="UpgradeFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class UpgradeCollection : ICollectionFixture<UpgradeFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "upgrades";
}
