using Enlace.WebGateway.Auth;
using Microsoft.Extensions.FileProviders;

namespace Enlace.WebGateway.Ui;

/// <summary>
/// The web UI: a single-page application built from <c>ClientApp/</c> by the project's build
/// and copied next to the gateway as <c>ui/</c>. It calls the same API with the same bearer
/// tokens as every other client, so the UI adds no authorization path of its own.
/// </summary>
public static class WebUi
{
    /// <summary>What the UI needs to know before anyone signs in: how to sign in.</summary>
    public sealed record SignInOptions(bool DevTokens, string? Authority, string? ClientId, string Scope);

    /// <summary>Serves the UI at <c>/</c> when it was built; otherwise <c>/</c> leads to the API reference.</summary>
    public static void UseEnlaceWebUi(this WebApplication app)
    {
        var folder = app.Configuration["Ui:Path"] ?? Path.Combine(AppContext.BaseDirectory, "ui");
        if (File.Exists(Path.Combine(folder, "index.html")))
        {
            var files = new PhysicalFileProvider(folder);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                OnPrepareResponse = context =>
                {
                    // Hashed bundles never change; index.html must be fetched anew after an upgrade.
                    var immutable = context.File.Name != "index.html";
                    context.Context.Response.Headers.CacheControl = immutable ? "public, max-age=31536000, immutable" : "no-cache";
                    context.Context.Response.Headers.XContentTypeOptions = "nosniff";
                    context.Context.Response.Headers["Referrer-Policy"] = "no-referrer";
                },
            });
        }
        else
        {
            app.Logger.LogWarning("No web UI at {Folder}: build the WebGateway project with Node.js installed. / leads to the API reference.", folder);
            app.MapGet("/", () => Results.Redirect("/docs")).ExcludeFromDescription();
        }

        app.MapGet("/api/v1/auth/config", (HttpContext http, AuthSettings settings) =>
                new SignInOptions(DevTokenApi.ServedTo(http, settings), settings.Authority, settings.UiClientId, settings.UiScope))
            .WithTags("Authentication").WithName("GetSignInOptions")
            .WithSummary("How to sign in: development tokens (local setups) and/or the OpenID Connect authority and the UI's client id.")
            .AllowAnonymous();
    }
}
