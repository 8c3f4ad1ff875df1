using System.Net;
using System.Net.Http.Json;
using System.Text;
using Enlace.Tests.Gateway;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Victims;

/// <summary>
/// Identities at rest: after victims and perpetrators are recorded, corrected, read and
/// erased through HTTP, a <c>pg_dump</c> of the whole database (grain state, read model,
/// idempotency records) holds none of the identity strings, in clear or as the hex of
/// their bytes, and neither does any log line the silo or the gateway wrote.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class IdentityAtRestTests(GatewayFixture fixture)
{
    [Fact]
    public async Task NoIdentityStringIsInTheDatabaseDumpOrInAnyLogLine()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var secrets = new[] { $"Sabina Huanca {tag}", $"DNI-{tag}-771", $"Gregorio Ccallo {tag}", $"PAS-{tag}-112", $"Teresa Apaza {tag}" };
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var id = await VictimsApiTests.OpenCaseAsync(coordinator);
        var key = Guid.NewGuid().ToString();

        var victim = VictimsApiTests.Adult(identity: false) with { Identity = new IdentityBody(secrets[0], secrets[1], "1999-12-31") };
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/victims") { Content = JsonContent.Create(victim) };
        request.Headers.Add("Idempotency-Key", key);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/perpetrators", new { role = "exploiter", identity = new { fullName = secrets[2], documentNumber = secrets[3] } })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims", VictimsApiTests.Child() with { Identity = new IdentityBody(secrets[4], null, null) })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/V-1/consents", new { purpose = "data-processing", given = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/v1/cases/{id}/victims/V-1/identity?reason=Verificar")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/v1/cases/{id}/perpetrators/P-1/identity?reason=Verificar")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/V-2/identity/erase", new { note = "Supresión solicitada" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/v1/cases/{id}/history")).StatusCode);

        var dump = await (await PostgresServer.GetAsync()).DumpAsync(fixture.Database);

        // The search can see what the state holds: the case's title is stored in the same bytea.
        Assert.Contains(Hex("Captación con ofertas falsas de empleo en Juliaca"), dump, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, dump, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Hex(secret), dump, StringComparison.OrdinalIgnoreCase);
            var logged = fixture.Logs.Lines.FirstOrDefault(line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.True(logged is null, $"a log line holds an identity: {logged}");
        }
    }

    private static string Hex(string text) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text));
}
