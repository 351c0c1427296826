using System.Text.Json.Nodes;

namespace AwsContainment.Tests;

/// <summary>Asserts that every value in an expected JSON tree is present and equal in the actual one.</summary>
internal static class JsonSubset
{
    public static void AssertContained(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        switch (expected)
        {
            case JsonObject expectedObject:
                var actualObject = Assert.IsType<JsonObject>(actual, exactMatch: false);
                foreach (var (key, value) in expectedObject)
                {
                    Assert.True(actualObject.ContainsKey(key), $"{path}.{key} is missing in {Shorten(actual)}");
                    AssertContained(value, actualObject[key], $"{path}.{key}");
                }
                break;
            case JsonArray expectedArray:
                var actualArray = Assert.IsType<JsonArray>(actual, exactMatch: false);
                Assert.True(expectedArray.Count <= actualArray.Count, $"{path} has {actualArray.Count} items, expected at least {expectedArray.Count}");
                for (var i = 0; i < expectedArray.Count; i++)
                {
                    AssertContained(expectedArray[i], actualArray[i], $"{path}[{i}]");
                }
                break;
            default:
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: expected {expected?.ToJsonString() ?? "null"}, got {actual?.ToJsonString() ?? "null"}");
                break;
        }
    }

    private static string Shorten(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}
