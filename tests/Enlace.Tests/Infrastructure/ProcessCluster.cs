using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Bench;
using Enlace.Bench.Chaos;

namespace Enlace.Tests.Infrastructure;

/// <summary>
/// A silo and a gateway as separate processes (the programs built next to these tests) on
/// one database, as the fault soak runs them; their output goes to <see cref="LogFolder"/>.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private ProcessCluster(ClusterProcesses processes, HttpClient http, string logFolder)
    {
        Processes = processes;
        Http = http;
        LogFolder = logFolder;
    }

    /// <summary>The processes: silos can be killed and added, the gateway killed and restarted.</summary>
    public ClusterProcesses Processes { get; }

    /// <summary>A client of the gateway (no credentials by default).</summary>
    public HttpClient Http { get; }

    /// <summary>Where the processes write their output.</summary>
    public string LogFolder { get; }

    /// <summary>Starts one silo and the gateway (with extra settings, environment names) and waits until the gateway is ready.</summary>
    public static async Task<ProcessCluster> StartAsync(
        string connectionString, IReadOnlyDictionary<string, string>? siloSettings = null, IReadOnlyDictionary<string, string>? gatewaySettings = null)
    {
        var (silo, gateway) = BuildOutput.Find();
        var logs = Directory.CreateTempSubdirectory("enlace-test-cluster-").FullName;
        var options = new ChaosOptions
        {
            ConnectionString = connectionString,
            SiloDirectory = silo,
            GatewayDirectory = gateway,
            GatewayPort = Ports.Free(),
            FirstPort = Ports.Free(),
            SiloSettings = siloSettings ?? new Dictionary<string, string>(),
            GatewaySettings = gatewaySettings ?? new Dictionary<string, string>(),
        };
        var processes = new ClusterProcesses(options, logs);
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{options.GatewayPort}"), Timeout = TimeSpan.FromSeconds(90) };
        var cluster = new ProcessCluster(processes, http, logs);
        processes.StartSilo();
        processes.StartGateway();
        await cluster.WaitReadyAsync(TimeSpan.FromMinutes(2));
        return cluster;
    }

    /// <summary>A development token for a coordinator of Peru.</summary>
    public Task<string> CoordinatorTokenAsync() => DevToken.IssueAsync(Http, new
    {
        sub = "coord-pe",
        name = "Coordinación PE",
        roles = new[] { "coordinator" },
        agency = "PE-CMNP-ST",
        countries = new[] { "PE" },
    });

    /// <summary>Sends a request as the holder of <paramref name="token"/> and keeps what came back.</summary>
    public async Task<Answer> SendAsync(HttpMethod method, string path, string? token, object? body = null, string? idempotencyKey = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var response = await Http.SendAsync(request);
        return new Answer(
            $"{method} {path}{(idempotencyKey is null ? "" : " (with Idempotency-Key)")}",
            (int)response.StatusCode,
            response.Headers.RetryAfter is not null,
            response.Content.Headers.ContentType?.MediaType,
            await response.Content.ReadAsStringAsync(),
            clock.Elapsed);
    }

    /// <summary>Everything the processes wrote so far.</summary>
    public string Logs() => string.Join("\n", Directory.GetFiles(LogFolder).Select(f => $"== {Path.GetFileName(f)}\n{ReadShared(f)}"));

    /// <summary>Polls <c>/health/ready</c> until it answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var ready = await Http.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"the gateway was not ready within {timeout.TotalSeconds:0} s\n{Logs()}");
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Processes.Dispose();
        Http.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>An HTTP answer: what was asked, status, whether it said when to retry, media type, body, and how long it took.</summary>
    public sealed record Answer(string Request, int Status, bool RetryAfter, string? MediaType, string Body, TimeSpan Elapsed)
    {
        /// <summary>503 with Retry-After and a problem body saying 503.</summary>
        public bool IsUnavailableProblem => Status == 503 && RetryAfter && MediaType == "application/problem+json" && ProblemStatus() == 503;

        private int? ProblemStatus()
        {
            try
            {
                using var problem = JsonDocument.Parse(Body);
                return problem.RootElement.TryGetProperty("status", out var status) && status.TryGetInt32(out var value) ? value : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <inheritdoc />
        public override string ToString() => $"{Request} → {Status}{(RetryAfter ? " Retry-After" : "")} in {Elapsed.TotalSeconds:0.0} s {MediaType} {Body}";
    }
}
