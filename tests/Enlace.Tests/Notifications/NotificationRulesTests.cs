using System.Net;
using System.Text;
using Enlace.Grains.Interfaces.Notifications;
using Enlace.Grains.ReferenceData;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Silo.Notifications;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Notifications;

/// <summary>The pure rules of notifications: signatures, back-off, which addresses and URLs a webhook may reach, message text, agency settings.</summary>
public sealed class NotificationRulesTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("s3cret-de-prueba");

    [Fact]
    public void ASignatureVerifiesOnlyForItsBodyItsSecretAndARecentTime()
    {
        var now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        const string body = """{"id":"d1","kind":"referral-unacknowledged"}""";
        var header = WebhookSignature.Sign(Secret, now.ToUnixTimeSeconds(), body);

        Assert.Matches("^t=1780315200,v1=[0-9a-f]{64}$", header);
        Assert.True(WebhookSignature.Verify(Secret, header, body, now.AddMinutes(1), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, header, body.Replace("d1", "d2", StringComparison.Ordinal), now, TimeSpan.FromMinutes(5)), "another body");
        Assert.False(WebhookSignature.Verify(Encoding.UTF8.GetBytes("otro"), header, body, now, TimeSpan.FromMinutes(5)), "another secret");
        Assert.False(WebhookSignature.Verify(Secret, header, body, now.AddMinutes(6), TimeSpan.FromMinutes(5)), "a replay after the tolerance");
        Assert.False(WebhookSignature.Verify(Secret, "v1=abc", body, now, TimeSpan.FromMinutes(5)), "no timestamp");
        Assert.False(WebhookSignature.Verify(Secret, null, body, now, TimeSpan.FromMinutes(5)), "no header");
    }

    [Fact]
    public void BackOffDoublesFromTheFirstWaitUpToTheLongest()
    {
        var waits = Enumerable.Range(1, 6).Select(a => DeliveryBackoff.After(a, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3))).ToList();

        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3)], waits);
        Assert.Equal(TimeSpan.FromHours(1), DeliveryBackoff.After(1000, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("190.41.2.3", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("2800:200::1", true)]
    public void OnlyPublicAddressesAreReachableByDefault(string address, bool reachable) =>
        Assert.Equal(reachable, WebhookAddresses.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void AWebhookUrlIsHttpsOrPlainHttpToAnAllowedHostWithoutCredentials()
    {
        string[] allowed = ["receptor.local"];

        Assert.Null(WebhookUrls.Check("https://sistema.gob.pe/eventos", allowed));
        Assert.Null(WebhookUrls.Check("http://receptor.local:8080/eventos", allowed));
        Assert.Contains("must use https", WebhookUrls.Check("http://sistema.gob.pe/eventos", allowed), StringComparison.Ordinal);
        Assert.Contains("absolute https URL", WebhookUrls.Check("ftp://sistema.gob.pe/x", allowed), StringComparison.Ordinal);
        Assert.Contains("absolute https URL", WebhookUrls.Check("/relative", allowed), StringComparison.Ordinal);
        Assert.Contains("absolute https URL", WebhookUrls.Check(null, allowed), StringComparison.Ordinal);
        Assert.Contains("user name or password", WebhookUrls.Check("https://user:pw@sistema.gob.pe/", allowed), StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmailSaysWhatHappenedInTheRecipientsLanguageWithTheReferenceAndALinkOnly()
    {
        var delivery = new Delivery("d-1", "c1:7", "email", "mesa@mimp.gob.pe", "agency", "PE-MIMP", "es", 1,
            NotificationKinds.ReferralUnacknowledged, "case", "cabc", "PE-2026-000042", "t3", "PE-MIMP", new DateTimeOffset(2026, 6, 1, 13, 0, 0, TimeSpan.Zero));

        var (subject, body) = NotificationMessages.Compose(delivery, "https://enlace.example.org/");
        var (subjectEn, bodyEn) = NotificationMessages.Compose(delivery with { Language = "en" }, "https://enlace.example.org");

        Assert.Equal("[Enlace] Derivación sin aceptar: venció el plazo de acuse: PE-2026-000042", subject);
        Assert.Contains("Ábralo en Enlace: https://enlace.example.org/casos/cabc", body, StringComparison.Ordinal);
        Assert.Contains("Institución: PE-MIMP", body, StringComparison.Ordinal);
        Assert.Equal("[Enlace] Referral not acknowledged: its deadline passed: PE-2026-000042", subjectEn);
        Assert.Contains("Open it in Enlace: https://enlace.example.org/casos/cabc", bodyEn, StringComparison.Ordinal);
        Assert.Equal("https://enlace.example.org/hojas-de-ruta/hr-bo-pe/acciones/a3",
            NotificationMessages.Link(delivery with { SourceKind = "roadmap-action", SourceId = "hr-bo-pe/a3" }, "https://enlace.example.org"));
    }

    [Fact]
    public void AnAgencysNotificationSettingsAreCheckedByFileAndLine()
    {
        var folder = Directory.CreateTempSubdirectory("enlace-reference-").FullName;
        try
        {
            TestCatalog.CopyReference(folder);
            var agencies = Path.Combine(folder, "agencies.yaml");
            var text = File.ReadAllText(agencies);
            const string anchor = "  - code: PE-MIMP\n";
            Assert.Contains(anchor, text, StringComparison.Ordinal);
            File.WriteAllText(agencies, text.Replace(anchor, anchor + "    notifications:\n      email: mesa de partes\n      language: qu\n      kinds: [task-escalated, task-lost]\n", StringComparison.Ordinal));
            var line = File.ReadAllLines(agencies).Select((l, i) => (l, i + 1)).First(x => x.l.Contains("mesa de partes", StringComparison.Ordinal)).Item2;

            var errors = Assert.Throws<InvalidDefinitionException>(() => ReferenceDataLoader.LoadDirectory(folder)).Errors;

            Assert.Equal(
                [
                    ($"agencies[{IndexOf(text, "PE-MIMP")}].notifications.email", line, "'mesa de partes' is not an e-mail address (write it bare, e.g. alertas@institucion.gob.pe)"),
                    ($"agencies[{IndexOf(text, "PE-MIMP")}].notifications.language", line + 1, "language 'qu' is not es or en"),
                    ($"agencies[{IndexOf(text, "PE-MIMP")}].notifications.kinds[1]", line + 2, "kind 'task-lost' is not one of task-escalated, referral-unacknowledged, task-assigned, action-overdue"),
                ],
                errors.Select(e => (e.Path, e.Line ?? 0, e.Message)));
            Assert.All(errors, e => Assert.Equal(agencies, e.File));

            File.WriteAllText(agencies, text.Replace(anchor, anchor + "    notifications:\n      email: mesa@mimp.gob.pe\n", StringComparison.Ordinal));
            var mimp = ReferenceDataLoader.LoadDirectory(folder).Agencies.Single(a => a.Code == "PE-MIMP").Notifications!;
            Assert.Equal(("mesa@mimp.gob.pe", "es", (List<string>?)null), (mimp.Email, mimp.Language, mimp.Kinds));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int IndexOf(string agenciesYaml, string code) =>
        agenciesYaml.Split('\n').Where(l => l.StartsWith("  - code: ", StringComparison.Ordinal)).Select(l => l["  - code: ".Length..].Trim()).ToList().IndexOf(code);
}
