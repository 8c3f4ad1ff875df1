using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Enlace.Grains.Workflows.Definitions;

/// <summary>
/// Reads YAML data files strictly (an unknown key is an error, not ignored) and
/// remembers the line of every node by its path, e.g. <c>triggers[2].to</c>, so that
/// semantic errors found later can name the line.
/// </summary>
public static class YamlDocuments
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Parses <paramref name="yaml"/> into <typeparamref name="T"/>; errors name the file and line.</summary>
    public static (T? Value, IReadOnlyDictionary<string, int> Lines, DefinitionError? Error) Parse<T>(string file, string yaml)
        where T : class
    {
        try
        {
            var value = Deserializer.Deserialize<T>(yaml);
            return value is null
                ? (null, new Dictionary<string, int>(), new DefinitionError(file, "", 1, "the file is empty"))
                : (value, LinesOf(yaml), null);
        }
        catch (YamlException e)
        {
            var message = (e.InnerException?.Message ?? e.Message).Split(Environment.NewLine)[0];
            return (null, new Dictionary<string, int>(), new DefinitionError(file, "", (int)e.Start.Line, message));
        }
    }

    private static Dictionary<string, int> LinesOf(string yaml)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count > 0)
        {
            Walk(stream.Documents[0].RootNode, "", lines);
        }

        return lines;
    }

    private static void Walk(YamlNode node, string path, Dictionary<string, int> lines)
    {
        lines[path] = (int)node.Start.Line;
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    var name = ((YamlScalarNode)key).Value ?? "";
                    Walk(value, path.Length == 0 ? name : $"{path}.{name}", lines);
                    lines[path.Length == 0 ? name : $"{path}.{name}"] = (int)key.Start.Line;
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Walk(sequence.Children[i], $"{path}[{i}]", lines);
                }

                break;
        }
    }
}
