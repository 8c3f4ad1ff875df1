using Enlace.WebGateway.Auth;
using Enlace.WebGateway.Hosting;

namespace Enlace.WebGateway.Http;

/// <summary>
/// Headers on every answer, errors included: a Content-Security-Policy that lets the UI run only
/// its own scripts (no inline script, no other origin but the sign-in authority), no framing by
/// anyone, no sniffing, no referrer; <c>Cache-Control: no-store</c> on every API answer (cases and
/// victims must not linger in a shared or browser cache); HSTS when served over HTTPS.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>What the API reference and the Orleans dashboard need: their pages carry inline scripts and styles.</summary>
    private static readonly string[] InlinePages = ["/docs", GatewayTelemetry.DashboardPath];

    /// <summary>Adds the headers to the pipeline: set as the answer starts, so that an exception handler's answer has them too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, AuthSettings auth)
    {
        // The UI signs in against the authority (discovery, tokens, silent renewal in a frame).
        var authority = Uri.TryCreate(auth.Authority, UriKind.Absolute, out var uri) ? " " + uri.GetLeftPart(UriPartial.Authority) : "";
        var strict = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self';"
            + $" connect-src 'self'{authority}; frame-src{(authority.Length > 0 ? authority : " 'none'")}; frame-ancestors 'none';"
            + " base-uri 'self'; form-action 'self'; object-src 'none'";
        const string inline = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
            + " font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                Add(context, strict, inline);
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    private static void Add(HttpContext context, string strict, string inline)
    {
        var path = context.Request.Path;
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = InlinePages.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)) ? inline : strict;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }

        if (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            headers.CacheControl = "no-store";
        }
    }
}
