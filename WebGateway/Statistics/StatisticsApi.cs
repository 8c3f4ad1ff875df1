using System.Globalization;
using Enlace.Grains.Interfaces.Security;
using Enlace.WebGateway.Auth;
using Enlace.WebGateway.Http;
using Microsoft.AspNetCore.Mvc;

namespace Enlace.WebGateway.Statistics;

/// <summary>
/// k-anonymised victim statistics for managers and coordinators: <c>/api/v1/statistics</c>.
/// Counts cover the cases led by the caller's countries, or one of them with <c>?country=</c>;
/// also as CSV (<c>Accept: text/csv</c>).
/// </summary>
public static class StatisticsApi
{
    /// <summary>CSV only: the k of the answer.</summary>
    public const string KHeader = "X-Statistics-K";

    /// <summary>CSV only: the number of rows left out.</summary>
    public const string SuppressedHeader = "X-Suppressed-Rows";

    /// <summary>Registers the queries and checks <c>Statistics:K</c> when the gateway starts.</summary>
    public static IServiceCollection AddStatisticsQueries(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StatisticsOptions>().Bind(configuration.GetSection(StatisticsOptions.SectionName))
            .Validate(o => o.K >= StatisticsOptions.MinimumK, $"{StatisticsOptions.SectionName}:K must be at least {StatisticsOptions.MinimumK}.")
            .ValidateOnStart();
        return services.AddSingleton<StatisticsQueries>();
    }

    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/statistics").WithTags("Statistics").RequireAuthorization();
        group.MapGet("/victims", GetVictims).WithName("GetVictimStatistics")
            .WithSummary("Victims counted by ?by= fields (sex, ageBroad, citizenship, exploitation, countryOfExploitation, identificationStatus; default sex,ageBroad), "
                + "only those with statistics consent or no identity; a victim with several forms of exploitation counts once in each form's row; "
                + "rows under k are left out and suppressed is how many rows. CSV with Accept: text/csv.")
            .Produces<VictimStatistics>().ProducesCsv().ProducesProblem(400).ProducesProblem(403);
        return group;
    }

    private static async Task<IResult> GetVictims(HttpContext http, [FromServices] StatisticsQueries? queries, string? country, string? year, string? by)
    {
        var caller = http.ToCaller();
        if (!caller.Is(Caller.Manager) && !caller.Is(Caller.Coordinator))
        {
            return Problems.Create(403, "Statistics are for managers and coordinators.").ToResult();
        }

        var errors = new Dictionary<string, string[]>();
        if (country is not null && (country.Length != 2 || !country.All(char.IsAsciiLetterUpper)))
        {
            errors["country"] = ["an ISO 3166 alpha-2 code in capitals, e.g. PE"];
        }

        int? onlyYear = null;
        if (year is not null)
        {
            if (year.Length == 4 && int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y >= 1900)
            {
                onlyYear = y;
            }
            else
            {
                errors["year"] = ["a year such as 2026"];
            }
        }

        if (!StatisticsFields.TryParse(by, out var fields, out var byError))
        {
            errors["by"] = [byError!];
        }

        if (errors.Count > 0)
        {
            return Problems.Create(400, "Invalid filter.", errors).ToResult();
        }

        var countries = caller.Countries.IsDefault ? [] : caller.Countries;
        if (country is not null && !countries.Contains(country))
        {
            return Problems.Create(403, $"You see statistics of {(countries.IsEmpty ? "no country" : string.Join(", ", countries))}, not {country}.").ToResult();
        }

        if (queries is null)
        {
            return Problems.NoReadModel();
        }

        IReadOnlyList<string> scope = country is null ? [.. countries] : [country];
        var statistics = await queries.VictimsAsync(scope, onlyYear, fields, http.RequestAborted);
        if (statistics.Rows.Count > StatisticsQueries.MaxRows)
        {
            return Problems.Create(400, $"Grouped by {string.Join(", ", fields)} the answer has more than {StatisticsQueries.MaxRows} rows; group by fewer fields or narrow it by country or year.",
                new Dictionary<string, string[]> { ["by"] = [$"at most {StatisticsQueries.MaxRows} rows"] }).ToResult();
        }

        if (Csv.IsWanted(http.Request))
        {
            // The CSV holds the rows only; k and the rows left out travel in headers.
            http.Response.Headers[KHeader] = statistics.K.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers[SuppressedHeader] = statistics.Suppressed.ToString(CultureInfo.InvariantCulture);
        }

        return Csv.Negotiate(http, statistics, s => s.Rows, "estadisticas-victimas", [.. fields, "count"]);
    }
}
