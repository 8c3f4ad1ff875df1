using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Tests.Gateway;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Victims;

/// <summary>
/// Victims as people, through HTTP: recorded after the case opens, corrected with If-Match,
/// consent per purpose, identities read one at a time by entitled callers and logged,
/// withdrawn consent honoured at once, override only with a reason, erasure for good.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class VictimsApiTests(GatewayFixture fixture)
{
    private const string AdultName = "Rosa Elena Mamani Quispe";
    private const string AdultDocument = "PE-44556677";
    private const string ChildName = "Juana Flores Ticona";

    [Fact]
    public async Task AVictimIsRecordedCorrectedConsentedReadAndErasedThroughTheCase()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var id = await OpenCaseAsync(coordinator);

        var adult = await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims", Adult(identity: true));
        Assert.Equal(HttpStatusCode.Created, adult.StatusCode);
        Assert.Equal($"/api/v1/cases/{id}/victims/V-1", adult.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", adult.Headers.ETag!.Tag);
        var v1 = await JsonOf(adult);
        Assert.Equal(("V-1", false, true), (v1.GetProperty("code").GetString(), v1.GetProperty("isMinor").GetBoolean(), v1.GetProperty("hasIdentity").GetBoolean()));
        Assert.DoesNotContain(AdultName, v1.GetRawText(), StringComparison.Ordinal);

        var child = await JsonOf(await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims", Child()));
        Assert.Equal(("V-2", true), (child.GetProperty("code").GetString(), child.GetProperty("isMinor").GetBoolean()));

        // Corrected with the victim's version; a stale one is refused, not merged.
        var corrected = await Send(coordinator, HttpMethod.Put, $"/api/v1/cases/{id}/victims/V-1", Adult(identity: false) with { IdentificationStatus = "identified" }, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var v1Corrected = await JsonOf(corrected);
        Assert.Equal(("identified", 2, "PE-CMNP-ST"), (v1Corrected.GetProperty("identificationStatus").GetString(), v1Corrected.GetProperty("version").GetInt32(), v1Corrected.GetProperty("identificationDecidedBy").GetString()));
        Assert.True(v1Corrected.GetProperty("hasIdentity").GetBoolean(), "a correction without identity keeps the identity");
        var stale = await Send(coordinator, HttpMethod.Put, $"/api/v1/cases/{id}/victims/V-1", Adult(identity: false), ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        // Consent per purpose; a child's decision names the legal representative.
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/V-1/consents", new { purpose = "data-processing", given = true })).StatusCode);
        var noRepresentative = await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/V-2/consents", new { purpose = "data-processing", given = true });
        Assert.Equal(HttpStatusCode.BadRequest, noRepresentative.StatusCode);
        Assert.True((await JsonOf(noRepresentative)).GetProperty("errors").TryGetProperty("legalRepresentative", out _));
        var childConsent = await JsonOf(await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/V-2/consents", new { purpose = "data-processing", given = true, legalRepresentative = "DEMUNA Puno" }));
        Assert.Equal("DEMUNA Puno", childConsent.GetProperty("consents")[0].GetProperty("legalRepresentative").GetString());

        // The coordinator reads the identity with a reason; the read is logged.
        var read = await coordinator.GetAsync($"/api/v1/cases/{id}/victims/V-1/identity?reason=Coordinar%20albergue");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.True(read.Headers.CacheControl?.NoStore, "an identity is never cached");
        var identity = await JsonOf(read);
        Assert.Equal((AdultName, AdultDocument, "2001-03-09"), (identity.GetProperty("fullName").GetString(), identity.GetProperty("documentNumber").GetString(), identity.GetProperty("birthDate").GetString()));
        var log = (await JsonOf(await coordinator.GetAsync($"/api/v1/cases/{id}/identity-access"))).GetProperty("items");
        var entry = Assert.Single(log.EnumerateArray());
        Assert.Equal(("coord-pe", "PE-CMNP-ST", "V-1", "Coordinar albergue", false),
            (entry.GetProperty("user").GetString(), entry.GetProperty("agency").GetString(), entry.GetProperty("victim").GetString(), entry.GetProperty("reason").GetString(), entry.GetProperty("override").GetBoolean()));
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.GetAsync($"/api/v1/cases/{id}/victims/V-1/identity")).StatusCode);

        // An agency without a task: the case does not exist for it. The police has the intake task, but its kind is not entitled.
        var stranger = await fixture.ClientFor(Callers.Agent("BO-FELCC-DTTP"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/cases/{id}/victims/V-1/identity?reason=x")).StatusCode);
        var police = await fixture.ClientFor(Callers.Agent("PE-PNP-DIRCTPTIM"));
        var policeRead = await police.GetAsync($"/api/v1/cases/{id}/victims/V-1/identity?reason=x");
        Assert.Equal(HttpStatusCode.Forbidden, policeRead.StatusCode);
        Assert.Contains("'police' are not entitled", (await JsonOf(policeRead)).GetProperty("detail").GetString());

        // Protection with an open task reads it; once its task is done, still within the grace period
        // (that it ends is ParticipationTests'). (UDAVIT: the primary protection service, MIMP, also
        // holds the victims' care-track tasks.)
        var protection = await fixture.ClientFor(Callers.Agent("PE-MP-UDAVIT"));
        var taskId = await AssignAsync(coordinator, id, "PE-MP-UDAVIT");
        Assert.Equal(HttpStatusCode.OK, (await protection.GetAsync($"/api/v1/cases/{id}/victims/V-1/identity?reason=Acogida")).StatusCode);
        foreach (var trigger in new[] { "accept", "start", "complete" })
        {
            Assert.Equal(HttpStatusCode.OK, (await protection.PostAsJsonAsync($"/api/v1/cases/{id}/tasks/{taskId}/transitions", new { trigger, note = "hecho" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await protection.GetAsync($"/api/v1/cases/{id}/victims/V-1/identity?reason=Seguimiento")).StatusCode);

        // Withdrawn consent is honoured at once; a coordinator may override only with a reason, and it is logged so.
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/V-1/consents", new { purpose = "data-processing", given = false, note = "La víctima retira su consentimiento" })).StatusCode);
        var withdrawn = await coordinator.GetAsync($"/api/v1/cases/{id}/victims/V-1/identity?reason=Seguimiento");
        Assert.Equal(HttpStatusCode.Forbidden, withdrawn.StatusCode);
        Assert.Contains("'data-processing'", (await JsonOf(withdrawn)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.GetAsync($"/api/v1/cases/{id}/victims/V-1/identity?override=true")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/v1/cases/{id}/victims/V-1/identity?override=true&reason=Riesgo%20inminente")).StatusCode);
        var reads = (await JsonOf(await coordinator.GetAsync($"/api/v1/cases/{id}/identity-access"))).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([false, false, false, true], reads.Select(r => r.GetProperty("override").GetBoolean()));
        Assert.Equal(["coord-pe", "agent-pe-mp-udavit", "agent-pe-mp-udavit", "coord-pe"], reads.Select(r => r.GetProperty("user").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await protection.GetAsync($"/api/v1/cases/{id}/identity-access")).StatusCode);

        // Erased for good: reads answer 410, the chain still verifies.
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/V-1/identity/erase", new { note = "" })).StatusCode);
        var erased = await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/V-1/identity/erase", new { note = "Solicitud de supresión de la víctima" });
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var v1Erased = await JsonOf(erased);
        Assert.Equal((false, true), (v1Erased.GetProperty("hasIdentity").GetBoolean(), v1Erased.GetProperty("identityErased").GetBoolean()));
        Assert.Equal(HttpStatusCode.Gone, (await coordinator.GetAsync($"/api/v1/cases/{id}/victims/V-1/identity?override=true&reason=x")).StatusCode);
        var verify = await JsonOf(await coordinator.GetAsync($"/api/v1/cases/{id}/history/verify"));
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.GetRawText());

        var caseJson = await coordinator.GetStringAsync($"/api/v1/cases/{id}");
        var historyJson = await coordinator.GetStringAsync($"/api/v1/cases/{id}/history?pageSize=500");
        foreach (var secret in new[] { AdultName, AdultDocument, ChildName })
        {
            Assert.DoesNotContain(secret, caseJson, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, historyJson, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnIdentityCrossesTheBorderOnlyWithTransferConsent()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var id = await OpenCaseAsync(coordinator);
        await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims", Adult(identity: true));
        await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/V-1/consents", new { purpose = "data-processing", given = true });
        await AssignAsync(coordinator, id, "BO-SEPDAVI");
        var sepdavi = await fixture.ClientFor(Callers.Agent("BO-SEPDAVI"));

        var task = (await JsonOf(await sepdavi.GetAsync($"/api/v1/cases/{id}"))).GetProperty("tasks")[0];
        Assert.True(task.GetProperty("identityWithheld").GetBoolean(), "the Bolivian task says it works from the pseudonymous record");
        var refused = await sepdavi.GetAsync($"/api/v1/cases/{id}/victims/V-1/identity?reason=Retorno");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("'cross-border-transfer'", (await JsonOf(refused)).GetProperty("detail").GetString());

        await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/V-1/consents", new { purpose = "cross-border-transfer", given = true });
        Assert.Equal(HttpStatusCode.OK, (await sepdavi.GetAsync($"/api/v1/cases/{id}/victims/V-1/identity?reason=Retorno")).StatusCode);
        Assert.False((await JsonOf(await sepdavi.GetAsync($"/api/v1/cases/{id}"))).GetProperty("tasks")[0].GetProperty("identityWithheld").GetBoolean());
    }

    [Fact]
    public async Task PerpetratorsAreRecordedApartWithTheirIdentitySealed()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var id = await OpenCaseAsync(coordinator);

        var added = await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/perpetrators", new
        {
            role = "recruiter-or-intermediary",
            sex = "masculine",
            citizenship = "PE",
            ageGroup = "30-38",
            proceduralStatus = "suspect",
            identity = new { fullName = "Teodoro Cusi Vargas", documentNumber = "PE-10293847" },
        });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("P-1", (await JsonOf(added)).GetProperty("code").GetString());
        var updated = await Send(coordinator, HttpMethod.Put, $"/api/v1/cases/{id}/perpetrators/P-1", new { role = "exploiter", proceduralStatus = "charged" }, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(("exploiter", "charged", true), ((await JsonOf(updated)).GetProperty("role").GetString(), (await JsonOf(updated)).GetProperty("proceduralStatus").GetString(), (await JsonOf(updated)).GetProperty("hasIdentity").GetBoolean()));
        var identity = await JsonOf(await coordinator.GetAsync($"/api/v1/cases/{id}/perpetrators/P-1/identity?reason=Requerimiento%20fiscal"));
        Assert.Equal("Teodoro Cusi Vargas", identity.GetProperty("fullName").GetString());
        Assert.DoesNotContain("Teodoro", await coordinator.GetStringAsync($"/api/v1/cases/{id}"), StringComparison.Ordinal);

        var badRole = await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/perpetrators", new { role = "boss" });
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.Contains("recruiter-or-intermediary", (await JsonOf(badRole)).GetProperty("errors").GetProperty("role")[0].GetString());
    }

    [Fact]
    public async Task UnknownCodesAreRefusedNamingTheFieldAndItsValues()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var id = await OpenCaseAsync(coordinator);

        var response = await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims", Adult(identity: false) with { Sex = "female", Exploitation = ["slavery"], Citizenship = "peru" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonOf(response)).GetProperty("errors");
        Assert.Contains("feminine", errors.GetProperty("sex")[0].GetString());
        Assert.Contains("'slavery' is not one of", errors.GetProperty("exploitation")[0].GetString());
        Assert.True(errors.TryGetProperty("citizenship", out _));
        Assert.Equal(0, (await JsonOf(await coordinator.GetAsync($"/api/v1/cases/{id}"))).GetProperty("victims").GetArrayLength());
    }

    [Fact]
    public async Task TheValueListsNameTheirStandardAndSpeakTheCallersLanguage()
    {
        var manager = await fixture.ClientFor(Callers.Manager());

        var spanish = await JsonOf(await manager.GetAsync("/api/v1/reference/victim-values"));
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reference/victim-values");
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-GB"));
        var english = await JsonOf(await manager.SendAsync(request));

        foreach (var field in new[] { "identificationStatus", "ageGroup", "sex", "exploitation", "labourSector", "sexualExploitationType", "meansOfControl", "recruitmentMethod", "relationshipToTrafficker", "consentPurpose" })
        {
            Assert.Equal(("HTCDS", "2.0"), (spanish.GetProperty(field).GetProperty("standard").GetString(), spanish.GetProperty(field).GetProperty("version").GetString()));
        }

        string Title(JsonElement lists, string field, string code) =>
            lists.GetProperty(field).GetProperty("values").EnumerateArray().Single(v => v.GetProperty("code").GetString() == code).GetProperty("title").GetString()!;
        Assert.Equal("Trabajo forzoso", Title(spanish, "exploitation", "forced-labour"));
        Assert.Equal("Forced labour", Title(english, "exploitation", "forced-labour"));
        Assert.Equal("Presunta víctima", Title(spanish, "identificationStatus", "presumed"));
    }

    [Fact]
    public async Task ARetriedVictimCreationAppliesOnceAndAnswersTheFirstResponse()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var id = await OpenCaseAsync(coordinator);
        var key = Guid.NewGuid().ToString();

        var first = await Send(coordinator, HttpMethod.Post, $"/api/v1/cases/{id}/victims", Adult(identity: true), key: key);
        var retry = await Send(coordinator, HttpMethod.Post, $"/api/v1/cases/{id}/victims", Adult(identity: true), key: key);
        var other = await Send(coordinator, HttpMethod.Post, $"/api/v1/cases/{id}/victims", Child(), key: key);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, (HttpStatusCode)422), (first.StatusCode, retry.StatusCode, other.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, (await JsonOf(await coordinator.GetAsync($"/api/v1/cases/{id}"))).GetProperty("victims").GetArrayLength());
    }

    /// <summary>A victim body; with <paramref name="identity"/>, a fictitious identity too.</summary>
    internal static VictimBody Adult(bool identity) => new(
        "presumed", "21-23", "feminine", "PE", "PE", ["sexual-exploitation"], null, "prostitution", ["debt-bondage", "withholds-documents"],
        new RecruitmentBody("through-online-social-networks", "PE"), "unaquainted", ["es", "qu"], null,
        identity ? new IdentityBody(AdultName, AdultDocument, "2001-03-09") : null);

    internal static VictimBody Child() => new(
        "presumed", "9-17", "feminine", "BO", "PE", ["forced-labour"], "b-mining-and-quarrying", null, ["false-promises"],
        null, "acquainted", ["ay"], true, new IdentityBody(ChildName, null, null));

    internal static async Task<string> OpenCaseAsync(HttpClient coordinator)
    {
        var created = await coordinator.PostAsJsonAsync("/api/v1/cases", new
        {
            workflowId = "trafficking-case",
            title = "Captación con ofertas falsas de empleo en Juliaca",
            summary = "Denuncia de la línea 1818; víctimas identificadas después de la apertura.",
            leadCountry = "PE",
            partnerCountries = new[] { "BO" },
            victims = Array.Empty<object>(),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await JsonOf(created)).GetProperty("id").GetString()!;
    }

    private static async Task<string> AssignAsync(HttpClient coordinator, string id, string agency)
    {
        var task = await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/tasks", new { title = "Atención a la víctima", agency, dueAt = DateTimeOffset.UtcNow.AddDays(3) });
        Assert.Equal(HttpStatusCode.Created, task.StatusCode);
        return (await JsonOf(task)).GetProperty("id").GetString()!;
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, object body, string? ifMatch = null, string? key = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}

/// <summary>A victim as a client sends it.</summary>
internal sealed record VictimBody(
    string IdentificationStatus, string AgeGroup, string Sex, string Citizenship, string? CountryOfExploitation, string[] Exploitation,
    string? LabourSector, string? SexualExploitationType, string[] MeansOfControl, RecruitmentBody? Recruitment, string? RelationshipToTrafficker,
    string[] Languages, bool? Unaccompanied, IdentityBody? Identity, string? CountryOfStay = null, bool? SeeksInternationalProtection = null);

/// <summary>Recruitment as a client sends it.</summary>
internal sealed record RecruitmentBody(string Method, string Country);

/// <summary>An identity as a client sends it.</summary>
internal sealed record IdentityBody(string FullName, string? DocumentNumber, string? BirthDate);
