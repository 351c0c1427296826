using System.Text.Json;
using System.Text.Json.Nodes;
using AwsContainment.Connector.Soar;
using AwsContainment.Host.Contract;

namespace AwsContainment.Host.Results;

/// <summary>The JSON a run prints: one action, every parameter set's result, totals.</summary>
public static class ResultEnvelope
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Build(ActionSpec action, IReadOnlyList<ActionResult> results)
    {
        var succeeded = results.Count(r => r.Succeeded);
        return new JsonObject
        {
            ["action"] = action.Name,
            ["identifier"] = action.Identifier,
            ["status"] = results.Count > 0 && succeeded == results.Count ? "success" : "failed",
            ["message"] = $"{succeeded} of {results.Count} parameter sets succeeded",
            ["summary"] = new JsonObject { ["total_objects"] = results.Count, ["total_objects_successful"] = succeeded },
            ["action_results"] = new JsonArray(results.Select(r => (JsonNode)r.ToJson()).ToArray()),
        };
    }

    public static string Print(JsonNode envelope, bool indented = true) =>
        indented ? envelope.ToJsonString(Indented) : envelope.ToJsonString(Compact);

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
