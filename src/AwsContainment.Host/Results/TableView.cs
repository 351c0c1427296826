using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AwsContainment.Host.Results;

/// <summary>
/// A result envelope as an analyst reads it in a terminal (<c>--output table</c>): the action and its outcome, then
/// per parameter set its status and message, the parameters, the summary, each data item's fields on one line
/// (lists counted, AWS's response metadata left out) and a playbook's steps one per line.
/// </summary>
public static class TableView
{
    private const int LongestValue = 80;

    public static string Render(JsonObject envelope)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{envelope["action"]}: {envelope["status"]} ({envelope["message"]})\n");
        var results = envelope["action_results"] as JsonArray ?? [];
        for (var index = 0; index < results.Count; index++)
        {
            if (results[index] is not JsonObject result)
            {
                continue;
            }
            text.Append(CultureInfo.InvariantCulture, $"\n[{index + 1}] {result["status"]}  {result["message"]}\n");
            Row(text, "parameters", result["parameter"] as JsonObject);
            Row(text, "summary", result["summary"] as JsonObject);
            var data = result["data"] as JsonArray ?? [];
            for (var item = 0; item < data.Count; item++)
            {
                if (data[item] is JsonObject fields)
                {
                    Row(text, data.Count == 1 ? "data" : $"data {item + 1}", fields);
                    Steps(text, fields);
                }
            }
        }
        return text.ToString();
    }

    private static void Row(StringBuilder text, string label, JsonObject? fields)
    {
        var shown = fields?.Where(f => f.Key != "ResponseMetadata").Select(f => $"{f.Key}={Value(f.Value)}").ToList() ?? [];
        if (shown.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"    {label,-11} {string.Join("  ", shown)}\n");
        }
    }

    /// <summary>A playbook's steps (a list of objects with <c>step</c> and <c>status</c>), one line each.</summary>
    private static void Steps(StringBuilder text, JsonObject fields)
    {
        foreach (var (_, value) in fields)
        {
            if (value is JsonArray list && list.All(s => s is JsonObject step && step["step"] is not null && step["status"] is not null))
            {
                foreach (var step in list.OfType<JsonObject>())
                {
                    text.Append(CultureInfo.InvariantCulture, $"      {Cut(Text(step["step"])),-32} {Text(step["status"]),-14} {Cut(Text(step["message"]))}\n");
                }
            }
        }
    }

    private static string Value(JsonNode? value) => value switch
    {
        JsonArray list => $"[{list.Count} {(list.Count == 1 ? "item" : "items")}]",
        JsonObject map => $"{{{map.Count} {(map.Count == 1 ? "field" : "fields")}}}",
        _ => Cut(Text(value)),
    };

    private static string Text(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String => scalar.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    private static string Cut(string value)
    {
        var line = value.ReplaceLineEndings(" ");
        return line.Length > LongestValue ? line[..(LongestValue - 1)] + "…" : line;
    }
}
