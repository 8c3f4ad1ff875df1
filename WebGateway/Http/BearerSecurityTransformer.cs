using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Enlace.WebGateway.Http;

/// <summary>Declares the bearer scheme in the OpenAPI document and requires it everywhere.</summary>
public sealed class BearerSecurityTransformer(IConfiguration configuration) : IOpenApiDocumentTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var publicUrl = configuration["Api:PublicUrl"] ?? "https://localhost";
        document.Info.Title = "Enlace API";
        document.Info.Description = "Cases, tasks and roadmaps shared by the agencies of several countries.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT (RFC7519) from the OpenID Connect provider, or from POST /api/v1/auth/dev-token in a local setup; "
                + "issued and validated following the JWT best current practices of RFC8725: signed (HS256 or the provider's keys), "
                + "issuer, audience and expiry always checked.",
        };
        // The public address of the API (Api:PublicUrl); the API is served over HTTPS in production.
        document.Servers = [new OpenApiServer
        {
            Url = publicUrl,
            Description = configuration["Api:Environment"] is { Length: > 0 } environment ? $"Enlace API ({environment})" : "Enlace API (production)",
            Extensions = new Dictionary<string, IOpenApiExtension> { ["x-internal"] = new JsonNodeExtension(System.Text.Json.Nodes.JsonValue.Create(false)) },
        }];
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
