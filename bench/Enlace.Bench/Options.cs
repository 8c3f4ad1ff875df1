using System.Globalization;

namespace Enlace.Bench;

/// <summary>Command-line options of the form <c>--name value</c>.</summary>
public sealed class Options(Dictionary<string, string> values)
{
    /// <summary>Reads <c>--name value</c> pairs.</summary>
    public static Options Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                name = arg[2..];
                values[name] = "true";
            }
            else if (name is not null)
            {
                values[name] = arg;
                name = null;
            }
        }

        return new Options(values);
    }

    /// <summary>A text option.</summary>
    public string? Get(string name) => values.GetValueOrDefault(name);

    /// <summary>A whole-number option; accepts 1000000, 1_000_000 or 1e6.</summary>
    public int Int(string name, int fallback) =>
        values.TryGetValue(name, out var text) ? (int)double.Parse(text.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : fallback;
}
