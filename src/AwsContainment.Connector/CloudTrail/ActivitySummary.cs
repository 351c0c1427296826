using System.Text.Json.Nodes;

namespace AwsContainment.Connector.CloudTrail;

/// <summary>
/// CloudTrail events summarised the way the playbook's Athena queries do: API calls by region, event source,
/// name, read-only and error with counts; source IPs and user agents with counts; the identities that made the
/// calls; and every write event with its request parameters and response elements.
/// </summary>
public static class ActivitySummary
{
    private static readonly string[] ApiCallKeys = ["AwsRegion", "EventSource", "EventName", "ReadOnly", "ErrorCode", "ErrorMessage"];
    private static readonly string[] SourceKeys = ["SourceIPAddress", "UserAgent"];
    private static readonly string[] IdentityKeys = ["Arn", "AccessKeyId"];

    public static ActivityTables Summarise(IEnumerable<JsonObject> events)
    {
        var rows = events.Select(Row).OrderBy(r => (string?)r["EventTime"], StringComparer.Ordinal).ThenBy(r => (string?)r["EventId"], StringComparer.Ordinal).ToList();
        var writes = rows.Where(r => r["ReadOnly"]?.GetValue<bool>() == false)
            .Select(r => Pick(r, "EventTime", "AwsRegion", "EventSource", "EventName", "RequestParameters", "ResponseElements", "ErrorCode", "ErrorMessage", "SourceIPAddress", "EventId"));
        return new ActivityTables(
            rows.Count,
            Tally(rows, ApiCallKeys),
            Tally(rows, SourceKeys),
            Tally(rows, IdentityKeys),
            new JsonArray(writes.ToArray<JsonNode?>()));
    }

    /// <summary>One event's fields from its CloudTrail record (the <c>CloudTrailEvent</c> JSON), with AWS's names.</summary>
    private static JsonObject Row(JsonObject lookedUp)
    {
        var record = JsonNode.Parse((string?)lookedUp["CloudTrailEvent"] ?? "{}") as JsonObject ?? [];
        var identity = record["userIdentity"] as JsonObject;
        return new JsonObject
        {
            ["EventTime"] = (string?)record["eventTime"] ?? (string?)lookedUp["EventTime"],
            ["EventId"] = (string?)record["eventID"] ?? (string?)lookedUp["EventId"],
            ["AwsRegion"] = (string?)record["awsRegion"],
            ["EventSource"] = (string?)record["eventSource"] ?? (string?)lookedUp["EventSource"],
            ["EventName"] = (string?)record["eventName"] ?? (string?)lookedUp["EventName"],
            // The record's readOnly is a boolean; the lookup's own ReadOnly is the string "true"/"false".
            ["ReadOnly"] = (bool?)record["readOnly"] ?? string.Equals((string?)lookedUp["ReadOnly"], "true", StringComparison.OrdinalIgnoreCase),
            ["ErrorCode"] = (string?)record["errorCode"],
            ["ErrorMessage"] = (string?)record["errorMessage"],
            ["SourceIPAddress"] = (string?)record["sourceIPAddress"],
            ["UserAgent"] = (string?)record["userAgent"],
            ["Arn"] = (string?)identity?["arn"],
            ["AccessKeyId"] = (string?)identity?["accessKeyId"] ?? (string?)lookedUp["AccessKeyId"],
            ["RequestParameters"] = record["requestParameters"]?.DeepClone(),
            ["ResponseElements"] = record["responseElements"]?.DeepClone(),
        };
    }

    /// <summary>GROUP BY the keys with a Count, most frequent first; ties keep the order they first occurred in.</summary>
    private static JsonArray Tally(List<JsonObject> rows, string[] keys)
    {
        var groups = rows
            .Select((row, index) => (Key: string.Join('\u001f', keys.Select(k => row[k]?.ToJsonString() ?? "null")), Row: row, Index: index))
            .GroupBy(r => r.Key, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.First().Index)
            .Select(g =>
            {
                var entry = Pick(g.First().Row, keys);
                entry["Count"] = g.Count();
                return (JsonNode)entry;
            });
        return new JsonArray(groups.ToArray());
    }

    private static JsonObject Pick(JsonObject row, params string[] keys) =>
        new(keys.Select(k => KeyValuePair.Create(k, row[k]?.DeepClone())));
}

/// <summary>The summary tables of one lookup.</summary>
public sealed record ActivityTables(int EventCount, JsonArray ApiCalls, JsonArray SourceAddresses, JsonArray Identities, JsonArray WriteEvents);
