using Enlace.Bench.Seed;
using Enlace.Grains.Cases;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Workflows.Engine;
using Enlace.Silo.Database;
using Enlace.Tests.Infrastructure;
using Enlace.WebGateway.Cases;
using Enlace.WebGateway.Dashboard;
using Enlace.WebGateway.Statistics;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Enlace.Tests.ReadModel;

/// <summary>
/// The dashboards against a generated dataset whose counts and medians are computed here,
/// independently, from the generated cases; and the generated cases are real cases to the grains.
/// </summary>
public sealed class GeneratedDatasetTests : IAsyncLifetime
{
    private const string ServiceId = "svc-generated";
    private static readonly string[] Unfinished = ["assigned", "accepted", "in_progress", "declined"];
    private static readonly string[] ToDo = ["assigned", "accepted", "in_progress"];

    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private List<(string Id, CaseState State)> _cases = [];
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        _connectionString = await server.CreateDatabaseAsync("generated");
        await DatabaseMigrator.MigrateAsync(_connectionString);
        var generator = new CaseGenerator(TestCatalog.Shipped, _now, seed: 7);
        _cases = [.. Enumerable.Range(0, 600).Select(_ => generator.Next())];
        await using var database = NpgsqlDataSource.Create(_connectionString);
        var writer = new SeedWriter(database, SeedCommand.StorageSerializer(), ServiceId, TestCatalog.Shipped.Reference.VictimValues);
        await writer.WriteAsync(_cases, batchSize: 250);
        await writer.FinishAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(null)]
    [InlineData("PE")]
    [InlineData("BO")]
    public async Task TheSummaryMatchesTheCountsAndMediansOfTheGeneratedCases(string? country)
    {
        await using var database = NpgsqlDataSource.Create(_connectionString);
        var summary = await new DashboardQueries(database).SummaryAsync(country is null ? null : [country], CancellationToken.None);

        var cases = _cases.Where(c => country is null || c.State.Countries.Contains(country)).Select(c => c.State).ToList();
        var tasks = cases.SelectMany(c => c.Tasks).ToList();
        Assert.True(cases.Count > 100 && tasks.Any(Overdue) && tasks.Any(t => t.Escalated), "the dataset is too thin to check anything");
        Assert.Equal(cases.Count, summary.TotalCases);
        Assert.Equal(
            cases.GroupBy(c => (c.WorkflowId, c.Stage)).Select(g => (g.Key.WorkflowId, g.Key.Stage, (long)g.Count())).Order(),
            summary.CasesByState.Select(s => (s.WorkflowId, s.State, s.Count)).Order());
        Assert.Equal(
            cases.SelectMany(c => c.Countries.Where(k => country is null || k == country)).GroupBy(k => k).Select(g => (g.Key, (long)g.Count())).Order(),
            summary.CasesByCountry.Select(c => (c.Key, c.Count)).Order());
        Assert.Equal(
            new TaskFigures(tasks.Count(t => ToDo.Contains(t.State)), tasks.Count(t => t.State == "declined"), tasks.Count(Overdue),
                tasks.Count(t => t.Escalated && Unfinished.Contains(t.State))),
            summary.Tasks);

        var stays = cases.SelectMany(c => Stays(c).Select(s => (c.WorkflowId, s.Stage, s.Hours)));
        Assert.Equal(
            stays.GroupBy(s => (s.WorkflowId, s.Stage)).Select(g => (g.Key.WorkflowId, g.Key.Stage, LowerMedian(g.Select(s => s.Hours)), (long)g.Count())).Order(),
            summary.MedianHoursPerStage.Select(m => (m.WorkflowId, m.Stage, m.MedianHours, m.Stays)).Order());
    }

    [Fact]
    public async Task TheAgencyFiguresMatchTheGeneratedTasks()
    {
        await using var database = NpgsqlDataSource.Create(_connectionString);
        var (agencies, _) = await new DashboardQueries(database).AgenciesAsync(["PE"], CancellationToken.None);

        var tasks = _cases.Where(c => c.State.Countries.Contains("PE")).SelectMany(c => c.State.Tasks).ToList();
        var expected = tasks.GroupBy(t => t.Agency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var completed = g.Where(t => t.State == TaskLifecycle.States.Completed).ToList();
            return (g.Key, (long)g.Count(t => ToDo.Contains(t.State)), (long)g.Count(Overdue), (long)completed.Count(t => t.UpdatedAt > _now.AddDays(-30)),
                (long)completed.Count, completed.Count == 0 ? (int?)null : LowerMedian(completed.Select(t => Hours(t.CreatedAt, t.UpdatedAt))));
        });
        Assert.Equal(expected, agencies.Select(a => (a.Agency, a.Open, a.Overdue, a.CompletedLast30Days, a.Completed, a.MedianHoursToComplete)));
    }

    [Theory]
    [InlineData(null, 7)]
    [InlineData(true, 5)]
    [InlineData(false, 9)]
    public async Task TheInboxPagesThroughTheAgencysWorkOverdueFirstThenByPriorityAndDueDate(bool? overdue, int pageSize)
    {
        var agency = _cases.SelectMany(c => c.State.Tasks).Where(t => ToDo.Contains(t.State)).GroupBy(t => t.Agency).MaxBy(g => g.Count())!.Key;
        var expected = _cases.SelectMany(c => c.State.Tasks.Select(t => (CaseId: c.Id, Task: t)))
            .Where(x => x.Task.Agency == agency && ToDo.Contains(x.Task.State) && (overdue is null || Overdue(x.Task) == overdue))
            .OrderByDescending(x => Overdue(x.Task)).ThenByDescending(x => Rank(x.Task.Priority)).ThenBy(x => x.Task.DueAt)
            .ThenBy(x => x.CaseId, StringComparer.Ordinal).ThenBy(x => x.Task.Id, StringComparer.Ordinal)
            .Select(x => (x.CaseId, x.Task.Id, Overdue(x.Task)))
            .ToList();
        await using var database = NpgsqlDataSource.Create(_connectionString);
        var queries = new CaseQueries(database);

        var seen = new List<(string, string, bool)>();
        for (var page = 1; ; page++)
        {
            var items = await queries.InboxAsync(agency, null, overdue, new WebGateway.Http.Paging(page, pageSize), CancellationToken.None);
            Assert.Equal(expected.Count, items.Total);
            if (items.Items.Count == 0)
            {
                break;
            }

            seen.AddRange(items.Items.Select(i => (i.CaseId, i.Id, i.Overdue)));
        }

        Assert.True(expected.Count > 2 * pageSize, "too little work to page through");
        Assert.Equal(expected, seen);

        // The same walk by cursor: each page's next, read back, starts the following page.
        var walked = new List<(string, string, bool)>();
        var paging = new WebGateway.Http.Paging(1, pageSize);
        for (var pages = 0; ; pages++)
        {
            var items = await queries.InboxAsync(agency, null, overdue, paging, CancellationToken.None);
            Assert.Equal(expected.Count, items.Total);
            walked.AddRange(items.Items.Select(i => (i.CaseId, i.Id, i.Overdue)));
            if (items.Next is null)
            {
                break;
            }

            Assert.True(pages <= expected.Count, "the cursor walk does not end");
            Assert.True(WebGateway.Http.ListCursor.TryRead(items.Next, CaseQueries.InboxList, CaseQueries.InboxKey(agency, null, overdue), out var after));
            paging = paging with { After = after };
        }

        Assert.Equal(expected, walked);
    }

    [Fact]
    public async Task CaseListTotalsMatchTheGeneratedCasesWhetherFromCountersOrCounted()
    {
        await using var database = NpgsqlDataSource.Create(_connectionString);
        var queries = new CaseQueries(database);
        var first = new WebGateway.Http.Paging(1, 10);
        var agency = _cases[0].State.Tasks[0].Agency;
        async Task<int> TotalAsync(Grains.Interfaces.Security.Caller caller, CaseQueries.CaseFilter filter) =>
            (await queries.ListCasesAsync(caller, filter, first, CancellationToken.None)).Total;

        var peManager = await TotalAsync(Callers.Manager("PE"), new(null, null, null, null, null, null));
        var boInvestigations = await TotalAsync(Callers.Manager("BO"), new("investigation", "BO", null, "trafficking-case", null, null));
        var agent = await TotalAsync(Callers.Agent(agency), new(null, null, null, null, null, null));
        var bothCountries = new Grains.Interfaces.Security.Caller("manager-pe-bo", "Gestión PE y BO", [Grains.Interfaces.Security.Caller.Manager], null, ["PE", "BO"]);
        var search = await TotalAsync(bothCountries, new(null, null, null, null, null, "desaguadero"));

        Assert.Equal(_cases.Count(c => c.State.Countries.Contains("PE")), peManager);
        Assert.Equal(_cases.Count(c => c.State.Countries.Contains("BO") && c.State.Stage == "investigation" && c.State.WorkflowId == "trafficking-case"), boInvestigations);
        Assert.Equal(_cases.Count(c => c.State.Tasks.Any(t => t.Agency == agency)), agent);
        Assert.Equal(_cases.Count(c => $"{c.State.Reference} {c.State.Title} {c.State.Summary}".Contains("desaguadero", StringComparison.OrdinalIgnoreCase)), search);
        Assert.True(boInvestigations > 0 && search > 0, "the dataset is too thin to check the filters");
    }

    [Fact]
    public async Task FoldingTheAppendedCounterRowsChangesNoFigure()
    {
        await using var database = NpgsqlDataSource.Create(_connectionString);
        var dashboards = new DashboardQueries(database);
        var before = await dashboards.SummaryAsync(null, CancellationToken.None);
        await using (var work = database.CreateCommand("UPDATE rm_tasks SET state = 'completed', completed_at = now() WHERE state = 'assigned'"))
        {
            Assert.True(await work.ExecuteNonQueryAsync() > 10);
        }

        var moved = await dashboards.SummaryAsync(null, CancellationToken.None);
        var movedAgencies = (await dashboards.AgenciesAsync(["PE"], CancellationToken.None)).Agencies;
        await using (var fold = database.CreateCommand("SELECT rm_compact_counts()"))
        {
            await fold.ExecuteNonQueryAsync();
        }

        var folded = await dashboards.SummaryAsync(null, CancellationToken.None);
        var foldedAgencies = (await dashboards.AgenciesAsync(["PE"], CancellationToken.None)).Agencies;
        Assert.NotEqual(before.Tasks, moved.Tasks);
        Assert.Equal(Json(moved with { AsOf = default }), Json(folded with { AsOf = default }));
        Assert.Equal(Json(movedAgencies), Json(foldedAgencies));
        await using var keys = database.CreateCommand("""
            SELECT (SELECT count(*) FROM (SELECT 1 FROM rm_task_counts GROUP BY countries, agency, state, escalated HAVING count(*) > 1) a)
                 + (SELECT count(*) FROM (SELECT 1 FROM rm_task_deadlines GROUP BY countries, agency, state, day HAVING count(*) > 1) b)
                 + (SELECT count(*) FROM (SELECT 1 FROM rm_completion_hours GROUP BY countries, agency, hours HAVING count(*) > 1) c)
            """);
        Assert.Equal(0L, await keys.ExecuteScalarAsync());

        static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);
    }

    [Fact]
    public async Task TheVictimStatisticsMatchTheGeneratedVictims()
    {
        var values = TestCatalog.Shipped.Reference.VictimValues;
        var year = _cases.GroupBy(c => c.State.OpenedAt.UtcDateTime.Year).MaxBy(g => g.Count())!.Key;
        var cells = _cases.Select(c => c.State).Where(c => c.LeadCountry == "BO" && c.OpenedAt.UtcDateTime.Year == year)
            .SelectMany(c => c.Victims.SelectMany(v => v.Exploitation.Select(e => (v.Sex, Age: values.AgeBroad(v.AgeGroup), e))))
            .GroupBy(v => v).Select(g => (g.Key.Sex, g.Key.Age, g.Key.e, Count: (long)g.Count())).ToList();

        // k between the counts, so that some rows show and some are left out.
        var k = (int)cells.Select(c => c.Count).Distinct().OrderDescending().Skip(1).FirstOrDefault();
        await using var database = NpgsqlDataSource.Create(_connectionString);
        var statistics = await new StatisticsQueries(database, Options.Create(new StatisticsOptions { K = k }))
            .VictimsAsync(["BO"], year, ["sex", "ageBroad", "exploitation"], CancellationToken.None);

        Assert.True(k >= 2 && cells.Exists(c => c.Count < k), $"the dataset is too thin to check anything: {string.Join(", ", cells)}");
        Assert.Equal(cells.Where(c => c.Count >= k).Order(), statistics.Rows.Select(r => (r.Sex!, r.AgeBroad!, r.Exploitation!, r.Count)).Order());
        Assert.Equal(cells.Count(c => c.Count < k), statistics.Suppressed);
    }

    [Fact]
    public async Task EveryGeneratedTaskHasTheAssignmentNotificationTheProjectionWouldHaveWritten()
    {
        var expected = _cases.SelectMany(c => c.State.Events.Where(e => e.Kind == "task-created").Select(e =>
        {
            var task = c.State.Tasks.Single(t => t.Id == e.TaskId);
            return $"{c.Id}:{e.Seq} task-assigned {c.Id} {c.State.Reference} {task.Id} {task.Agency} {string.Join(",", c.State.Countries)} {e.At.UtcTicks / 10}";
        })).Order(StringComparer.Ordinal).ToList();

        await using var database = NpgsqlDataSource.Create(_connectionString);
        await using var command = database.CreateCommand("""
            SELECT id, kind, source_id, reference, task_id, agency, array_to_string(countries, ','), at FROM rm_notifications WHERE source_kind = 'case'
            """);
        var stored = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var at = new DateTimeOffset(reader.GetDateTime(7)).UtcTicks / 10;
                stored.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)} {reader.GetString(3)} {reader.GetString(4)} {reader.GetString(5)} {reader.GetString(6)} {at}");
            }
        }

        Assert.Equal(_cases.Sum(c => c.State.Tasks.Count), expected.Count);
        Assert.Equal(expected, stored.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AGeneratedCaseIsARealCaseToItsGrainAndItsHistoryVerifies()
    {
        var (id, generated) = _cases.First(c => c.State.ClosedAt is null && c.State.PartnerCountries.Count > 0);
        await using var cluster = await EnlaceTestCluster.StartAsync(_connectionString, ServiceId);
        var grain = cluster.Client.GetGrain<ICaseGrain>(id);

        var view = (await grain.Get(Callers.Coordinator())).Case!;
        Assert.Equal((generated.Reference, generated.Stage, generated.Tasks.Count), (view.Reference, view.State, view.Tasks.Length));
        await using var database = NpgsqlDataSource.Create(_connectionString);
        var scope = (await grain.OpenHistory(Callers.Coordinator()))!;
        Assert.Equal(new HistoryVerification(true, generated.Events.Count, null), await new CaseHistory(database).VerifyAsync(id, scope, CancellationToken.None));

        // It takes commands like any other case, and its history grows on from the generated chain.
        var note = await grain.AddNote(new CommandContext(Callers.Coordinator()), new AddNoteCommand("Revisión del caso generado"));
        Assert.Equal(CaseOutcome.Ok, note.Outcome);
        scope = (await grain.OpenHistory(Callers.Coordinator()))!;
        Assert.Equal(new HistoryVerification(true, generated.Events.Count + 1, null), await new CaseHistory(database).VerifyAsync(id, scope, CancellationToken.None));
    }

    private bool Overdue(CaseTask t) =>
        Unfinished.Contains(t.State) && (t.DueAt < _now || (t.State == "assigned" && t.AcknowledgeBy < _now));

    private static int Rank(string priority) => ((IList<string>)Grains.Workflows.Definitions.TaskTemplate.Priorities).IndexOf(priority);

    private static IEnumerable<(string Stage, int Hours)> Stays(CaseState c)
    {
        var moves = c.Events.Where(e => e.TaskId is null && e.To is not null).ToList();
        return moves.Zip(moves.Skip(1), (entered, left) => (entered.To!, Hours(entered.At, left.At)));
    }

    private static int Hours(DateTimeOffset from, DateTimeOffset to) => (int)Math.Floor((to - from).TotalHours);

    private static int LowerMedian(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted[((sorted.Count + 1) / 2) - 1];
    }
}
