using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Grains.Hosting;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Tests.Cases;
using Enlace.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Enlace.Tests.Notifications;

/// <summary>
/// Issue #21's acceptance: a referral not acknowledged in time produces exactly one e-mail to the
/// receiving agency and one to the coordinator (one Message-ID each), and one signed webhook call
/// (one delivery id), even when the silo is killed (SIGKILL) while it is sending them.
/// </summary>
public sealed class KilledSenderTests(ITestOutputHelper output)
{
    private const string Secret = "secreto-del-sistema-nacional-42";
    private const string Agency = "mesa-de-partes@mimp.gob.pe";
    private const string Coordinator = "coordinacion@cmnp.gob.pe";

    [Fact]
    public async Task AnUnacknowledgedReferralIsMailedOncePerRecipientAndCalledOnceEvenWhenTheSiloIsKilledWhileSending()
    {
        // The first accepted e-mail and the first webhook call are held unanswered: the silo dies meanwhile.
        using var smtp = await SmtpRecorder.StartAsync(holdFirst: TimeSpan.FromSeconds(90));
        await using var receiver = await WebhookReceiver.StartAsync(Secret, holdFirstAccepted: TimeSpan.FromSeconds(90));
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("notify-killed");
        var workflows = WorkflowsWithAgencyAddress();
        await using var cluster = await ProcessCluster.StartAsync(connectionString, new Dictionary<string, string>
        {
            ["Workflows__Path"] = workflows,
            ["Notifications__BaseUrl"] = "https://enlace.test",
            ["Notifications__Email__Smtp__Host"] = "127.0.0.1",
            ["Notifications__Email__Smtp__Port"] = $"{smtp.Port}",
            ["Notifications__Email__Smtp__UseTls"] = "false",
            ["Notifications__Email__Smtp__From"] = "Enlace <avisos@enlace.test>",
            ["Notifications__Email__Smtp__Timeout"] = "00:02:00",
            ["Notifications__Webhooks__AllowedHosts__0"] = "127.0.0.1",
            ["Notifications__Webhooks__AllowPrivateAddresses"] = "true",
            ["Notifications__Webhooks__Timeout"] = "00:02:00",
            ["Notifications__Delivery__PollInterval"] = "00:00:00.200",
            ["Notifications__Delivery__Lease"] = "00:00:03",
            ["Notifications__Delivery__FirstRetry"] = "00:00:00.500",
            ["Notifications__Delivery__MaxRetry"] = "00:00:02",
        }, new Dictionary<string, string> { ["Notifications__Webhooks__AllowedHosts__0"] = "127.0.0.1" });
        var admin = await TokenAsync(cluster, new { sub = "admin", name = "Administración", roles = new[] { "admin" }, countries = new[] { "PE", "BO" } });
        var coordinator = await cluster.CoordinatorTokenAsync();
        var registered = await cluster.SendAsync(HttpMethod.Post, "/api/v1/webhooks", admin, new { url = receiver.Url, kinds = new[] { "referral-unacknowledged" }, secret = Secret });
        Assert.True(registered.Status == 201, registered.ToString());
        var settings = await cluster.SendAsync(HttpMethod.Put, "/api/v1/me/notification-settings", coordinator, new { email = Coordinator, language = "es", kinds = new[] { "referral-unacknowledged" } });
        Assert.True(settings.Status == 200, settings.ToString());

        var clock = System.Diagnostics.Stopwatch.StartNew();
        output.WriteLine($"cluster up");
        // A referral to PE-MIMP that must be acknowledged within 3 seconds, and is not.
        string reference;
        using (var client = await RealHosts.StartClientAsync(connectionString, "chaos", cluster.Processes.ClusterId))
        {
            var grain = client.Services.GetRequiredService<IClusterClient>().GetGrain<ICaseGrain>($"c{Guid.NewGuid():N}");
            var context = new CommandContext(Callers.Coordinator());
            reference = (await grain.Open(context, Samples.TraffickingCase() with { Victims = [] })).Case!.Reference;
            var referral = await grain.CreateTask(context, new CreateTaskCommand("Albergue", null, "PE-MIMP", DateTimeOffset.UtcNow.AddDays(10), "urgent", "referral", DateTimeOffset.UtcNow.AddSeconds(3)));
            Assert.Equal(CaseOutcome.Created, referral.Outcome);
            await client.StopAsync();
        }

        // Both e-mails have reached the server (one is held unanswered) and the webhook call is held: kill the silo.
        await smtp.WaitForAsync(m => m.Count >= 2, TimeSpan.FromSeconds(90), "both e-mails of the escalation");
        await WaitAsync(() => !receiver.Calls.IsEmpty, TimeSpan.FromSeconds(30), "the webhook call");
        output.WriteLine($"held at {clock.Elapsed}");
        var killed = cluster.Processes.KillSilo(new Random(21));
        await using var database = NpgsqlDataSource.Create(connectionString);
        await DeclareDeadAsync(database, cluster.Processes.ClusterId, killed);
        cluster.Processes.StartSilo();

        // The new silo finds the deliveries the dead one held once their lease expires, and sends them again.
        await WaitAsync(async () => await CountAsync(database, "SELECT count(*) FROM notify_deliveries WHERE state = 'sent'") == 3, TimeSpan.FromSeconds(120),
            "three deliveries sent", cluster.Logs);

        output.WriteLine($"all sent at {clock.Elapsed}");
        var mails = smtp.Messages();
        Assert.Equal([Coordinator, Agency], mails.Select(m => m.To).Distinct().Order(StringComparer.Ordinal));
        Assert.All(mails.GroupBy(m => m.To), g => Assert.Single(g.Select(m => m.MessageId).Distinct()));
        Assert.Equal(3, mails.Count); // the held one arrived twice, under the same Message-ID: the recognisable duplicate
        Assert.All(mails, m => Assert.Contains(reference, m.Subject, StringComparison.Ordinal));
        Assert.All(mails, m => Assert.DoesNotContain("Albergue", m.Raw, StringComparison.Ordinal));
        var calls = receiver.Calls.ToList();
        Assert.Single(calls.Select(c => c.DeliveryId).Distinct());
        Assert.All(calls, c => Assert.True(c.SignatureValid, $"an invalid signature on {c.DeliveryId}"));
        Assert.Equal(2, calls.Count); // the held call was made again with the same Enlace-Delivery id
        Assert.All(calls, c => Assert.Equal("referral-unacknowledged", c.Kind));

        // Coordinators see the deliveries through the API.
        var notification = JsonDocument.Parse((await cluster.SendAsync(HttpMethod.Get, "/api/v1/notifications?pageSize=500", coordinator)).Body).RootElement
            .GetProperty("items").EnumerateArray().Single(n => n.GetProperty("kind").GetString() == "referral-unacknowledged");
        Assert.Equal((3, 0, 0), (notification.GetProperty("deliveriesSent").GetInt32(), notification.GetProperty("deliveriesPending").GetInt32(), notification.GetProperty("deliveriesFailed").GetInt32()));
        var deliveries = JsonDocument.Parse((await cluster.SendAsync(HttpMethod.Get, $"/api/v1/notifications/{Uri.EscapeDataString(notification.GetProperty("id").GetString()!)}/deliveries", coordinator)).Body)
            .RootElement.GetProperty("items").EnumerateArray().Select(d => (d.GetProperty("channel").GetString(), d.GetProperty("recipientKind").GetString(), d.GetProperty("recipient").GetString(), d.GetProperty("state").GetString())).ToList();
        Assert.Equal([("email", "agency", "PE-MIMP", "sent"), ("email", "user", "coord-pe", "sent"), ("webhook", "webhook", JsonDocument.Parse(registered.Body).RootElement.GetProperty("id").GetString(), "sent")], deliveries);
        Assert.Equal(2L, await CountAsync(database, "SELECT count(*) FROM notify_deliveries WHERE attempts = 2"));
    }

    // The shipped definitions, with an address for PE-MIMP that wants only unacknowledged referrals.
    private static string WorkflowsWithAgencyAddress()
    {
        var folder = Directory.CreateTempSubdirectory("enlace-workflows-").FullName;
        foreach (var file in Directory.GetFiles(GrainServiceCollectionExtensions.DefaultWorkflowsPath, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(GrainServiceCollectionExtensions.DefaultWorkflowsPath, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var agencies = Path.Combine(folder, "reference", "agencies.yaml");
        const string anchor = "  - code: PE-MIMP\n";
        var text = File.ReadAllText(agencies);
        Assert.Contains(anchor, text, StringComparison.Ordinal);
        File.WriteAllText(agencies, text.Replace(anchor, anchor + $"    notifications:\n      email: {Agency}\n      language: es\n      kinds: [referral-unacknowledged]\n", StringComparison.Ordinal));
        return folder;
    }

    private static async Task<string> TokenAsync(ProcessCluster cluster, object body)
    {
        using var response = await cluster.Http.PostAsJsonAsync("/api/v1/auth/dev-token", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    // What surviving silos would do after their probes fail: with none left, the test does it, so the
    // new silo joins at once instead of waiting to validate its connection to the dead one.
    private static async Task DeclareDeadAsync(NpgsqlDataSource database, string clusterId, int port)
    {
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE orleans_membership SET status = 6 WHERE deployment_id = $1 AND port = $2")
        {
            Parameters = { new NpgsqlParameter { Value = clusterId }, new NpgsqlParameter { Value = port } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE orleans_membership_version SET version = version + 1 WHERE deployment_id = $1")
        {
            Parameters = { new NpgsqlParameter { Value = clusterId } },
        });
        await batch.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what) => WaitAsync(() => Task.FromResult(condition()), timeout, what);

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<string>? logs = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no {what} within {timeout.TotalSeconds:0} s{(logs is null ? "" : "\n" + logs())}");
            }

            await Task.Delay(200);
        }
    }
}
