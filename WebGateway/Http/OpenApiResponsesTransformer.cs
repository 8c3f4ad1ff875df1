using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Enlace.WebGateway.Http;

/// <summary>Documents what every API operation may also answer: the rate-limit headers, 401, 429 and 503.</summary>
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
        var authenticated = context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any();
        if (authenticated)
        {
            operation.Responses.TryAdd("401", Problem("No valid bearer token."));
        }

        operation.Responses.TryAdd("429", Problem("Too many requests; see Retry-After.", retryAfter: true));
        operation.Responses.TryAdd("503", Problem("Storage or cluster unavailable; see Retry-After.", retryAfter: true));
        foreach (var (_, response) in operation.Responses.Where(r => r.Key.StartsWith('2') || r.Key.StartsWith('4')))
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

    private static OpenApiHeader CorsHeader() => new()
    {
        Description = "Sent only to browser origins listed in Api:AllowedOrigins; none by default (CORS closed).",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
    };

    private static OpenApiSchema Seconds() =>
        new() { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Maximum = "1000000" };

    private static OpenApiResponse Problem(string description, bool retryAfter = false) => new()
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
            [Problems.MediaType] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
                        ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
                        ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599" },
                        ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = OpenApiLimitsTransformer.MaxString },
                    },
                },
            },
        },
    };
}
