using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsCheck;
using Enlace.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Enlace.Tests.Gateway;

/// <summary>
/// Property-based hostile input (CsCheck): more than 10,000 generated requests over every route of
/// the OpenAPI document, as every kind of caller, with random and malformed JSON, wrong types, huge,
/// unicode and control-character strings, bad ids and query values, path traversal, bad and foreign
/// tokens, reused Idempotency-Keys and garbage If-Match. Never a 5xx; every error a problem whose
/// <c>status</c> is the HTTP status; no success for a request invalid by construction; no victim's
/// identity, other agency's task or other country's case in any answer to a caller not entitled,
/// nor a victim's identity in any log line; and nothing changes on refusal: the seeded case changes
/// exactly once per accepted command, by the caller whose command it was, and a second case that
/// only callers who may not see it address does not change at all.
/// </summary>
[Collection(GeneratedHostileCollection.Name)]
public sealed class GeneratedHostileRequestsTests(GatewayFixture fixture, ITestOutputHelper output)
{
    private const string CaseTitle = "Caso generado reservado 9051";
    private const string VictimName = "Yolanda Ccori Reservada";
    private const string VictimDocument = "DNI-4471";
    private const string PoliceTask = "Diligencia policial reservada 7731";
    private const string MigrationTask = "Gestión migratoria reservada 4412";
    private const int Iterations = 10_200;

    // Callers by index: 0 the case's coordinator (PE), 1 coordinator BO, 2 police (task), 3 migration (task),
    // 4 police BO, 5 manager PE, 6 admin, 7 manager BO; 8.. no valid token.
    private const int FirstBadToken = 8;
    private const int CallerCount = 15;

    private static readonly string[] Subjects =
    [
        Callers.Coordinator().UserId, Callers.Coordinator("BO").UserId, Callers.Agent("PE-PNP-DIRCTPTIM").UserId, Callers.Agent("PE-MIGRACIONES").UserId,
        Callers.Agent("BO-FELCC-DTTP").UserId, Callers.Manager().UserId, Callers.Admin().UserId, Callers.Manager("BO").UserId,
    ];

    private static readonly string[] HostileStrings =
    [
        "", " ", "\0", "\u0001\u0007\u001b", "\t\n\r", "\u007f\u0085", new string('x', 5000), "' OR 1=1 --", "\"; DROP TABLE orleans_grain_state; --",
        "<script>alert(1)</script>", "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%00", "%2e%2e%2f", "${jndi:ldap://x}", "{{7*7}}",
        "Ωмир漢字ᚠ𝔘", "\u202egnp.exe", "null", "true", "-1", "0", "1e309", "NaN", "9999999999999999999999", "c" + new string('0', 32),
        "PE-2026-000001", "V-0", "P-99", "t999", "*", "%", "_", "🙂", "ñandú", "\u00a0", "\ufeff",
    ];

    private static readonly string[] FieldNames =
    [
        "workflowId", "title", "summary", "leadCountry", "partnerCountries", "victims", "trigger", "note", "text", "taskId", "agency", "dueAt",
        "priority", "identificationStatus", "ageGroup", "sex", "citizenship", "identity", "fullName", "purpose", "given", "role", "area",
        "indicators", "indicatorValues", "percentComplete", "fromVersion", "toVersion", "dryRun", "caseIds", "url", "events", "sub", "roles",
        "countries", "name", "resolution", "decisionRef", "evidenceRef", "email", "channels", "responsibleAgencies", "startDate", "dueDate",
    ];

    // Values valid somewhere, so that some generated bodies go deep; no trigger or agency that would
    // legitimately show a task or the case to another agency or country (reassign, BO agencies).
    private static readonly string[] KnownValues =
    [
        "trafficking-case", "roadmap-action", "PE", "BO", "AR", "PE-MIMP", "NOPE", "assess", "accept", "start", "complete", "decline",
        "presumed", "24-26", "masculine", "feminine", "exploiter", "statistics", "data-processing", "high", "2099-01-01T00:00:00Z",
        "2026-13-45", "coordinator", "king", "javascript:alert(1)", "ftp://x",
    ];

    [Fact]
    public async Task TenThousandGeneratedHostileRequestsNeverFailTheContract()
    {
        var seed = await SeedAsync(fixture);
        var operations = await OperationsAsync(fixture);
        var before = await SnapshotAsync(seed.Clients[0], seed.CaseId);
        var hiddenBefore = await SnapshotAsync(seed.Clients[0], seed.HiddenId);
        var stats = new Stats();
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;

        await Generator(operations, seed).SampleAsync(request => CheckAsync(request, seed, stats), iter: Iterations, threads: 4, print: r => r.ToString());

        clock.Stop();
        var after = await SnapshotAsync(seed.Clients[0], seed.CaseId);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        output.WriteLine($"{stats.Requests} requests in {clock.Elapsed.TotalSeconds:F1} s ({cpu.TotalSeconds:F1} s of processor for the gateway and silo); "
            + $"{stats.Successes} successes, {stats.CaseChanges} accepted changes of the seeded case, {fixture.Logs.Lines.Count} log lines");
        Assert.True(stats.Requests >= 10_000, $"only {stats.Requests} requests");
        Assert.True(stats.Successes > 0 && stats.Successes < stats.Requests / 2, $"{stats.Successes} successes of {stats.Requests}: the generator no longer reaches both outcomes");

        // Nothing changes on refusal: one version per accepted command, each new audit event by a caller whose command was accepted.
        Assert.True(
            after.Version - before.Version == stats.CaseChanges,
            $"the seeded case went from version {before.Version} to {after.Version}, yet {stats.CaseChanges} commands on it were accepted:\n{string.Join('\n', stats.AcceptedChanges)}\n"
            + $"its new audit events: {string.Join(", ", after.Events.Where(e => e.Seq > before.LastSeq))}");
        var strangers = after.Events.Where(e => e.Seq > before.LastSeq && !stats.ChangedBy(e.Actor)).ToList();
        Assert.True(strangers.Count == 0, $"audit events by callers none of whose commands on the case was accepted: {string.Join(", ", strangers)}");
        Assert.Equal(hiddenBefore.Text, (await SnapshotAsync(seed.Clients[0], seed.HiddenId)).Text);

        var logged = fixture.Logs.Lines.Where(l => l.Contains(VictimName, StringComparison.Ordinal) || l.Contains(VictimDocument, StringComparison.Ordinal)).Take(3).ToList();
        Assert.True(logged.Count == 0, $"a victim's identity in the logs: {string.Join('\n', logged.Select(Shorten))}");
    }

    /// <summary>
    /// This suite's generator over freshly seeded data, every request carrying its caller's Authorization
    /// header (idempotency pairs left out): for sending through another front of the same gateway.
    /// </summary>
    internal static async Task<Gen<(HttpRequestMessage Message, string Label, bool WellFormedBody)>> RequestsAsync(GatewayFixture fixture)
    {
        var seed = await SeedAsync(fixture);
        return Generator(await OperationsAsync(fixture), seed).Where(r => r.Pair is null).Select(r =>
        {
            var message = r.ToMessage();
            message.Headers.Authorization = seed.Clients[r.Caller].DefaultRequestHeaders.Authorization;
            return (message, r.ToString(), r.Body is null || IsJson(r.Body));
        });
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task CheckAsync(HostileRequest request, Seed seed, Stats stats)
    {
        if (request.Pair is { } pair)
        {
            await CheckIdempotencyPairAsync(pair, seed, stats);
            return;
        }

        using var message = request.ToMessage();
        using var response = await seed.Clients[request.Caller].SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        stats.Count(status);
        var label = $"{request} → {status} {Shorten(text)}";

        Assert.True(status < 500, label);
        if (status >= 400)
        {
            AssertProblem(response, text, label);
        }

        if (request.MustFail)
        {
            Assert.True(status >= 400, $"invalid by construction, yet {label}");
        }

        if (request.Caller >= FirstBadToken && request.Authenticated && !request.Traversal && !request.ControlCharacters && !request.TooLarge)
        {
            Assert.True(status == 401, $"no valid token, yet {label}");
        }

        // The path as sent: the client resolves dot segments, so a generated '..' may land on the seeded case.
        var path = message.RequestUri?.IsAbsoluteUri == true ? message.RequestUri.AbsolutePath : request.Path;
        if (status is >= 200 and < 300 && ChangesTheCase(request.Method, path, text, seed.CaseId)
            && (request.IdempotencyKey is null || request.Method == "GET" || stats.FirstAnswer(request.Caller, request.IdempotencyKey, text)))
        {
            stats.CaseChanged(request.Caller, $"{request.Method} {path} as caller {request.Caller} → {status}");
        }

        var identityRead = request.Caller == 0 && status == 200 && request.Path.Contains("/identity", StringComparison.Ordinal);
        if (!identityRead)
        {
            Assert.DoesNotContain(VictimName, text, StringComparison.Ordinal);
            Assert.DoesNotContain(VictimDocument, text, StringComparison.Ordinal);
        }

        if (request.Caller is not (0 or 2 or 5 or 6))
        {
            Assert.DoesNotContain(PoliceTask, text, StringComparison.Ordinal);
        }

        if (request.Caller is not (0 or 3 or 5 or 6))
        {
            Assert.DoesNotContain(MigrationTask, text, StringComparison.Ordinal);
        }

        if (request.Caller is 1 or 4 or 7 or >= FirstBadToken)
        {
            Assert.DoesNotContain(CaseTitle, text, StringComparison.Ordinal);

            // A reference the request itself carried may come back in its refusal ("No such person 'PE-2026-000001'").
            foreach (var reference in new[] { seed.Reference, seed.HiddenReference }.Where(r => !request.Carries(r)))
            {
                Assert.DoesNotContain(reference, text, StringComparison.Ordinal);
            }
        }
    }

    // What a success may change in the seeded case: a command on it, an identity read (recorded in its
    // audit trail before it is answered), an upgrade that moved it.
    private static bool ChangesTheCase(string method, string path, string answer, string caseId)
    {
        var prefix = $"/api/v1/cases/{caseId}";
        if (path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal))
        {
            return method != "GET" || path.EndsWith("/identity", StringComparison.Ordinal);
        }

        return method == "POST" && path.EndsWith("/upgrades", StringComparison.Ordinal) && answer.Contains(caseId, StringComparison.Ordinal)
            && JsonDocument.Parse(answer).RootElement.GetProperty("items").EnumerateArray()
                .Any(i => i.GetProperty("caseId").GetString() == caseId && i.GetProperty("outcome").GetString() == "moved");
    }

    // The same Idempotency-Key: the same body answers the first response again, another body 422.
    private static async Task CheckIdempotencyPairAsync(IdempotencyPair generated, Seed seed, Stats stats)
    {
        // Generated numbers repeat (CsCheck favours small ones): each pair gets a key of its own.
        var pair = generated with { Key = $"{generated.Key}-{Guid.NewGuid():N}" };
        async Task<(int Status, string Body, HttpResponseMessage Response)> Send(string note)
        {
            var message = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{seed.ScratchId}/notes")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { text = note }), Encoding.UTF8, "application/json"),
            };
            message.Headers.TryAddWithoutValidation("Idempotency-Key", pair.Key);
            var response = await seed.Clients[0].SendAsync(message);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response);
        }

        var first = await Send(pair.First);
        var repeat = await Send(pair.First);
        var other = await Send(pair.Second);
        stats.Count(first.Status);
        stats.Count(repeat.Status);
        stats.Count(other.Status);
        var label = $"Idempotency-Key {pair.Key}: {first.Status} {repeat.Status} {other.Status} {Shorten(other.Body)}";
        Assert.True(first.Status == 200, label);
        Assert.True(repeat.Status == 200 && repeat.Body == first.Body, label);
        Assert.True(other.Status == 422, label);
        AssertProblem(other.Response, other.Body, label);
    }

    private static void AssertProblem(HttpResponseMessage response, string text, string label)
    {
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"not a problem: {label}");
        using var problem = JsonDocument.Parse(text);
        Assert.True(problem.RootElement.TryGetProperty("status", out var status) && status.GetInt32() == (int)response.StatusCode, $"problem status differs: {label}");
    }

    private static Gen<HostileRequest> Generator(IReadOnlyList<Operation> operations, Seed seed)
    {
        var hostile = Gen.OneOf(Gen.OneOf(HostileStrings), Gen.String[Gen.Char, 0, 30], Gen.String[Gen.Char.AlphaNumeric, 1, 12]);
        var text = Gen.Frequency((3, hostile), (2, Gen.OneOf(KnownValues)));
        var pair = Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 40], Gen.String[Gen.Char.AlphaNumeric, 1, 40], Gen.ULong)
            .Where(t => t.Item1 != t.Item2)
            .Select(t => HostileRequest.ForPair(new IdempotencyPair($"pair-{t.Item3:x}", "Nota " + t.Item1, "Nota " + t.Item2)));

        // Generators are built once: inside the query they would be rebuilt for every sample (a 1 MiB body each time).
        var bodies = Bodies(text);
        var extraQueries = Gen.Frequency((4, Gen.Const((string?)null)), (1, text.Select(t => (string?)t)));
        var queryValue = Gen.Select(Gen.Int[0, 2], text, Gen.Int[-5, 1000]);
        var headers = Gen.Select(
            Gen.OneOf(new string?[] { null, null, "key-1", "key-2", new string('k', 201), "ñ clave", "" }),
            Gen.OneOf(new string?[] { null, null, "garbage", "\"999\"", "W/\"1\"", "*", "\"-1\"", new string('9', 400) }),
            Gen.OneOf(new string?[] { null, "application/json", "text/csv", "*/*", "foo/bar", "text/csv;q=0", "application/problem+json" }));
        var single =
            from operation in Gen.OneOf(operations.ToArray())
            from ids in Gen.Int[0, 3].Array[operation.PathParameters.Count]
            from hostileIds in hostile.Array[operation.PathParameters.Count]
            from query in queryValue.Array[operation.QueryParameters.Count]
            from extraQuery in extraQueries
            from body in bodies
            from caller in Gen.Int[0, CallerCount - 1]
            from header in headers
            select Build(seed, operation, ids, hostileIds, query, extraQuery, body, caller, header.Item1, header.Item2, header.Item3);
        return Gen.Frequency((60, single), (1, pair));
    }

    private static HostileRequest Build(
        Seed seed, Operation operation, int[] ids, string[] hostileIds, (int Kind, string Text, int Number)[] query, string? extraQuery,
        Body body, int caller, string? idempotencyKey, string? ifMatch, string? accept)
    {
        var path = operation.Path;
        var badId = false;
        var hidden = false;
        var traversal = false;
        var elsewhere = false;
        var control = false;
        for (var i = 0; i < operation.PathParameters.Count; i++)
        {
            var name = operation.PathParameters[i];
            // Now and then a caller who may not see it addresses the hidden case: it must refuse and stay as it was.
            var hide = ids[i] == 3 && caller is 1 or 4 or 7 or >= FirstBadToken;
            var real = ids[i] > 0 ? seed.RealValue(operation.Path, name, hide) : null;
            string segment;
            if (real is not null)
            {
                segment = real;
                hidden |= real == seed.HiddenId;
            }
            else
            {
                // An empty or dot segment may resolve to another, valid route (/roadmaps/ is the list): not invalid by construction.
                var resolvesElsewhere = hostileIds[i].Length == 0 || hostileIds[i].Contains("..", StringComparison.Ordinal) || hostileIds[i] == ".";
                badId |= !resolvesElsewhere;
                elsewhere |= resolvesElsewhere;
                traversal |= resolvesElsewhere || hostileIds[i].Contains('%', StringComparison.Ordinal);
                control |= !Printable(hostileIds[i]);
                // A NUL in the path is refused by the test server's client itself (Kestrel answers 400): another control character stands in.
                var id = hostileIds[i].Replace('\0', '\u0001');
                segment = id.Contains("%2", StringComparison.OrdinalIgnoreCase) ? id : Escape(id);
            }

            path = path.Replace("{" + name + "}", segment, StringComparison.Ordinal);
        }

        var queryText = new StringBuilder();
        var badQuery = false;
        for (var i = 0; i < operation.QueryParameters.Count; i++)
        {
            var (name, integer) = operation.QueryParameters[i];
            var (kind, value, number) = query[i];
            if (kind == 0)
            {
                continue;
            }

            var raw = kind == 1 ? value : number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            badQuery |= integer && kind == 1 && !int.TryParse(raw, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _) && raw.Length > 0;
            control |= !Printable(raw);
            queryText.Append(queryText.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Escape(raw));
        }

        if (extraQuery is not null)
        {
            queryText.Append(queryText.Length == 0 ? '?' : '&').Append(Escape(extraQuery)).Append('=').Append(Escape(extraQuery));
            control |= !Printable(extraQuery);
        }

        var sendsBody = operation.Method != "GET" && operation.Method != "DELETE";
        // Control characters in a JSON body are refused (400) before authentication, like those of the address.
        control |= sendsBody && body.ContentType == "application/json"
            && (body.Text.Contains("\\u00", StringComparison.Ordinal) || body.Text.Any(c => c is >= '\u007f' and <= '\u009f'));
        // So is a body of another media type (415: routing matches the endpoint's media type first).
        control |= sendsBody && operation.HasBody && body.ContentType != "application/json";
        var badBody = sendsBody && operation.HasBody && (body.Malformed || body.WrongType || body.ContentType != "application/json");
        return new HostileRequest(
            operation.Method, path + queryText, sendsBody ? body.Text : null, body.ContentType, caller, idempotencyKey, ifMatch, accept,
            // A request that lands on another route (GET /workflows/ is the list) is judged by that route: only the hidden case and the size limit still hold.
            MustFail: (!elsewhere && (badId || badQuery || badBody)) || body.TooLarge && sendsBody || hidden,
            Authenticated: operation.Authenticated, Traversal: traversal, ControlCharacters: control, TooLarge: body.TooLarge && sendsBody, Pair: null);
    }

    private static Gen<Body> Bodies(Gen<string> text)
    {
        var value = Gen.Recursive<string>((depth, inner) => depth >= 3
            ? Scalar(text)
            : Gen.Frequency(
                (4, Scalar(text)),
                (1, inner.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
                (1, Gen.Select(Gen.OneOf(FieldNames), inner).Array[0, 4].Select(Object))));
        var fields = Gen.Select(Gen.OneOf(Gen.OneOf(FieldNames), text), value).Array[0, 8].Select(Object);
        var body = Gen.Frequency(
            (6, fields.Select(f => new Body(f, "application/json", false, false, false))),
            (2, Gen.Select(fields, Gen.Int[1, 1000]).Select(t => new Body(t.Item1[..Math.Min(t.Item2, t.Item1.Length - 1)], "application/json", true, false, false))),
            (1, Gen.OneOf("[]", "[{}]", "42", "\"text\"", "true").Select(t => new Body(t, "application/json", false, true, false))),
            (1, Gen.OneOf("", "null", "{}").Select(t => new Body(t, "application/json", false, false, false))),
            (1, Gen.Select(fields, Gen.OneOf("text/plain", "application/xml", "application/x-www-form-urlencoded", "")).Select(t => new Body(t.Item1, t.Item2, false, false, false))));

        // One body in 500 is over the 1 MiB limit.
        var tooLarge = new Body("{\"note\":\"" + new string('x', 1_100_000) + "\"}", "application/json", false, false, true);
        return Gen.Select(body, Gen.Int[0, 499]).Select(t => t.Item2 == 0 ? tooLarge : t.Item1);
    }

    private static Gen<string> Scalar(Gen<string> text) => Gen.Frequency(
        (4, text.Select(JsonString)),
        (1, Gen.OneOf("0", "-1", "1.5", "1e309", "-9223372036854775809", "true", "false", "null", "{}", "[]", "[1,2]")),
        (1, Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    private static string Object((string Name, string Value)[] fields) =>
        "{" + string.Join(",", fields.Select(f => JsonString(f.Name) + ":" + f.Value)) + "}";

    // JSON text of a string, lone surrogates and control characters escaped (the server decides what they mean).
    private static string JsonString(string value)
    {
        var json = new StringBuilder("\"");
        foreach (var c in value)
        {
            json.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c < ' ' || char.IsSurrogate(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return json.Append('"').ToString();
    }

    private static string Escape(string value) =>
        Uri.EscapeDataString(new string([.. value.Select(c => char.IsSurrogate(c) ? '?' : c)]));

    private static bool Printable(string value) => !value.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));

    private static async Task<IReadOnlyList<Operation>> OperationsAsync(GatewayFixture fixture)
    {
        using var document = JsonDocument.Parse(await fixture.Anonymous().GetStringAsync("/openapi/v1.json"));
        var operations = new List<Operation>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
                operations.Add(new Operation(
                    operation.Name.ToUpperInvariant(),
                    path.Name,
                    [.. parameters.Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()!)],
                    [.. parameters.Where(p => p.GetProperty("in").GetString() == "query").Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("schema").GetRawText().Contains("\"integer\"", StringComparison.Ordinal)))],
                    operation.Value.TryGetProperty("requestBody", out _),
                    operation.Value.GetProperty("responses").TryGetProperty("401", out _)));
            }
        }

        Assert.True(operations.Count >= 50, $"only {operations.Count} operations in the document");
        return operations;
    }

    private static async Task<Seed> SeedAsync(GatewayFixture fixture)
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var created = await coordinator.PostAsJsonAsync("/api/v1/cases", new
        {
            workflowId = "trafficking-case",
            title = CaseTitle,
            summary = "Resumen reservado",
            leadCountry = "PE",
            partnerCountries = Array.Empty<string>(),
            victims = new[] { new { identificationStatus = "presumed", ageGroup = "24-26", sex = "feminine", citizenship = "PE", identity = new { fullName = VictimName, documentNumber = VictimDocument } } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await created.ReadJsonAsync();
        var id = view.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/V-1/consents", new { purpose = "data-processing", given = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/perpetrators", new { role = "exploiter", identity = new { fullName = VictimName + " Perpetradora" } })).StatusCode);
        var police = await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/tasks", new { title = PoliceTask, agency = "PE-PNP-DIRCTPTIM", dueAt = "2099-01-01T00:00:00Z" });
        var migration = await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/tasks", new { title = MigrationTask, agency = "PE-MIGRACIONES", dueAt = "2099-01-01T00:00:00Z" });
        Assert.Equal(HttpStatusCode.Created, police.StatusCode);
        Assert.Equal(HttpStatusCode.Created, migration.StatusCode);
        var hidden = await coordinator.PostAsJsonAsync("/api/v1/cases", new
        {
            workflowId = "trafficking-case",
            title = CaseTitle,
            summary = "Resumen del caso que ningún llamante extraño alcanza",
            leadCountry = "PE",
            partnerCountries = Array.Empty<string>(),
            victims = new[] { new { identificationStatus = "identified", ageGroup = "21-23", sex = "masculine", citizenship = "BO", identity = new { fullName = VictimName, documentNumber = VictimDocument } } },
        });
        Assert.Equal(HttpStatusCode.Created, hidden.StatusCode);
        var hiddenView = await hidden.ReadJsonAsync();
        var scratch = await coordinator.PostAsJsonAsync("/api/v1/cases", new { workflowId = "trafficking-case", title = "Caso de notas repetidas", summary = "Resumen", leadCountry = "PE", partnerCountries = Array.Empty<string>(), victims = Array.Empty<object>() });
        var key = Convert.FromBase64String(GatewayFixture.SigningKey);
        var clients = new[]
        {
            coordinator,
            await fixture.ClientFor(Callers.Coordinator("BO")),
            await fixture.ClientFor(Callers.Agent("PE-PNP-DIRCTPTIM")),
            await fixture.ClientFor(Callers.Agent("PE-MIGRACIONES")),
            await fixture.ClientFor(Callers.Agent("BO-FELCC-DTTP")),
            await fixture.ClientFor(Callers.Manager()),
            await fixture.ClientFor(Callers.Admin()),
            await fixture.ClientFor(Callers.Manager("BO")),
            fixture.Anonymous(),
            fixture.Anonymous().WithBearer("not-a-token"),
            fixture.Anonymous().WithBearer(TestTokens.Create(key, DateTime.UtcNow.AddMinutes(-10))),
            fixture.Anonymous().WithBearer(TestTokens.Create(Enumerable.Repeat((byte)9, 32).ToArray(), DateTime.UtcNow.AddHours(2))),
            fixture.Anonymous().WithBearer(TestTokens.Create(key, DateTime.UtcNow.AddHours(2), audience: "other-api")),
            fixture.Anonymous().WithBearer("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJjb29yZC1wZSIsInJvbGUiOiJjb29yZGluYXRvciIsImNvdW50cnkiOiJQRSJ9."),
            Basic(fixture.Anonymous()),
        };
        Assert.Equal(CallerCount, clients.Length);
        return new Seed(
            id, view.GetProperty("reference").GetString()!, hiddenView.GetProperty("id").GetString()!, hiddenView.GetProperty("reference").GetString()!,
            (await scratch.ReadJsonAsync()).GetProperty("id").GetString()!,
            (await police.ReadJsonAsync()).GetProperty("id").GetString()!, clients);
    }

    private static HttpClient Basic(HttpClient http)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "YWRtaW46YWRtaW4=");
        return http;
    }

    private static async Task<Snapshot> SnapshotAsync(HttpClient coordinator, string id)
    {
        var view = await coordinator.GetStringAsync($"/api/v1/cases/{id}");
        var history = await coordinator.GetStringAsync($"/api/v1/cases/{id}/history?pageSize=500");
        using var json = JsonDocument.Parse(history);
        var events = json.RootElement.GetProperty("items").EnumerateArray()
            .Select(e => new AuditEntry(e.GetProperty("seq").GetInt32(), e.GetProperty("actor").GetString()!, e.GetProperty("kind").GetString()!)).ToList();
        Assert.True(events.Count < 500, $"{events.Count} audit events: more than one page");
        using var viewJson = JsonDocument.Parse(view);
        return new Snapshot(view + history, viewJson.RootElement.GetProperty("version").GetInt32(), events);
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 300 ? text : text[..300] + "…";

    private sealed record Operation(string Method, string Path, IReadOnlyList<string> PathParameters, IReadOnlyList<(string Name, bool Integer)> QueryParameters, bool HasBody, bool Authenticated);

    private sealed record Snapshot(string Text, int Version, IReadOnlyList<AuditEntry> Events)
    {
        public int LastSeq => Events.Count == 0 ? 0 : Events.Max(e => e.Seq);
    }

    private sealed record AuditEntry(int Seq, string Actor, string Kind);

    private sealed record Body(string Text, string ContentType, bool Malformed, bool WrongType, bool TooLarge);

    private sealed record IdempotencyPair(string Key, string First, string Second);

    private sealed record Seed(string CaseId, string Reference, string HiddenId, string HiddenReference, string ScratchId, string PoliceTaskId, HttpClient[] Clients)
    {
        // A real value for a path parameter where the seeded data has one; null where only a bad one exists.
        public string? RealValue(string path, string parameter, bool hidden) => (path, parameter) switch
        {
            (_, "id") when path.StartsWith("/api/v1/cases/", StringComparison.Ordinal) => hidden ? HiddenId : CaseId,
            (_, "id") when path.StartsWith("/api/v1/workflows/", StringComparison.Ordinal) => "trafficking-case",
            (_, "taskId") => PoliceTaskId,
            (_, "code") when path.Contains("/victims/", StringComparison.Ordinal) => "V-1",
            (_, "code") => "P-1",
            _ => null,
        };
    }

    private sealed record HostileRequest(
        string Method, string Path, string? Body, string ContentType, int Caller, string? IdempotencyKey, string? IfMatch, string? Accept,
        bool MustFail, bool Authenticated, bool Traversal, bool ControlCharacters, bool TooLarge, IdempotencyPair? Pair)
    {
        public static HostileRequest ForPair(IdempotencyPair pair) => new("POST", "", null, "", 0, pair.Key, null, null, false, true, false, false, false, pair);

        public HttpRequestMessage ToMessage()
        {
            var message = new HttpRequestMessage(new HttpMethod(Method), Path);
            if (Body is not null)
            {
                message.Content = new StringContent(Body, Encoding.UTF8);
                message.Content.Headers.ContentType = ContentType.Length == 0 ? null : MediaTypeHeaderValue.Parse(ContentType);
            }

            foreach (var (name, value) in new[] { ("Idempotency-Key", IdempotencyKey), ("If-Match", IfMatch), ("Accept", Accept) })
            {
                if (value is not null)
                {
                    message.Headers.TryAddWithoutValidation(name, value);
                }
            }

            return message;
        }

        public bool Carries(string value) =>
            Path.Contains(value, StringComparison.Ordinal) || Body?.Contains(value, StringComparison.Ordinal) == true;

        public override string ToString() =>
            Pair is not null ? $"idempotency pair {Pair}" : $"{Method} {Path} as caller {Caller} [{ContentType}] key={IdempotencyKey} if-match={IfMatch} accept={Accept} {(Body is null ? "" : Body.Length > 200 ? Body[..200] + "…" : Body)}";
    }

    private sealed class Stats
    {
        private readonly ConcurrentDictionary<string, bool> _answers = new();
        private readonly ConcurrentQueue<string> _changes = new();
        private readonly ConcurrentDictionary<string, bool> _changers = new();
        private int _requests;
        private int _successes;

        public int Requests => _requests;

        public int Successes => _successes;

        public int CaseChanges => _changes.Count;

        public IEnumerable<string> AcceptedChanges => _changes;

        public void Count(int status)
        {
            Interlocked.Increment(ref _requests);
            if (status is >= 200 and < 300)
            {
                Interlocked.Increment(ref _successes);
            }
        }

        // A command's success with an Idempotency-Key already answered the same way is that first answer again, not a change
        // (GET routes ignore the key: every identity read is recorded, and answers the same body).
        public bool FirstAnswer(int caller, string key, string answer) => _answers.TryAdd($"{caller}\n{key}\n{answer}", true);

        public void CaseChanged(int caller, string request)
        {
            _changes.Enqueue(request);
            _changers[caller < Subjects.Length ? Subjects[caller] : $"caller {caller}"] = true;
        }

        public bool ChangedBy(string actor) => _changers.ContainsKey(actor);
    }
}

/// <summary>The collection of the generated hostile suite and the validating proxy: a gateway of their own, since they change many things.</summary>
[CollectionDefinition(Name)]
public sealed class GeneratedHostileCollection : ICollectionFixture<GatewayFixture>
{
    /// <summary>Collection name.</summary>
    public const string Name = "generated-hostile";
}
