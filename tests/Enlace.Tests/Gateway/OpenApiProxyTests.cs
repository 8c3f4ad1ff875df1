using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CsCheck;
using Enlace.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit.Abstractions;

namespace Enlace.Tests.Gateway;

/// <summary>
/// Stoplight Prism's validating proxy (<c>prism proxy … --errors</c>) in front of a real gateway on
/// a real port: a request of every route family, answered with success and with errors, and
/// every answer must match the OpenAPI document the gateway serves.
/// </summary>
[Collection(GeneratedHostileCollection.Name)]
public sealed class OpenApiProxyTests(GatewayFixture fixture, ITestOutputHelper output)
{
    private const string Install = "cd tests/openapi-lint && npm ci (Node.js: apt-get install -y nodejs npm)";
    private const string PrismErrors = "stoplight.io/prism/errors";

    [Fact]
    public async Task EveryAnswerThroughTheValidatingProxyMatchesTheDocument()
    {
        await using var proxy = await PrismProxy.StartAsync(fixture);
        var http = proxy.Client;
        var exchanges = new List<Exchange>();
        try
        {
            await DriveAsync(http, exchanges);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or System.Text.Json.JsonException)
        {
            Assert.Fail($"an answer through the proxy was not the expected body ({e.Message}):\n{string.Join('\n', exchanges.TakeLast(3))}\nPrism:\n{proxy.Log()}");
        }

        var violations = exchanges.Where(e => e.Violation is not null).Select(e => $"{e.Request} → {e.Status}: {e.Violation}").ToList();
        Assert.True(exchanges.Count >= 40, $"only {exchanges.Count} requests");
        Assert.True(violations.Count == 0, string.Join('\n', violations) + "\nPrism:\n" + proxy.Log());
        Assert.Contains(exchanges, e => e.Status is >= 200 and < 300 && e.Request.Contains("text/csv", StringComparison.Ordinal));
        Assert.Contains(exchanges, e => e.Status == 404);
        Assert.Contains(exchanges, e => e.Status == 422);
    }

    [Fact]
    public async Task GeneratedHostileRequestsThroughTheValidatingProxyGetOnlyDocumentedAnswers()
    {
        // The hostile suite's own generator: whatever the gateway answers to a request the document admits must be in the document.
        // Those stay with the in-memory suite: a header that is not ASCII ("ñ clave"), which a real socket refuses to
        // send, and a body that is not JSON at all, on which Prism (5.16) never answers.
        var requests = (await GeneratedHostileRequestsTests.RequestsAsync(fixture))
            .Where(g => g.WellFormedBody && g.Message.Headers.All(h => h.Value.All(v => v.All(char.IsAscii))));
        await using var proxy = await PrismProxy.StartAsync(fixture);
        var forwarded = 0;
        var refusedByPrism = 0;

        await requests.SampleAsync(
            async generated =>
            {
                using var message = generated.Message;
                HttpResponseMessage response;
                try
                {
                    response = await proxy.Client.SendAsync(message);
                }
                catch (TaskCanceledException e)
                {
                    throw new TimeoutException($"no answer through Prism to {generated.Label} (after {forwarded} forwarded, {refusedByPrism} refused)\nPrism:\n{proxy.Log()}", e);
                }

                using var answer = response;
                var text = await response.Content.ReadAsStringAsync();
                var violation = ResponseViolation(response, text);
                Assert.True(violation is null, $"{generated.Label} → {(int)response.StatusCode}: {violation}");
                Interlocked.Increment(ref text.Contains(PrismErrors, StringComparison.Ordinal) ? ref refusedByPrism : ref forwarded);
            },
            iter: 400,
            threads: 1,
            print: g => g.Label);

        output.WriteLine($"{forwarded} generated requests answered by the gateway through Prism, {refusedByPrism} refused by Prism as outside the document");
        Assert.True(forwarded >= 100, $"only {forwarded} of 400 requests reached the gateway ({refusedByPrism} refused by Prism itself)");
    }

    private static async Task DriveAsync(HttpClient http, List<Exchange> exchanges)
    {
        async Task<string> Send(HttpMethod method, string path, object? body = null, string? token = null, string accept = "application/json", string? key = null, string? ifMatch = null)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Accept.ParseAdd(accept);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }

            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var violation = response.Headers.TryGetValues("sl-violations", out var values) ? string.Join(' ', values)
                : text.Contains(PrismErrors, StringComparison.Ordinal) ? text : null;
            exchanges.Add(new Exchange($"{method} {path} [{accept}]", (int)response.StatusCode, violation, text.Length <= 400 ? text : text[..400]));
            return text;
        }

        async Task<string> Token(object caller) =>
            System.Text.Json.JsonDocument.Parse(await Send(HttpMethod.Post, "/api/v1/auth/dev-token", caller)).RootElement.GetProperty("token").GetString()!;

        var coordinator = await Token(new { sub = "proxy-coord", name = "Coordinación", roles = new[] { "coordinator" }, agency = "PE-CMNP-ST", countries = new[] { "PE" } });
        var police = await Token(new { sub = "proxy-police", name = "Policía", roles = new[] { "agent" }, agency = "PE-PNP-DIRCTPTIM", countries = new[] { "PE" } });
        var manager = await Token(new { sub = "proxy-manager", name = "Gestión", roles = new[] { "manager" }, countries = new[] { "PE" } });
        var admin = await Token(new { sub = "proxy-admin", name = "Administración", roles = new[] { "admin" }, countries = new[] { "PE", "BO" } });
        await Send(HttpMethod.Post, "/api/v1/auth/dev-token", new { sub = "x", name = "X", roles = new[] { "king" }, agency = "NOPE", countries = new[] { "AR" } });
        await Send(HttpMethod.Get, "/api/v1/auth/config");
        await Send(HttpMethod.Get, "/api/v1/auth/demo-users");

        // Reference data.
        foreach (var path in new[] { "/api/v1/countries", "/api/v1/agencies", "/api/v1/border-points", "/api/v1/workflows", "/api/v1/reference/victim-values", "/api/v1/workflows/trafficking-case" })
        {
            await Send(HttpMethod.Get, path, token: coordinator);
        }

        await Send(HttpMethod.Get, "/api/v1/countries", token: coordinator, accept: "text/csv");
        await Send(HttpMethod.Get, "/api/v1/workflows/trafficking-case/graph?format=mermaid", token: coordinator, accept: "text/plain");
        await Send(HttpMethod.Get, "/api/v1/workflows/trafficking-case/graph?format=png", token: coordinator);
        await Send(HttpMethod.Get, "/api/v1/workflows/no-such-workflow", token: coordinator);

        // Cases, tasks, victims.
        var created = await Send(HttpMethod.Post, "/api/v1/cases", new
        {
            workflowId = "trafficking-case",
            title = "Caso a través del proxy",
            summary = "Resumen",
            leadCountry = "PE",
            partnerCountries = Array.Empty<string>(),
            victims = new[] { new { identificationStatus = "presumed", ageGroup = "24-26", sex = "feminine", citizenship = "PE", identity = new { fullName = "Persona del proxy", documentNumber = "X1" } } },
        }, coordinator, key: "proxy-case-1");
        var id = System.Text.Json.JsonDocument.Parse(created).RootElement.GetProperty("id").GetString()!;
        await Send(HttpMethod.Post, "/api/v1/cases", new { workflowId = "trafficking-case", title = "Otro", summary = "Otro", leadCountry = "PE" }, coordinator, key: "proxy-case-1");
        await Send(HttpMethod.Post, "/api/v1/cases", new { workflowId = "trafficking-case", title = "", summary = "", leadCountry = "XX" }, coordinator);
        await Send(HttpMethod.Get, $"/api/v1/cases/{id}", token: coordinator);
        await Send(HttpMethod.Get, "/api/v1/cases/c00000000000000000000000000000000", token: coordinator);
        await Send(HttpMethod.Get, "/api/v1/cases?pageSize=10", token: coordinator);
        await Send(HttpMethod.Get, "/api/v1/cases?pageSize=10", token: coordinator, accept: "text/csv");
        await Send(HttpMethod.Get, "/api/v1/cases?pageSize=100000", token: coordinator);
        var task = await Send(HttpMethod.Post, $"/api/v1/cases/{id}/tasks", new { title = "Tarea del proxy", agency = "PE-PNP-DIRCTPTIM", dueAt = "2099-01-01T00:00:00Z" }, coordinator);
        var taskId = System.Text.Json.JsonDocument.Parse(task).RootElement.GetProperty("id").GetString()!;
        await Send(HttpMethod.Post, $"/api/v1/cases/{id}/tasks/{taskId}/transitions", new { trigger = "complete" }, police);
        await Send(HttpMethod.Post, $"/api/v1/cases/{id}/tasks/{taskId}/transitions", new { trigger = "accept" }, police);
        await Send(HttpMethod.Post, $"/api/v1/cases/{id}/transitions", new { trigger = "no-such-trigger" }, coordinator);
        await Send(HttpMethod.Post, $"/api/v1/cases/{id}/notes", new { text = "Nota del proxy" }, coordinator, ifMatch: "\"999\"");
        await Send(HttpMethod.Post, $"/api/v1/cases/{id}/notes", new { text = "Nota del proxy" }, coordinator);
        await Send(HttpMethod.Get, $"/api/v1/cases/{id}/history", token: coordinator);
        await Send(HttpMethod.Get, $"/api/v1/cases/{id}/history", token: coordinator, accept: "text/csv");
        await Send(HttpMethod.Get, $"/api/v1/cases/{id}/history/verify", token: coordinator);
        await Send(HttpMethod.Post, $"/api/v1/cases/{id}/victims", new { identificationStatus = "identified", ageGroup = "9-17", sex = "masculine", citizenship = "BO" }, coordinator);
        await Send(HttpMethod.Get, $"/api/v1/cases/{id}/victims/V-1/identity?reason=Verificar", token: coordinator);
        await Send(HttpMethod.Post, $"/api/v1/cases/{id}/victims/V-1/consents", new { purpose = "data-processing", given = true }, coordinator);
        await Send(HttpMethod.Get, $"/api/v1/cases/{id}/victims/V-1/identity?reason=Verificar", token: coordinator);
        await Send(HttpMethod.Get, $"/api/v1/cases/{id}/identity-access", token: coordinator);
        await Send(HttpMethod.Post, $"/api/v1/cases/{id}/perpetrators", new { role = "exploiter" }, coordinator);

        // Inbox, monitoring, statistics, notifications, webhooks, roadmaps, upgrades.
        await Send(HttpMethod.Get, "/api/v1/inbox", token: police);
        await Send(HttpMethod.Get, "/api/v1/inbox", token: police, accept: "text/csv");
        await Send(HttpMethod.Get, "/api/v1/inbox", token: manager);
        await Send(HttpMethod.Get, "/api/v1/queue", token: coordinator);
        foreach (var path in new[] { "/api/v1/dashboard/summary", "/api/v1/dashboard/agencies", "/api/v1/statistics/victims" })
        {
            await Send(HttpMethod.Get, path, token: manager);
            await Send(HttpMethod.Get, path, token: manager, accept: "text/csv");
        }

        await Send(HttpMethod.Get, "/api/v1/dashboard/summary", token: police);
        await Send(HttpMethod.Get, "/api/v1/notifications", token: police);
        await Send(HttpMethod.Get, "/api/v1/notifications", token: police, accept: "text/csv");
        await Send(HttpMethod.Get, "/api/v1/me/notification-settings", token: police);
        await Send(HttpMethod.Get, "/api/v1/webhooks", token: admin);
        await Send(HttpMethod.Get, "/api/v1/roadmaps", token: coordinator);
        await Send(HttpMethod.Get, "/api/v1/roadmaps", token: coordinator, accept: "text/csv");
        await Send(HttpMethod.Get, "/api/v1/roadmaps/r-no-such-roadmap", token: coordinator);
        await Send(HttpMethod.Post, "/api/v1/workflows/trafficking-case/upgrades", new { fromVersion = 1, toVersion = 2, dryRun = true }, admin);
    }

    // An answer Prism found outside the document: its violations header, or its own error naming the response
    // (a request outside the document is Prism's refusal, not the gateway's answer).
    private static string? ResponseViolation(HttpResponseMessage response, string text)
    {
        if (response.Headers.TryGetValues("sl-violations", out var values))
        {
            return string.Join(' ', values);
        }

        return text.Contains(PrismErrors, StringComparison.Ordinal) && text.Contains("\"response\"", StringComparison.Ordinal) ? text : null;
    }

    private sealed record Exchange(string Request, int Status, string? Violation, string Body);

    /// <summary>A gateway on a real port with Prism's validating proxy (<c>prism proxy … --errors</c>) in front of it.</summary>
    private sealed class PrismProxy : IAsyncDisposable
    {
        private readonly StringBuilder _log = new();
        private WebApplicationFactory<Program>? _gateway;
        private Process? _process;
        private string _document = "";

        public HttpClient Client { get; private set; } = null!;

        public static async Task<PrismProxy> StartAsync(GatewayFixture fixture)
        {
            var prism = Path.Combine(Checkout.Root, "tests", "openapi-lint", "node_modules", ".bin", "prism");
            Assert.True(File.Exists(prism), $"Stoplight Prism is missing ({prism}); install it with: {Install}");
            var proxy = new PrismProxy { _gateway = fixture.Gateway.WithWebHostBuilder(_ => { }) };
            var gatewayPort = Ports.Free();
            proxy._gateway.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, gatewayPort));
            proxy._gateway.StartServer();
            using var direct = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gatewayPort}") };
            proxy._document = Path.Combine(Path.GetTempPath(), $"enlace-openapi-{gatewayPort}.json");
            await File.WriteAllTextAsync(proxy._document, await direct.GetStringAsync("/openapi/v1.json"));

            var proxyPort = Ports.Free();
            proxy._process = proxy.Start(prism, ["proxy", proxy._document, $"http://127.0.0.1:{gatewayPort}", "--errors", "--host", "127.0.0.1", "--port", $"{proxyPort}"]);
            proxy.Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{proxyPort}"), Timeout = TimeSpan.FromSeconds(30) };
            await proxy.WaitForAsync();
            return proxy;
        }

        public string Log()
        {
            lock (_log)
            {
                var text = _log.ToString();
                return text.Length <= 6000 ? text : text[^6000..];
            }
        }

        public async ValueTask DisposeAsync()
        {
            Client?.Dispose();
            if (_process is not null)
            {
                _process.Kill(entireProcessTree: true);
                _process.Dispose();
            }

            if (_document.Length > 0)
            {
                File.Delete(_document);
            }

            if (_gateway is not null)
            {
                await _gateway.DisposeAsync();
            }
        }

        private Process Start(string file, string[] arguments)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}; install it with: {Install}");
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }

        private void Append(string? line)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }

        private async Task WaitForAsync()
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                Assert.False(_process!.HasExited, $"Prism exited (is Node.js installed? {Install}):\n" + Log());
                try
                {
                    using var response = await Client.GetAsync("/api/v1/auth/config");
                    if ((int)response.StatusCode < 500)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(250);
            }

            Assert.Fail("Prism did not start in 60 s:\n" + Log());
        }
    }
}
