using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Enlace.WebGateway.Http;

/// <summary>
/// Documents what every API operation may also answer: the rate-limit headers, 400 (an address
/// with control characters, <see cref="PrintableInput"/>), 401, 413 (<see cref="BodySizeLimit"/>), 429
/// and 503, all as the shared <c>ProblemDetails</c> schema, and Kestrel's bodiless 414 and 431; and
/// describes who may call it.
/// </summary>
public sealed class OpenApiResponsesTransformer : IOpenApiOperationTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Responses ??= [];
        if (context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true)
        {
            DescribeApiResponses(operation, context);
        }

        operation.Description ??= Callers(context);

        // The document requires the bearer scheme everywhere; an anonymous route says it needs none.
        if (!Authenticated(context))
        {
            operation.Security = [];
        }

        foreach (var response in operation.Responses.Values.OfType<OpenApiResponse>())
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers.TryAdd("Access-Control-Allow-Origin", CorsHeader());
        }

        return Task.CompletedTask;
    }

    private static void DescribeApiResponses(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        operation.Responses ??= [];
        var authenticated = Authenticated(context);
        var document = context.Document!;
        operation.Responses.TryAdd("400", Problem(document, "The address holds control characters."));
        if (authenticated)
        {
            operation.Responses.TryAdd("401", Problem(document, "No valid bearer token."));
        }

        operation.Responses.TryAdd("413", Problem(document, $"The request body is over {BodySizeLimit.MaxBytes / 1024} KiB (whatever the method)."));
        operation.Responses.TryAdd("429", Problem(document, "Too many requests; see Retry-After.", retryAfter: true));

        // Kestrel's own limits, answered before any middleware runs, hence without a body.
        operation.Responses.TryAdd("414", new OpenApiResponse { Description = "The request line (method, address and query) is over the server's 8 KiB limit; no body." });
        operation.Responses.TryAdd("431", new OpenApiResponse { Description = "The request headers are over the server's 32 KiB limit; no body." });
        operation.Responses.TryAdd("503", Problem(document, "Storage or cluster unavailable; see Retry-After.", retryAfter: true));
        foreach (var (_, response) in operation.Responses.Where(r => (r.Key.StartsWith('2') || r.Key.StartsWith('4')) && r.Key is not ("414" or "431")))
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }

            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
            foreach (var header in ApiRateLimit.Headers)
            {
                concrete.Headers.TryAdd(header, new OpenApiHeader
                {
                    Description = header switch
                    {
                        "RateLimit-Limit" => "Requests allowed per window.",
                        "RateLimit-Remaining" => "Requests left in the current window.",
                        _ => "Seconds until the window resets.",
                    },
                    Schema = Seconds(),
                });
            }
        }
    }

    private static bool Authenticated(OpenApiOperationTransformerContext context) =>
        context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any()
        && !context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();

    private static string Callers(OpenApiOperationTransformerContext context)
    {
        if (!Authenticated(context))
        {
            return "Open to anonymous callers.";
        }

        var authorization = context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().ToList();

        var roles = authorization.Where(a => a.Roles is { Length: > 0 }).SelectMany(a => a.Roles!.Split(',')).Distinct().ToList();
        return roles.Count == 0
            ? "Needs a bearer token; what the caller sees and may change follows their roles, agency and countries."
            : $"Needs a bearer token with one of the roles {string.Join(", ", roles)}.";
    }

    // An origin (scheme, host, port) as CORS echoes it, or "*" when Api:AllowedOrigins allows any.
    private static OpenApiHeader CorsHeader() => new()
    {
        Description = "Sent only to browser origins listed in Api:AllowedOrigins; none by default (CORS closed).",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200, Pattern = "^(\\*|[A-Za-z][A-Za-z0-9+.-]*://[^/\\s]+)$" },
    };

    private static OpenApiSchema Seconds() =>
        new() { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Maximum = "1000000" };

    // The framework's ProblemDetails component (every ProducesProblem route refers to it), restricted by OpenApiLimitsTransformer.
    private static OpenApiResponse Problem(OpenApiDocument document, string description, bool retryAfter = false) => new()
    {
        Description = description,
        Headers = retryAfter
            ? new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before retrying.", Schema = Seconds() },
            }
            : null,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [Problems.MediaType] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
        },
    };
}
