using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Tests.Infrastructure;
using Npgsql;

namespace Enlace.Tests.Gateway;

/// <summary>
/// The long lists page by cursor (<c>?after=</c> the previous page's <c>next</c>): walking every
/// page returns every item once, in the list's order, while rows are added between pages; the
/// cursor is opaque, and a changed one — or one of another list or filter — is a 400; each
/// caller still sees only their own work at every page; a search needs three characters.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class KeysetListsTests(GatewayFixture fixture)
{
    [Fact]
    public async Task WalkingTheCaseListByNextReturnsEveryCaseOnceInOrderWhileCasesAreAdded()
    {
        var marker = $"cursor-{Guid.NewGuid():N}"[..18];
        var pe = await fixture.ClientFor(Callers.Coordinator("PE"));
        for (var i = 0; i < 7; i++)
        {
            await OpenAsync(pe, $"{marker} {i}", "PE");
        }

        var expected = Ids(await JsonOf(await pe.GetAsync($"/api/v1/cases?q={marker}&pageSize=500")));
        var added = new List<string>();
        var seen = await WalkAsync(pe, $"/api/v1/cases?q={marker}&pageSize=2", async () => added.Add(await OpenAsync(pe, $"{marker} nuevo", "PE")));

        Assert.Equal(7, expected.Count);
        Assert.Equal(expected, seen);
        Assert.Equal(3, added.Count); // 7 cases in 4 pages; a case added between pages is newer than the cursor: the next page does not repeat or skip for it
        Assert.Equal(await OrderedCasesAsync("c.title LIKE @marker || '%'", marker), Ids(await JsonOf(await pe.GetAsync($"/api/v1/cases?q={marker}&pageSize=500"))));
    }

    [Fact]
    public async Task AnAgentsCaseListWalksTheAgencysCasesNewestChangeFirstAndNoOthers()
    {
        var pe = await fixture.ClientFor(Callers.Coordinator("PE"));
        var marker = $"agencia-{Guid.NewGuid():N}"[..18];
        var ours = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = await OpenAsync(pe, $"{marker} {i}", "PE");
            await TaskAsync(pe, id, "Inspección laboral", "PE-SUNAFIL", "normal", DateTimeOffset.UtcNow.AddDays(3 + i));
            ours.Add(id);
        }

        var other = await OpenAsync(pe, $"{marker} de otra agencia", "PE");
        await TaskAsync(pe, other, "Pericia", "PE-MP-UDAVIT", "normal", DateTimeOffset.UtcNow.AddDays(3));

        // A change to a case moves it to the top: the path keeps each case's last change.
        await NoteAsync(pe, ours[0], "Nota que actualiza el caso");
        var sunafil = await fixture.ClientFor(Callers.Agent("PE-SUNAFIL"));
        var expected = await OrderedCasesAsync("EXISTS (SELECT 1 FROM rm_tasks t WHERE t.case_id = c.case_id AND t.agency = 'PE-SUNAFIL')", "");
        var seen = await WalkAsync(sunafil, "/api/v1/cases?pageSize=2", async () =>
        {
            // Added between pages, elsewhere: never seen by this agency.
            var id = await OpenAsync(pe, $"{marker} añadido", "PE");
            await TaskAsync(pe, id, "Pericia", "PE-MP-UDAVIT", "normal", DateTimeOffset.UtcNow.AddDays(3));
        });

        Assert.Equal(expected, seen);
        Assert.Equal(ours[0], seen[0]);
        Assert.Subset(seen.ToHashSet(), ours.ToHashSet());
        Assert.DoesNotContain(other, seen);

        // Reassigned away, the agency's last task there takes the case out of its list.
        var task = await TaskAsync(pe, other, "Segunda pericia", "PE-SUNAFIL", "normal", DateTimeOffset.UtcNow.AddDays(3));
        Assert.Contains(other, Ids(await JsonOf(await sunafil.GetAsync("/api/v1/cases?pageSize=500"))));
        var reassigned = await pe.PostAsJsonAsync($"/api/v1/cases/{other}/tasks/{task}/transitions", new { trigger = "reassign", agency = "PE-MP-UDAVIT", note = "Corresponde a UDAVIT" });
        Assert.Equal(HttpStatusCode.OK, reassigned.StatusCode);
        Assert.DoesNotContain(other, Ids(await JsonOf(await sunafil.GetAsync("/api/v1/cases?pageSize=500"))));

        // Filtered by agency, a coordinator's list takes the same path.
        var filtered = await WalkAsync(pe, "/api/v1/cases?agency=PE-SUNAFIL&pageSize=3", () => Task.CompletedTask);
        Assert.Equal(await OrderedCasesAsync("EXISTS (SELECT 1 FROM rm_tasks t WHERE t.case_id = c.case_id AND t.agency = 'PE-SUNAFIL') AND 'PE' = ANY (c.countries)", ""), filtered);

        var bolivian = await WalkAsync(await fixture.ClientFor(Callers.Agent("BO-MTEPS")), "/api/v1/cases?pageSize=2", () => Task.CompletedTask);
        Assert.Empty(bolivian.Intersect(ours));
    }

    [Fact]
    public async Task WalkingTheInboxByNextReturnsOverdueThenUrgentWorkOnceEachWhileTasksAreAdded()
    {
        var pe = await fixture.ClientFor(Callers.Coordinator("PE"));
        var caseId = await OpenAsync(pe, $"bandeja-{Guid.NewGuid():N}"[..18], "PE");
        var now = DateTimeOffset.UtcNow;
        var tasks = new List<string>();
        foreach (var (priority, days) in new[] { ("low", 2), ("urgent", 9), ("high", 1), ("high", 1), ("normal", 4), ("urgent", 3), ("low", 8), ("normal", 4) })
        {
            tasks.Add(await TaskAsync(pe, caseId, $"Diligencia {priority} {days}", "PE-DP", priority, now.AddDays(days)));
        }

        await MakeLateAsync(caseId, tasks[0], tasks[4], tasks[6]);
        var ombudsperson = await fixture.ClientFor(Callers.Agent("PE-DP"));
        var whole = await JsonOf(await ombudsperson.GetAsync("/api/v1/inbox?pageSize=500"));
        var expected = TaskIds(whole);
        var lastAdded = new List<string>();
        var seen = await WalkAsync(ombudsperson, "/api/v1/inbox?pageSize=3", async () =>
            lastAdded.Add($"{caseId}/{await TaskAsync(pe, caseId, "Añadida: la menos urgente", "PE-DP", "low", now.AddDays(300 + lastAdded.Count))}"), TaskIds);

        Assert.True(whole.GetProperty("totalIsExact").GetBoolean());
        Assert.Equal(expected.Count, whole.GetProperty("total").GetInt32());
        Assert.True(expected.Count >= 8 && expected.Count < 500, $"{expected.Count} tasks");
        Assert.Equal([.. expected, .. lastAdded], seen); // every task once; each added one, least urgent, at the end
        Assert.Equal(3, whole.GetProperty("items").EnumerateArray().TakeWhile(t => t.GetProperty("overdue").GetBoolean()).Count(t => t.GetProperty("caseId").GetString() == caseId));

        var late = await WalkAsync(ombudsperson, "/api/v1/inbox?overdue=true&pageSize=2", () => Task.CompletedTask, TaskIds);
        var onTime = await WalkAsync(ombudsperson, "/api/v1/inbox?overdue=false&pageSize=2", () => Task.CompletedTask, TaskIds);
        Assert.Equal(seen, [.. late, .. onTime]);

        // Finished work pages the same way (rm_tasks_done).
        foreach (var id in tasks.Take(5))
        {
            Assert.Equal(HttpStatusCode.OK, (await pe.PostAsJsonAsync($"/api/v1/cases/{caseId}/tasks/{id}/transitions", new { trigger = "cancel", note = "Ya no hace falta" })).StatusCode);
        }

        var cancelled = TaskIds(await JsonOf(await ombudsperson.GetAsync("/api/v1/inbox?state=cancelled&pageSize=500")));
        Assert.Equal(cancelled, await WalkAsync(ombudsperson, "/api/v1/inbox?state=cancelled&pageSize=2", () => Task.CompletedTask, TaskIds));
        Assert.Equal(tasks.Take(5).Order(StringComparer.Ordinal), cancelled.Where(t => t.StartsWith(caseId, StringComparison.Ordinal)).Select(t => t[(caseId.Length + 1)..]).Order(StringComparer.Ordinal));

        // Another agency's inbox, walked to its end, holds none of these (the case's own workflow tasks for the police, yes).
        var police = await WalkAsync(await fixture.ClientFor(Callers.Agent("PE-PNP-DIRCTPTIM")), "/api/v1/inbox?pageSize=5", () => Task.CompletedTask, TaskIds);
        Assert.Empty(police.Intersect([.. tasks.Select(t => $"{caseId}/{t}"), .. lastAdded]));
        var agencies = await WalkAsync(await fixture.ClientFor(Callers.Agent("PE-PNP-DIRCTPTIM")), "/api/v1/inbox?pageSize=5", () => Task.CompletedTask,
            page => [.. page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("agency").GetString()!)]);
        Assert.All(agencies, a => Assert.Equal("PE-PNP-DIRCTPTIM", a));
    }

    [Fact]
    public async Task WalkingTheCoordinationQueueByNextReturnsEachWaitingTaskOnceAndOnlyOfTheCoordinatorsCountries()
    {
        var pe = await fixture.ClientFor(Callers.Coordinator("PE"));
        var caseId = await OpenAsync(pe, $"cola-{Guid.NewGuid():N}"[..18], "PE");
        var tasks = new List<string>();
        foreach (var priority in new[] { "low", "high", "urgent", "normal", "high" })
        {
            tasks.Add(await TaskAsync(pe, caseId, $"Pendiente {priority}", "PE-MIMP", priority, DateTimeOffset.UtcNow.AddDays(5)));
        }

        var mimp = await fixture.ClientFor(Callers.Agent("PE-MIMP"));
        foreach (var id in tasks.Take(2))
        {
            Assert.Equal(HttpStatusCode.OK, (await mimp.PostAsJsonAsync($"/api/v1/cases/{caseId}/tasks/{id}/transitions", new { trigger = "decline", note = "No es de nuestra competencia" })).StatusCode);
        }

        await MakeLateAsync(caseId, tasks[1], tasks[2], tasks[3]);
        var whole = await JsonOf(await pe.GetAsync("/api/v1/queue?pageSize=500"));
        var expected = TaskIds(whole);
        var seen = await WalkAsync(pe, "/api/v1/queue?pageSize=2", () => Task.CompletedTask, TaskIds);

        Assert.Equal(expected, seen);
        Assert.Equal(expected.Count, whole.GetProperty("total").GetInt32());
        Assert.Equal(
            [$"{caseId}/{tasks[2]}", $"{caseId}/{tasks[1]}", $"{caseId}/{tasks[3]}", $"{caseId}/{tasks[0]}"],
            seen.Where(t => t.StartsWith(caseId, StringComparison.Ordinal)));
        var bolivia = await WalkAsync(await fixture.ClientFor(Callers.Coordinator("BO")), "/api/v1/queue?pageSize=2", () => Task.CompletedTask, TaskIds);
        Assert.DoesNotContain(bolivia, t => t.StartsWith(caseId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WalkingNotificationsByNextReturnsEachOnceNewestFirstEvenWithEqualTimesAndOnlyTheCallersCountries()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var at = DateTimeOffset.UtcNow.AddYears(-20); // older than any real one: they come last
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            for (var i = 0; i < 7; i++)
            {
                await InsertNotificationAsync(connection, $"n-{marker}-{i}", "PE", at.AddMinutes(i / 3)); // three share each time
            }

            await InsertNotificationAsync(connection, $"n-{marker}-bo", "BO", at);
        }

        var pe = await fixture.ClientFor(Callers.Coordinator("PE"));
        var whole = await JsonOf(await pe.GetAsync("/api/v1/notifications?pageSize=500"));
        var expected = Ids(whole);
        var addedAt = 0;
        var seen = await WalkAsync(pe, "/api/v1/notifications?pageSize=2", async () =>
        {
            await using var connection = new NpgsqlConnection(fixture.ConnectionString);
            await connection.OpenAsync();
            await InsertNotificationAsync(connection, $"n-{marker}-new-{addedAt++}", "PE", DateTimeOffset.UtcNow);
        });

        Assert.Equal(expected, seen);
        Assert.Equal(
            [.. Enumerable.Range(0, 7).Select(i => $"n-{marker}-{i}").OrderByDescending(id => int.Parse(id[^1..], System.Globalization.CultureInfo.InvariantCulture) / 3).ThenByDescending(id => id, StringComparer.Ordinal)],
            seen.Where(id => id.StartsWith($"n-{marker}-", StringComparison.Ordinal) && !id.Contains("new", StringComparison.Ordinal)));
        Assert.DoesNotContain($"n-{marker}-bo", seen);
        Assert.Contains($"n-{marker}-bo", await WalkAsync(await fixture.ClientFor(Callers.Coordinator("BO")), "/api/v1/notifications?pageSize=50", () => Task.CompletedTask));
        Assert.Empty(await WalkAsync(await fixture.ClientFor(Callers.Agent("PE-MIMP")), "/api/v1/notifications?pageSize=2", () => Task.CompletedTask));
    }

    [Fact]
    public async Task WalkingAWebhooksDeliveryLogByNextReturnsEachDeliveryOnceNewestFirst()
    {
        var admin = await fixture.ClientFor(Callers.Admin());
        var created = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://127.0.0.1:1/enlace/cursor", kinds = new[] { "action-overdue" }, secret = "un-secreto-largo-de-prueba-456" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var webhook = (await JsonOf(created)).GetProperty("id").GetString()!;
        var marker = Guid.NewGuid().ToString("N")[..10];
        var at = DateTimeOffset.UtcNow.AddDays(-1);
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await InsertNotificationAsync(connection, $"n-{marker}", "PE", at);
            for (var i = 0; i < 5; i++)
            {
                // Finished deliveries (the sender leaves them alone), two by two at the same time.
                await using var insert = new NpgsqlCommand("""
                    INSERT INTO notify_deliveries (id, notification_id, channel, recipient, recipient_kind, recipient_ref, language, state, attempts, next_attempt_at, created_at)
                    VALUES (@id, @notification, 'webhook', @id, 'webhook', @webhook, 'en', 'failed', 8, now(), @at)
                    """, connection);
                insert.Parameters.AddWithValue("id", $"d-{marker}-{i}");
                insert.Parameters.AddWithValue("notification", $"n-{marker}");
                insert.Parameters.AddWithValue("webhook", webhook);
                insert.Parameters.AddWithValue("at", at.AddSeconds(i / 2));
                await insert.ExecuteNonQueryAsync();
            }
        }

        var seen = await WalkAsync(admin, $"/api/v1/webhooks/{webhook}/deliveries?pageSize=2", () => Task.CompletedTask);
        var whole = await JsonOf(await admin.GetAsync($"/api/v1/webhooks/{webhook}/deliveries?pageSize=500"));

        Assert.Equal([$"d-{marker}-4", $"d-{marker}-3", $"d-{marker}-2", $"d-{marker}-1", $"d-{marker}-0"], seen);
        Assert.Equal((5, true), (whole.GetProperty("total").GetInt32(), whole.GetProperty("totalIsExact").GetBoolean()));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/v1/webhooks/wh-otro/deliveries?after={(await JsonOf(await admin.GetAsync($"/api/v1/webhooks/{webhook}/deliveries?pageSize=1"))).GetProperty("next").GetString()}")).StatusCode);
    }

    [Fact]
    public async Task ACursorIsOpaqueAndAChangedOneOrOneOfAnotherListOrFilterIsRefused()
    {
        var pe = await fixture.ClientFor(Callers.Coordinator("PE"));
        var marker = $"opaco-{Guid.NewGuid():N}"[..16];
        for (var i = 0; i < 3; i++)
        {
            var id = await OpenAsync(pe, $"{marker} {i}", "PE");
            await TaskAsync(pe, id, "Tarea", "PE-MIMP", "normal", DateTimeOffset.UtcNow.AddDays(2));
        }

        var mimp = await fixture.ClientFor(Callers.Agent("PE-MIMP"));
        var cases = (await JsonOf(await pe.GetAsync($"/api/v1/cases?q={marker}&pageSize=1"))).GetProperty("next").GetString()!;
        var inbox = (await JsonOf(await mimp.GetAsync("/api/v1/inbox?pageSize=1"))).GetProperty("next").GetString()!;
        Assert.DoesNotContain(marker, cases, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await pe.GetAsync($"/api/v1/cases?q={marker}&pageSize=1&after={cases}")).StatusCode);

        var refused = new (HttpClient Client, string Route)[]
        {
            (pe, $"/api/v1/cases?q={marker}&after={Tamper(cases)}"),
            (pe, $"/api/v1/cases?q={marker}&after={cases[..^2]}"),
            (pe, $"/api/v1/cases?q={marker}x&after={cases}"), // another filter
            (pe, $"/api/v1/cases?q={marker}&page=2&after={cases}"),
            (pe, $"/api/v1/cases?after={inbox}"), // another list
            (pe, "/api/v1/cases?after=siete"),
            (pe, $"/api/v1/cases?after={new string('A', 600)}"),
            (mimp, $"/api/v1/inbox?after={Tamper(inbox)}"),
            (mimp, $"/api/v1/inbox?overdue=true&after={inbox}"),
            (mimp, $"/api/v1/inbox?after={cases}"),
            (pe, $"/api/v1/queue?after={inbox}"),
            (pe, $"/api/v1/notifications?after={cases}"),
            (pe, "/api/v1/notifications?after=%2F%2F%2F"),
        };
        foreach (var (client, route) in refused)
        {
            var response = await client.GetAsync(route);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{route}: {(int)response.StatusCode}");
            var problem = await response.ReadJsonAsync();
            Assert.True(problem.GetProperty("errors").TryGetProperty("after", out _), route);
        }

        // The inbox cursor of one agency is not another's.
        Assert.Equal(HttpStatusCode.BadRequest, (await (await fixture.ClientFor(Callers.Agent("PE-SUNAFIL"))).GetAsync($"/api/v1/inbox?after={inbox}")).StatusCode);
    }

    [Fact]
    public async Task ACoordinatorOfAnotherCountryWhoReusesACursorStillSeesOnlyTheirOwnCases()
    {
        var pe = await fixture.ClientFor(Callers.Coordinator("PE"));
        var bo = await fixture.ClientFor(Callers.Coordinator("BO"));
        var marker = $"ajeno-{Guid.NewGuid():N}"[..16];
        var peruvian = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            peruvian.Add(await OpenAsync(pe, $"{marker} {i}", "PE"));
        }

        var bolivian = await OpenAsync(bo, $"{marker} boliviano", "BO");
        var first = await JsonOf(await pe.GetAsync($"/api/v1/cases?q={marker}&pageSize=1"));
        var next = first.GetProperty("next").GetString()!;

        var borrowed = Ids(await JsonOf(await bo.GetAsync($"/api/v1/cases?q={marker}&pageSize=50&after={next}")));
        Assert.Empty(borrowed.Intersect(peruvian));
        Assert.True(borrowed.All(id => id == bolivian), string.Join(", ", borrowed));
    }

    [Fact]
    public async Task ASearchNeedsThreeCharacters()
    {
        var pe = await fixture.ClientFor(Callers.Coordinator("PE"));
        foreach (var q in new[] { "a", "ab", " ab ", "%2Fx" })
        {
            var refused = await pe.GetAsync($"/api/v1/cases?q={q}");
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"q={q}: {(int)refused.StatusCode}");
            var problem = await refused.ReadJsonAsync();
            Assert.Contains("at least 3 characters", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _), q);
        }

        var marker = $"bus-{Guid.NewGuid():N}"[..12];
        var id = await OpenAsync(pe, $"{marker} caso", "PE");
        Assert.Equal([id], Ids(await JsonOf(await pe.GetAsync($"/api/v1/cases?q={marker}"))));
        Assert.Equal(HttpStatusCode.OK, (await pe.GetAsync("/api/v1/cases?q=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pe.GetAsync("/api/v1/cases?q=")).StatusCode);
    }

    [Fact]
    public async Task AListThatWouldCountPastTenThousandSaysItsTotalIsNotExact()
    {
        var marker = $"muchos-{Guid.NewGuid():N}"[..16];
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO rm_cases (case_id, reference, workflow_id, workflow_version, title, summary, state, lead_country, countries, opened_at, updated_at, version)
            SELECT @marker || '-' || i, @marker || '-' || i, 'trafficking-case', 1, @marker || ' generado', 'Carga', 'intake', 'PE', '{PE}',
                   now() - interval '30 years', now() - interval '30 years' + i * interval '1 second', 1
            FROM generate_series(1, 10001) AS i
            """, connection))
        {
            insert.Parameters.AddWithValue("marker", marker);
            await insert.ExecuteNonQueryAsync();
        }

        try
        {
            var pe = await fixture.ClientFor(Callers.Coordinator("PE"));
            var capped = await JsonOf(await pe.GetAsync($"/api/v1/cases?q={marker}&pageSize=2"));
            Assert.Equal((10_000, false), (capped.GetProperty("total").GetInt32(), capped.GetProperty("totalIsExact").GetBoolean()));
            Assert.Equal([$"{marker}-10001", $"{marker}-10000"], Ids(capped));

            // The deepest item OFFSET may reach, and past it by cursor.
            var deep = await JsonOf(await pe.GetAsync($"/api/v1/cases?q={marker}&page=10000&pageSize=1"));
            Assert.Equal([$"{marker}-2"], Ids(deep));
            var past = await JsonOf(await pe.GetAsync($"/api/v1/cases?q={marker}&pageSize=5&after={deep.GetProperty("next").GetString()}"));
            Assert.Equal([$"{marker}-1"], Ids(past));
            Assert.False(past.TryGetProperty("next", out _));

            var exact = await JsonOf(await pe.GetAsync($"/api/v1/cases?q={marker}-1000&pageSize=2"));
            Assert.Equal((3, true), (exact.GetProperty("total").GetInt32(), exact.GetProperty("totalIsExact").GetBoolean())); // -1000, -10000 and -10001
        }
        finally
        {
            await using var delete = new NpgsqlCommand("DELETE FROM rm_cases WHERE case_id LIKE @marker || '-%'", connection);
            delete.Parameters.AddWithValue("marker", marker);
            await delete.ExecuteNonQueryAsync();
        }
    }

    // Follows next from the first page to the last, calling between() after each page; the ids in order.
    private static async Task<List<string>> WalkAsync(HttpClient client, string first, Func<Task> between, Func<JsonElement, List<string>>? ids = null)
    {
        ids ??= Ids;
        var seen = new List<string>();
        var route = first;
        for (var pages = 0; ; pages++)
        {
            var response = await client.GetAsync(route);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var page = await JsonOf(response);
            seen.AddRange(ids(page));
            if (!page.TryGetProperty("next", out var next))
            {
                return seen;
            }

            Assert.True(pages < 1000, $"still a next after {pages} pages of {first}");
            Assert.True(ids(page).Count > 0, $"a next after an empty page of {first}");
            await between();
            route = $"{first}&after={Uri.EscapeDataString(next.GetString()!)}";
        }
    }

    private async Task<List<string>> OrderedCasesAsync(string where, string marker)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT c.case_id FROM rm_cases c WHERE {where} ORDER BY c.updated_at DESC, c.case_id DESC", connection);
        command.Parameters.AddWithValue("marker", marker);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private async Task MakeLateAsync(string caseId, params string[] tasks)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var late = new NpgsqlCommand("UPDATE rm_tasks SET due_at = now() - interval '1 day' WHERE case_id = @case AND task_id = ANY (@tasks)", connection);
        late.Parameters.AddWithValue("case", caseId);
        late.Parameters.AddWithValue("tasks", tasks);
        Assert.Equal(tasks.Length, await late.ExecuteNonQueryAsync());
    }

    private static async Task InsertNotificationAsync(NpgsqlConnection connection, string id, string country, DateTimeOffset at)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO rm_notifications (id, kind, countries, source_kind, source_id, reference, title, detail, at)
            VALUES (@id, 'task-overdue', ARRAY[@country], 'case', 'c-prueba', 'PE-2026-999999', 'Tarea vencida', 'Prueba del cursor', @at)
            """, connection);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("country", country);
        insert.Parameters.AddWithValue("at", at);
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task<string> OpenAsync(HttpClient coordinator, string title, string lead)
    {
        var response = await coordinator.PostAsJsonAsync("/api/v1/cases", new
        {
            workflowId = "trafficking-case",
            title,
            summary = "Caso de prueba de listas por cursor",
            leadCountry = lead,
            partnerCountries = Array.Empty<string>(),
            victims = Array.Empty<object>(),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonOf(response)).GetProperty("id").GetString()!;
    }

    private static async Task<string> TaskAsync(HttpClient coordinator, string caseId, string title, string agency, string priority, DateTimeOffset dueAt)
    {
        var response = await coordinator.PostAsJsonAsync($"/api/v1/cases/{caseId}/tasks", new { title, agency, dueAt, priority });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"task for {agency}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await JsonOf(response)).GetProperty("id").GetString()!;
    }

    private static async Task NoteAsync(HttpClient client, string caseId, string text) =>
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/notes", new { text })).StatusCode);

    // A changed character in the middle of the cursor.
    private static string Tamper(string cursor)
    {
        var chars = cursor.ToCharArray();
        var i = chars.Length / 2;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()!)];

    private static List<string> TaskIds(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(t => $"{t.GetProperty("caseId").GetString()}/{t.GetProperty("id").GetString()}")];

    private static Task<JsonElement> JsonOf(HttpResponseMessage response) => response.ReadJsonAsync();
}
