using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AwsContainment.Host.Contract;

namespace AwsContainment.Host.Results;

/// <summary>
/// A result envelope as an analyst reads it in a terminal (<c>--output table</c>): the action and its outcome, then
/// per parameter set its status and message, the parameters, the summary, each data item's fields on one line
/// (lists counted, AWS's response metadata left out), the values of the deeper fields the action documents (an
/// instance's id and state inside its reservation) and a playbook's steps one per line.
/// </summary>
public static class TableView
{
    private const int LongestValue = 80;
    private const string DataItem = "action_result.data.*.";

    public static string Render(JsonObject envelope, ActionSpec action)
    {
        var documented = action.Output
            .Select(o => o.DataPath)
            .Where(p => p.StartsWith(DataItem, StringComparison.Ordinal) && p.IndexOf('.', DataItem.Length) > 0 && !p.StartsWith(DataItem + "ResponseMetadata", StringComparison.Ordinal))
            .Select(p => p[DataItem.Length..])
            .ToList();
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
                    Row(text, "", Documented(fields, documented));
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

    /// <summary>
    /// The documented deeper paths (<c>Reservations.*.Instances.*.InstanceId</c>) this item has values for, named
    /// without their <c>*</c>; a playbook's steps have lines of their own.
    /// </summary>
    private static JsonObject Documented(JsonObject item, IEnumerable<string> paths)
    {
        var found = new JsonObject();
        var steps = StepLists(item).ToHashSet(StringComparer.Ordinal);
        foreach (var path in paths.Where(p => !steps.Contains(p.Split('.')[0])))
        {
            var values = DataPath.Within(item, path).Where(v => v is JsonValue).Select(Text).ToList();
            if (values.Count > 0)
            {
                found[path.Replace(".*", "", StringComparison.Ordinal)] = string.Join(",", values);
            }
        }
        return found;
    }

    /// <summary>A playbook's steps (a list of objects with <c>step</c> and <c>status</c>), one line each.</summary>
    private static void Steps(StringBuilder text, JsonObject fields)
    {
        foreach (var name in StepLists(fields))
        {
            foreach (var step in fields[name]!.AsArray().OfType<JsonObject>())
            {
                text.Append(CultureInfo.InvariantCulture, $"      {Cut(Text(step["step"])),-32} {Text(step["status"]),-14} {Cut(Text(step["message"]))}\n");
            }
        }
    }

    private static IEnumerable<string> StepLists(JsonObject fields) =>
        fields.Where(f => f.Value is JsonArray list && list.All(s => s is JsonObject step && step["step"] is not null && step["status"] is not null)).Select(f => f.Key);

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
