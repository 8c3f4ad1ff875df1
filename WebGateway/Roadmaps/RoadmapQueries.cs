using Enlace.Grains.Interfaces.Roadmaps;
using Enlace.Grains.Interfaces.Security;
using Enlace.WebGateway.Http;
using Npgsql;

namespace Enlace.WebGateway.Roadmaps;

/// <summary>Roadmaps and their actions from the read model. An action is overdue once its due day has passed while it is still to deliver.</summary>
public sealed class RoadmapQueries(NpgsqlDataSource database)
{
    private const string Overdue = "(a.state IN ('planned', 'in_progress', 'at_risk') AND a.due_date < (now() AT TIME ZONE 'UTC')::date)";

    /// <summary>The roadmaps of the caller's countries (administrators: all).</summary>
    public async Task<ListPage<RoadmapSummary>> ListAsync(Caller caller, Paging paging, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT r.roadmap_id, r.title, r.countries, r.signed_on, r.signed_at, r.period_start, r.period_end,
                   (SELECT count(*) FROM rm_actions a WHERE a.roadmap_id = r.roadmap_id)::int,
                   (SELECT count(*) FROM rm_actions a WHERE a.roadmap_id = r.roadmap_id AND a.state = 'verified')::int,
                   count(*) OVER ()::int
            FROM rm_roadmaps r
            WHERE @admin OR r.countries && @countries
            ORDER BY r.period_start DESC, r.roadmap_id
            LIMIT @limit OFFSET @offset
            """);
        command.Parameters.AddWithValue("admin", caller.Is(Caller.Admin));
        command.Parameters.AddWithValue("countries", caller.Countries.IsDefault ? Array.Empty<string>() : caller.Countries.ToArray());
        command.Parameters.AddWithValue("limit", paging.PageSize);
        command.Parameters.AddWithValue("offset", paging.Offset);
        var items = new List<RoadmapSummary>();
        var total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var actions = reader.GetInt32(7);
            var verified = reader.GetInt32(8);
            items.Add(new RoadmapSummary(
                reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<DateOnly>(5), reader.GetFieldValue<DateOnly>(6),
                actions, verified, Percent(verified, actions)));
            total = reader.GetInt32(9);
        }

        return new ListPage<RoadmapSummary>(items, paging.Page, paging.PageSize, total);
    }

    /// <summary>The actions of a roadmap the caller may see: all for those who monitor its countries, their own for responsible agencies.</summary>
    public async Task<List<ActionSummary>> ActionsAsync(string roadmapId, Caller caller, bool seesAll, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT a.action_id, a.area, a.title, a.state, a.responsible, a.percent, a.start_date, a.due_date, {Overdue}, a.escalated, a.version
            FROM rm_actions a
            WHERE a.roadmap_id = @roadmap AND (@all OR @agency = ANY (a.responsible))
            ORDER BY a.number
            """);
        command.Parameters.AddWithValue("roadmap", roadmapId);
        command.Parameters.AddWithValue("all", seesAll);
        command.Parameters.AddWithValue("agency", caller.Is(Caller.Agent) ? caller.Agency ?? "" : "");
        var actions = new List<ActionSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            actions.Add(new ActionSummary(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<string[]>(4), reader.GetInt32(5),
                reader.GetFieldValue<DateOnly>(6), reader.GetFieldValue<DateOnly>(7), reader.GetBoolean(8), reader.GetBoolean(9), reader.GetInt32(10)));
        }

        return actions;
    }

    /// <summary>Per area of <paramref name="roadmap"/>: actions by state, verified share and overdue, over all its actions.</summary>
    public async Task<List<AreaProgress>> ProgressAsync(RoadmapView roadmap, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT a.area, a.state, count(*)::int, count(*) FILTER (WHERE {Overdue})::int
            FROM rm_actions a WHERE a.roadmap_id = @roadmap GROUP BY 1, 2
            """);
        command.Parameters.AddWithValue("roadmap", roadmap.Id);
        var rows = new List<(string Area, string State, int Count, int Overdue)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3)));
            }
        }

        return [.. roadmap.Areas.Select(area =>
        {
            var mine = rows.Where(r => r.Area == area.Code).ToList();
            var actions = mine.Sum(r => r.Count);
            var verified = mine.Where(r => r.State == "verified").Sum(r => r.Count);
            return new AreaProgress(area.Code, area.Title, actions, mine.ToDictionary(r => r.State, r => r.Count), verified, Percent(verified, actions), mine.Sum(r => r.Overdue));
        })];
    }

    /// <summary>A share in percent, one decimal; 0 of 0 is 0.</summary>
    public static double Percent(int part, int whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 1);
}
