using System.Text.Json;

namespace Enlace.WebGateway.Http;

/// <summary>
/// Texts the API accepts hold no control character other than tab, line feed and carriage
/// return (the pattern every string of the OpenAPI document states): an API request whose path,
/// query or JSON body (a string or a property name) holds one is refused with 400 here.
/// </summary>
public static class PrintableInput
{
    /// <summary>The JSON Schema (ECMA-262) pattern of such a text.</summary>
    public const string Pattern = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$";

    /// <summary>True when <paramref name="value"/> holds no control character but tab, line feed and carriage return.</summary>
    public static bool IsPrintable(string value) => !value.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));

    /// <summary>Adds the check of API requests to the pipeline (after the body size limit).</summary>
    public static IApplicationBuilder UsePrintableInput(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (!request.Path.StartsWithSegments("/api"))
            {
                await next(context);
                return;
            }

            if (!IsPrintable(request.Path.Value ?? "") || request.Query.Any(q => !IsPrintable(q.Key) || q.Value.Any(v => v is not null && !IsPrintable(v))))
            {
                await Problems.Create(400, "The address holds control characters; remove them from the path and the query.").ToResult().ExecuteAsync(context);
                return;
            }

            if (request.HasJsonContentType() && await BodyHasControlCharactersAsync(request, context.RequestAborted))
            {
                await Problems.Create(400, "A text in the body holds control characters (only tab, line feed and carriage return are accepted).").ToResult().ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    // Reads the body (at most BodySizeLimit.MaxBytes) once, keeps it for the endpoint, and looks at every
    // string token; a body that is not JSON is left to the endpoint's own 400.
    private static async Task<bool> BodyHasControlCharactersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        request.Body.Position = 0;
        return HasControlCharacters(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private static bool HasControlCharacters(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && !IsPrintable(reader.GetString() ?? ""))
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }

        return false;
    }
}
