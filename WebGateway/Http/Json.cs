using System.Text.Json;
using System.Text.Json.Serialization;

namespace Enlace.WebGateway.Http;

/// <summary>The JSON conventions of the API: camelCase, enumerations as strings.</summary>
public static class Json
{
    /// <summary>Options for every body the API writes.</summary>
    public static readonly JsonSerializerOptions Options = Create();

    /// <summary>Serializes a body.</summary>
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Applies the API's conventions to <paramref name="options"/>.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}
