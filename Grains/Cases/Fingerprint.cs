using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Enlace.Grains.Cases;

/// <summary>A stable hash of a command, to tell a retry from another command reusing an idempotency key.</summary>
public static class Fingerprint
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new DefaultArraysAsEmpty(), new DictionariesInKeyOrder() } };

    /// <summary>
    /// SHA-256 of the command's kind and its JSON form (a default immutable array counts as an empty
    /// one; a dictionary's entries in key order, since an immutable dictionary enumerates in the order
    /// of string hashes, which differ from process to process: a retry on another silo is the same command).
    /// </summary>
    public static string Of<T>(string kind, T command) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(kind + "\n" + JsonSerializer.Serialize(command, Options))));

    private sealed class DictionariesInKeyOrder : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => ValueType(typeToConvert) is not null;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(Converter<,>).MakeGenericType(typeToConvert, ValueType(typeToConvert)!))!;

        private static Type? ValueType(Type type) =>
            type.GetInterfaces().Append(type)
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) && i.GetGenericArguments()[0] == typeof(string))
                ?.GetGenericArguments()[1];

        private sealed class Converter<TDictionary, TValue> : JsonConverter<TDictionary>
            where TDictionary : IReadOnlyDictionary<string, TValue>
        {
            public override TDictionary Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                throw new NotSupportedException("fingerprints are written, never read");

            public override void Write(Utf8JsonWriter writer, TDictionary value, JsonSerializerOptions options)
            {
                writer.WriteStartObject();
                foreach (var (key, item) in value.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    JsonSerializer.Serialize(writer, item, options);
                }

                writer.WriteEndObject();
            }
        }
    }

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
