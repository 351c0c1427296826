using System.Text.Json.Nodes;

namespace AwsContainment.Host.Results;

/// <summary>
/// Resolves a documented data path against an envelope: <c>action_result.X</c> in every element of
/// <c>action_results</c>, <c>summary.X</c> at the top, <c>*</c> for every element of a list.
/// </summary>
public static class DataPath
{
    /// <summary>Every value the path reaches; empty when it reaches nothing.</summary>
    public static IReadOnlyList<JsonNode?> Resolve(JsonObject envelope, string path)
    {
        var segments = path.Split('.');
        IEnumerable<JsonNode?> roots = segments[0] == "action_result"
            ? envelope["action_results"] as JsonArray ?? []
            : new[] { envelope[segments[0]] };
        return Walk(roots, segments.Skip(1));
    }

    /// <summary>Every value <paramref name="relativePath"/> (<c>Instances.*.State.Name</c>) reaches from <paramref name="node"/>.</summary>
    public static IReadOnlyList<JsonNode?> Within(JsonNode? node, string relativePath) => Walk([node], relativePath.Split('.'));

    private static List<JsonNode?> Walk(IEnumerable<JsonNode?> current, IEnumerable<string> segments)
    {
        foreach (var segment in segments)
        {
            current = current.SelectMany(node => Step(node, segment)).ToList();
        }
        return current.ToList();
    }

    private static IEnumerable<JsonNode?> Step(JsonNode? node, string segment) => (node, segment) switch
    {
        (JsonArray list, "*") => list.ToArray(),
        (JsonObject obj, _) when obj.ContainsKey(segment) => new[] { obj[segment] },
        _ => Array.Empty<JsonNode?>(),
    };
}
