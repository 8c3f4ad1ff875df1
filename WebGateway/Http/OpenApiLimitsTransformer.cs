using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Enlace.WebGateway.Http;

/// <summary>
/// States in the OpenAPI document the bounds the API enforces anyway: no string longer
/// than a text may be (or a body allows), no list longer than a page, integers within
/// their type (the pattern of texts: <see cref="OpenApiTextPatternTransformer"/>). Clients and
/// scanners then know what the server will refuse.
/// </summary>
public sealed class OpenApiLimitsTransformer : IOpenApiSchemaTransformer
{
    /// <summary>Longest string any field accepts (summaries, notes).</summary>
    public const int MaxString = 4000;

    /// <summary>Longest list in a request or a page.</summary>
    public const int MaxItems = 500;

    /// <inheritdoc />
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = schema.Type ?? JsonSchemaType.Null;
        if (type.HasFlag(JsonSchemaType.String) && schema.MaxLength is null && schema.Enum is not { Count: > 0 })
        {
            schema.MaxLength = MaxString;
        }

        if (type.HasFlag(JsonSchemaType.Array) && schema.MaxItems is null)
        {
            schema.MaxItems = MaxItems;
        }

        if (type.HasFlag(JsonSchemaType.Integer))
        {
            schema.Format ??= "int32";
            var wide = schema.Format == "int64";
            schema.Minimum ??= wide ? long.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture) : int.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
            schema.Maximum ??= wide ? long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Task.CompletedTask;
    }
}
