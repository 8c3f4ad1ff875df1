using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;

namespace Enlace.Bench.Chaos;

/// <summary>What a chaos run did and found.</summary>
public sealed class ChaosReport
{
    /// <summary>Commands the clients sent (each with its own key, retried until acknowledged).</summary>
    public long Sent;

    /// <summary>Attempts beyond each command's first.</summary>
    public long Retries;

    /// <summary>Attempts that got no HTTP answer (connection refused or reset, timeout).</summary>
    public long TransportErrors;

    /// <summary>Commands still unacknowledged when the run stopped waiting.</summary>
    public long GaveUp;

    /// <summary>Outcome figures.</summary>
    public int Acknowledged, Lost, Duplicated, AppliedUnacknowledged, ChainsVerified, ReadModelEqual, SilosKilled, SilosStarted, GatewayRestarts;

    /// <summary>Run shape.</summary>
    public int Silos, Clients, Cases;

    /// <summary>Planned and actual length.</summary>
    public TimeSpan Planned, Elapsed;

    /// <summary>When PostgreSQL was stopped and started again, if it was.</summary>
    public TimeSpan? OutageStartedAt, DatabaseBackAt;

    /// <summary>Seconds from PostgreSQL's return to the first acknowledged command sent after it.</summary>
    public double? RecoverySeconds;

    /// <summary>Where the processes' logs are.</summary>
    public string LogFolder { get; set; } = "";

    /// <summary>Faults and milestones, in order.</summary>
    public List<string> Timeline { get; } = [];

    /// <summary>Answers a command should never get (4xx other than 409/429): each stops its command.</summary>
    public ConcurrentBag<string> Refusals { get; } = [];

    /// <summary>Cases whose read model differs from the grain.</summary>
    public ConcurrentBag<string> Mismatches { get; } = [];

    /// <summary>
    /// Answers the API must never give, whatever fails: a 5xx other than 503 with Retry-After
    /// and a problem body (a 500, a 503 that does not say when to retry, a 502/504). Each with
    /// its route and body; any fails the run.
    /// </summary>
    public ConcurrentBag<string> ServerErrors { get; } = [];

    private readonly ConcurrentDictionary<string, long> _statuses = new();

    /// <summary>Counts an HTTP answer (503s by whether they said when to retry) and keeps a server error's route and body.</summary>
    public void Answered(string request, HttpResponseMessage response, string body = "")
    {
        var status = response.StatusCode;
        var retryAfter = response.Headers.RetryAfter is not null;
        _statuses.AddOrUpdate(status == HttpStatusCode.ServiceUnavailable ? (retryAfter ? "503 with Retry-After" : "503 without Retry-After") : ((int)status).ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if ((int)status >= 500 && !(status == HttpStatusCode.ServiceUnavailable && retryAfter && mediaType == "application/problem+json"))
        {
            ServerErrors.Add($"{request}: {(int)status}{(retryAfter ? " with Retry-After" : " without Retry-After")}, {mediaType ?? "no body"} {(body.Length > 300 ? body[..300] : body)}");
        }
    }

    /// <summary>Answers by status.</summary>
    public IReadOnlyDictionary<string, long> Statuses => _statuses;

    /// <summary>Answers with status 500.</summary>
    public long InternalServerErrors => _statuses.GetValueOrDefault("500");

    /// <summary>True when nothing was lost or doubled, every chain verifies, the read model matches, no 500 (nor any 5xx but 503 with Retry-After) and no refusal.</summary>
    public bool Passed =>
        Lost == 0 && Duplicated == 0 && ChainsVerified == Cases && ReadModelEqual == Cases && GaveUp == 0 && Refusals.IsEmpty
        && InternalServerErrors == 0 && !_statuses.ContainsKey("503 without Retry-After") && ServerErrors.IsEmpty
        && (OutageStartedAt is null || RecoverySeconds is <= 15);

    /// <summary>One line.</summary>
    public string Verdict => string.Create(CultureInfo.InvariantCulture,
        $"{(Passed ? "PASS" : "FAIL")}: sent {Sent}, acknowledged {Acknowledged}, lost: {Lost}, duplicated: {Duplicated}, 500 answers: {InternalServerErrors}, other server errors: {ServerErrors.Count - InternalServerErrors}, chains verified {ChainsVerified}/{Cases}, read model equal {ReadModelEqual}/{Cases}");

    /// <summary>The report as markdown.</summary>
    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Chaos run — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{Silos} silos (separate processes) and a gateway on one PostgreSQL, {Environment.ProcessorCount} cores; {Clients} clients adding notes to {Cases} cases through HTTP, each command with its own Idempotency-Key, retried with the same key and body until acknowledged. Faults for {Planned.TotalMinutes:0.#} min: a silo killed (SIGKILL) or added every 10–20 s, the gateway killed and restarted, PostgreSQL stopped if asked. Run took {Elapsed.TotalMinutes:0.0} min.");
        md.AppendLine();
        md.AppendLine("| | |");
        md.AppendLine("|---|---:|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| commands sent | {Sent} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| acknowledged | {Acknowledged} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **lost** (acknowledged, not in the audit trail) | **{Lost}** |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **duplicated** (in the audit trail more than once) | **{Duplicated}** |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| applied but never acknowledged (client gave up) | {AppliedUnacknowledged} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| audit chains verified | {ChainsVerified} / {Cases} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| read model equal to grain state | {ReadModelEqual} / {Cases} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| retries / attempts without an HTTP answer | {Retries} / {TransportErrors} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| silos killed / added, gateway restarts | {SilosKilled} / {SilosStarted}, {GatewayRestarts} |");
        if (OutageStartedAt is not null)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| PostgreSQL outage (20 s): first command acknowledged after its return (target ≤ 15 s) | {RecoverySeconds?.ToString("0.0", CultureInfo.InvariantCulture) ?? "none"} s |");
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"| **500 answers** / other server errors (a 503 without Retry-After or problem body, 502, 504) | **{InternalServerErrors}** / {ServerErrors.Count - InternalServerErrors} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| answers by status | {string.Join(", ", Statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}: {s.Value}"))} |");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"**{Verdict}**");
        md.AppendLine();
        foreach (var problem in ServerErrors.Concat(Refusals).Concat(Mismatches).Take(20))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {problem}");
        }

        md.AppendLine("## Timeline");
        md.AppendLine();
        md.AppendLine("```");
        foreach (var line in Timeline)
        {
            md.AppendLine(line);
        }

        md.AppendLine("```");
        return md.ToString();
    }
}
