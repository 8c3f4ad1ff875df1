using Orleans.Serialization;

namespace Enlace.Grains.Interfaces.Hosting;

/// <summary>
/// Which exceptions cross from a silo to a gateway as themselves. Orleans serializes only
/// exceptions of the System, Microsoft and Azure namespaces (and its own). A grain whose
/// storage failed throws an OrleansException wrapping an NpgsqlException; without Npgsql
/// here that answer fails to serialize, and the gateway receives a CodecNotFoundException
/// instead of the database failure (and answered 500 instead of 503). Silos and gateways
/// both apply this.
/// </summary>
public static class WireExceptions
{
    /// <summary>Namespaces whose exceptions travel besides Orleans' defaults.</summary>
    public static readonly IReadOnlyList<string> Namespaces = ["Npgsql"];

    /// <summary>Adds <see cref="Namespaces"/> to <paramref name="options"/>.</summary>
    public static void Configure(ExceptionSerializationOptions options)
    {
        foreach (var prefix in Namespaces)
        {
            options.SupportedNamespacePrefixes.Add(prefix);
        }
    }
}
