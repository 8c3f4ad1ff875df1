namespace Enlace.Grains.Interfaces.Notifications;

/// <summary>The rule for a webhook subscriber's URL, checked when it is registered and again before each call (pure).</summary>
public static class WebhookUrls
{
    /// <summary>Null when <paramref name="url"/> may be called, else why not: absolute, <c>https</c> or <c>http</c> to an allowed host, no credentials in it.</summary>
    public static string? Check(string? url, IReadOnlyCollection<string> allowedHosts)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
        {
            return "url must be an absolute https URL, e.g. https://sistema.example.gob.pe/enlace/eventos";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "url must not carry a user name or password; the signature authenticates Enlace";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !allowedHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
        {
            return $"url must use https: plain http is allowed only for the configured hosts (Notifications:Webhooks:AllowedHosts), and '{uri.Host}' is not one";
        }

        return null;
    }

}
