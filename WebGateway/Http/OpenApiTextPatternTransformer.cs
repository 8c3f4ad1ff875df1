using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Enlace.WebGateway.Http;

/// <summary>
/// Gives every text of the OpenAPI document without a format, pattern or value list the pattern
/// <see cref="PrintableInput"/> enforces: no control character but tab, line feed and carriage return.
/// Done once on the finished document, where every schema (components, parameters, bodies, headers) is reachable.
/// Also: a request body's nullable field is not <c>required</c> (the framework marks every record
/// parameter so): an absent field binds as null and the server's validation decides (400).
/// </summary>
public sealed class OpenApiTextPatternTransformer : IOpenApiDocumentTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var seen = new HashSet<OpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var (name, schema) in document.Components?.Schemas?.AsEnumerable() ?? [])
        {
            Visit(schema, seen);
            if (name.EndsWith("Request", StringComparison.Ordinal) && schema is OpenApiSchema request && request.Required is { Count: > 0 } required)
            {
                foreach (var field in required.Where(f => request.Properties?.TryGetValue(f, out var property) == true
                    && (property.Type ?? JsonSchemaType.Null).HasFlag(JsonSchemaType.Null)).ToList())
                {
                    required.Remove(field);
                }
            }
        }

        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var parameter in operation.Parameters ?? [])
            {
                Visit(parameter.Schema, seen);
            }

            foreach (var media in operation.RequestBody?.Content?.Values.AsEnumerable() ?? [])
            {
                Visit(media.Schema, seen);
            }

            foreach (var response in operation.Responses?.Values.AsEnumerable() ?? [])
            {
                foreach (var media in response.Content?.Values.AsEnumerable() ?? [])
                {
                    Visit(media.Schema, seen);
                }

                foreach (var header in response.Headers?.Values.AsEnumerable() ?? [])
                {
                    Visit(header.Schema, seen);
                }
            }
        }

        return Task.CompletedTask;
    }

    private static void Visit(IOpenApiSchema? candidate, HashSet<OpenApiSchema> seen)
    {
        // References are visited where they are defined (the components).
        if (candidate is not OpenApiSchema schema || !seen.Add(schema))
        {
            return;
        }

        if ((schema.Type ?? JsonSchemaType.Null).HasFlag(JsonSchemaType.String)
            && schema.Format is null && schema.Pattern is null && schema.Enum is not { Count: > 0 } && schema.Const is null)
        {
            schema.Pattern = PrintableInput.Pattern;
        }

        foreach (var child in (schema.Properties?.Values ?? []).Concat(schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? []))
        {
            Visit(child, seen);
        }

        Visit(schema.Items, seen);
        Visit(schema.AdditionalProperties, seen);
    }
}
