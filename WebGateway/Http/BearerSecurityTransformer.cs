using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Enlace.WebGateway.Http;

/// <summary>Declares the bearer scheme in the OpenAPI document and requires it everywhere.</summary>
public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Enlace API";
        document.Info.Description = "Cases, tasks and roadmaps shared by the agencies of several countries.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT from the OpenID Connect provider, or POST /api/v1/auth/dev-token in a local setup.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
