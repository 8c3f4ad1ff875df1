namespace Enlace.WebGateway.Http;

/// <summary>The caller's language for titles: English when <c>Accept-Language</c> prefers it, Spanish otherwise (the users' language).</summary>
public static class Language
{
    /// <summary>True when the request prefers English over Spanish.</summary>
    public static bool PrefersEnglish(HttpRequest request)
    {
        var languages = request.GetTypedHeaders().AcceptLanguage;
        foreach (var language in languages.OrderByDescending(l => l.Quality ?? 1))
        {
            var tag = language.Value.Value ?? "";
            if (tag.StartsWith("es", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
