using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Enlace.Grains.Cases;

/// <summary>A stable hash of a command, to tell a retry from another command reusing an idempotency key.</summary>
public static class Fingerprint
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new DefaultArraysAsEmpty() } };

    /// <summary>SHA-256 of the command's kind and its JSON form (a default immutable array counts as an empty one).</summary>
    public static string Of<T>(string kind, T command) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(kind + "\n" + JsonSerializer.Serialize(command, Options))));

    private sealed class DefaultArraysAsEmpty : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ImmutableArray<>);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

        private sealed class Converter<T> : JsonConverter<ImmutableArray<T>>
        {
            public override ImmutableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                throw new NotSupportedException("fingerprints are written, never read");

            public override void Write(Utf8JsonWriter writer, ImmutableArray<T> value, JsonSerializerOptions options) =>
                JsonSerializer.Serialize(writer, value.IsDefault ? [] : value.ToArray(), options);
        }
    }
}
