using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace Enlace.WebGateway.Http;

/// <summary>
/// The CSV form of lists and dashboards (<c>Accept: text/csv</c>): RFC 4180, a header of
/// the JSON property names, times in ISO 8601 UTC, lists joined with "; ". A cell that a
/// spreadsheet would run as a formula (=, +, -, @, a tab or a carriage return first, or after a
/// separator inside the text) has an apostrophe put before it.
/// </summary>
public static class Csv
{
    /// <summary>The media type.</summary>
    public const string MediaType = "text/csv";

    // The bound the OpenAPI document states for a CSV body (its schema is a string).
    private const int MaxCsvLength = 64 * 1024 * 1024;

    /// <summary>True when the client prefers CSV to JSON.</summary>
    public static bool IsWanted(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        double Quality(string type) => accept.Where(a => a.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1).DefaultIfEmpty(-1).Max();
        var csv = Quality(MediaType);
        return csv > 0 && csv >= Quality("application/json");
    }

    /// <summary>A page of a list as JSON, or its rows as CSV with the total in <c>X-Total-Count</c>.</summary>
    public static IResult Negotiate<T>(HttpContext http, ListPage<T> page, string name)
    {
        if (!IsWanted(http.Request))
        {
            return TypedResults.Ok(page);
        }

        http.Response.Headers["X-Total-Count"] = page.Total.ToString(CultureInfo.InvariantCulture);
        return File(http, Write(page.Items), name);
    }

    /// <summary>A body as JSON, or the given rows as CSV (only the named <paramref name="columns"/>, in their order, when given).</summary>
    public static IResult Negotiate<TBody, TRow>(HttpContext http, TBody body, Func<TBody, IEnumerable<TRow>> rows, string name, IReadOnlyList<string>? columns = null) =>
        IsWanted(http.Request) ? File(http, Write(rows(body), columns), name) : TypedResults.Ok(body);

    /// <summary>Declares in the OpenAPI document that the route's 200 also comes as CSV.</summary>
    public static TBuilder ProducesCsv<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
            {
                response.Content ??= new Dictionary<string, OpenApiMediaType>();
                response.Content[MediaType] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Description = "RFC 4180: a header row of the JSON property names, then one line per row.",
                        MaxLength = MaxCsvLength,
                        Pattern = PrintableInput.Pattern,
                    },
                };
            }

            return Task.CompletedTask;
        });

    /// <summary>
    /// The rows as CSV, one column per public property, or per property named (by its JSON
    /// name) in <paramref name="columns"/>, in that order.
    /// </summary>
    public static string Write<T>(IEnumerable<T> rows, IReadOnlyList<string>? columns = null)
    {
        var all = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var properties = columns is null ? all
            : [.. columns.Select(c => all.Single(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name) == c))];
        var text = new StringBuilder();
        text.AppendJoin(',', properties.Select(p => Cell(JsonNamingPolicy.CamelCase.ConvertName(p.Name)))).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', properties.Select(p => Cell(Format(p.GetValue(row))))).Append("\r\n");
        }

        return text.ToString();
    }

    private static IResult File(HttpContext http, string csv, string name)
    {
        http.Response.Headers[HeaderNames.ContentDisposition] = $"attachment; filename=\"{name}.csv\"";
        return TypedResults.Text(csv, $"{MediaType}; charset=utf-8", Encoding.UTF8);
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => Guarded(s),
        DateTimeOffset at => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFZ", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => string.Join("; ", items.Cast<object?>().Select(Format)),
        _ => value.ToString() ?? "",
    };

    // Text only: numbers such as -3 stay numbers. A spreadsheet in a Spanish locale splits on ';'
    // (and some tools on ',' or a line break whatever the quotes), so what follows a separator is
    // guarded like the start of a cell.
    private static string Guarded(string text)
    {
        var guarded = new StringBuilder(text.Length + 2);
        var startOfPart = true;
        foreach (var c in text)
        {
            if (startOfPart && c is '=' or '+' or '-' or '@' or '\t' or '\r')
            {
                guarded.Append('\'');
            }

            guarded.Append(c);
            startOfPart = c is ';' or ',' or '\n' || (startOfPart && c == ' ');
        }

        return guarded.ToString();
    }

    // Quoted when it holds a separator of either convention, so that it stays one cell.
    private static string Cell(string value) =>
        value.IndexOfAny([',', ';', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
