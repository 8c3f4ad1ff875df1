using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace Enlace.WebGateway.Http;

/// <summary>
/// The CSV form of lists and dashboards (<c>Accept: text/csv</c>): RFC 4180, a header of
/// the JSON property names, times in ISO 8601 UTC, lists joined with "; ". A cell that a
/// spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe.
/// </summary>
public static class Csv
{
    /// <summary>The media type.</summary>
    public const string MediaType = "text/csv";

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

    /// <summary>A body as JSON, or the given rows as CSV.</summary>
    public static IResult Negotiate<TBody, TRow>(HttpContext http, TBody body, Func<TBody, IEnumerable<TRow>> rows, string name) =>
        IsWanted(http.Request) ? File(http, Write(rows(body)), name) : TypedResults.Ok(body);

    /// <summary>The rows as CSV, one column per public property.</summary>
    public static string Write<T>(IEnumerable<T> rows)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance);
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

    // Text only: numbers such as -3 stay numbers.
    private static string Guarded(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string Cell(string value)
    {
        return value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
