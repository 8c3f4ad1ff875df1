using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Enlace.WebGateway.Http;

/// <summary>
/// States on every list operation's <c>page</c> and <c>pageSize</c> the bounds <see cref="Paging"/>
/// enforces — pages of 1–500 items, none reaching past the 10,000th — and what <c>after</c> takes.
/// </summary>
public sealed class OpenApiPagingTransformer : IOpenApiOperationTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query))
        {
            switch (parameter.Name, parameter.Schema)
            {
                case ("page", OpenApiSchema schema):
                    Bound(schema, Paging.MaxDepth);
                    parameter.Description = string.Create(CultureInfo.InvariantCulture,
                        $"Page number, from 1 (default 1). page × pageSize may not exceed {Paging.MaxDepth}: deeper pages are refused with 400 — narrow the filter.");
                    break;
                case ("pageSize", OpenApiSchema schema):
                    Bound(schema, Paging.MaxPageSize);
                    parameter.Description = string.Create(CultureInfo.InvariantCulture, $"Items per page, 1–{Paging.MaxPageSize} (default 50).");
                    break;
                case ("after", OpenApiSchema schema):
                    schema.MaxLength = ListCursor.MaxLength;
                    parameter.Description = "The next of the previous page, unchanged (an opaque cursor, with the same filters and without page): "
                        + "the page after it, read from the index at that point, so it costs the same at any depth.";
                    break;
            }
        }

        return Task.CompletedTask;
    }

    private static void Bound(OpenApiSchema schema, int maximum)
    {
        schema.Minimum = "1";
        schema.Maximum = maximum.ToString(CultureInfo.InvariantCulture);
    }
}
