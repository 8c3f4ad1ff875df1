using Microsoft.Extensions.Options;
using Npgsql;

namespace Enlace.WebGateway.Statistics;

/// <summary>
/// Victim counts from <c>rm_victim_facts</c>, which holds no codes, case ids, free text or
/// dates. Only facts that count (statistics consent given, or no identity) are read; rows
/// below k are left out (<see cref="KAnonymity"/>).
/// </summary>
public sealed class StatisticsQueries(NpgsqlDataSource database, IOptions<StatisticsOptions> options)
{
    // A victim with several forms counts once in each form's row; one with none in 'unknown'.
    private const string Forms =
        " CROSS JOIN LATERAL unnest(CASE WHEN cardinality(f.exploitation) = 0 THEN ARRAY['unknown'] ELSE f.exploitation END) AS x(form)";

    /// <summary>Most rows an answer shows; a finer grouping is refused (group by fewer fields, or narrow).</summary>
    public const int MaxRows = 10_000;

    /// <summary>The least number of victims a row shows.</summary>
    public int K => options.Value.K;

    /// <summary>Victims of cases led by <paramref name="scope"/> (opened in <paramref name="year"/>, or any year), grouped by <paramref name="by"/>.</summary>
    public async Task<VictimStatistics> VictimsAsync(IReadOnlyList<string> scope, int? year, IReadOnlyList<string> by, CancellationToken cancellationToken)
    {
        var groups = string.Join(", ", Enumerable.Range(1, by.Count));
        var sql = $"""
            SELECT {string.Join(", ", by.Select(StatisticsFields.Column))}, count(DISTINCT f.fact_id)
            FROM rm_victim_facts f{(by.Contains("exploitation") ? Forms : "")}
            WHERE f.counts AND f.country = ANY (@scope){(year is null ? "" : " AND f.year = @year")}
            GROUP BY {groups} ORDER BY {groups}
            """;
        await using var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue("scope", scope.ToArray());
        if (year is { } y)
        {
            command.Parameters.AddWithValue("year", y);
        }

        var cells = new List<VictimStatisticsRow>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new VictimStatisticsRow { Count = reader.GetInt64(by.Count) };
                for (var i = 0; i < by.Count; i++)
                {
                    row = With(row, by[i], reader.GetString(i));
                }

                cells.Add(row);
            }
        }

        var (rows, suppressed) = KAnonymity.Apply(cells, K);
        return new VictimStatistics(K, scope, year, by, rows, suppressed);
    }

    private static VictimStatisticsRow With(VictimStatisticsRow row, string field, string value) => field switch
    {
        "sex" => row with { Sex = value },
        "ageBroad" => row with { AgeBroad = value },
        "citizenship" => row with { Citizenship = value },
        "exploitation" => row with { Exploitation = value },
        "countryOfExploitation" => row with { CountryOfExploitation = value },
        "identificationStatus" => row with { IdentificationStatus = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a statistics field"),
    };
}
