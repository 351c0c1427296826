using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;

namespace AwsContainment.Connector.CloudTrail;

/// <summary>
/// CloudTrail (JSON protocol 1.1) behind one interface, so the official AWSSDK.CloudTrail package could replace
/// it here alone. LookupEvents reads the region's event history: management events of the last 90 days.
/// </summary>
public interface ICloudTrailClient
{
    /// <summary>Every event matching the attribute between <paramref name="start"/> and <paramref name="end"/>, across every page.</summary>
    Task<EventLookup> LookupEventsAsync(LookupAttribute attribute, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken);
}

/// <summary>What LookupEvents filters on: <c>AccessKeyId</c>, <c>Username</c>, … and the value.</summary>
public sealed record LookupAttribute(string Key, string Value)
{
    public static LookupAttribute AccessKey(string accessKeyId) => new("AccessKeyId", accessKeyId);

    public static LookupAttribute User(string userName) => new("Username", userName);

    public JsonObject ToJson() => new() { ["AttributeKey"] = Key, ["AttributeValue"] = Value };
}

/// <summary>The events of every page as AWS returned them, how many pages that took, and the last page's metadata.</summary>
public sealed record EventLookup(IReadOnlyList<JsonObject> Events, int Pages, JsonObject Metadata);

public sealed class CloudTrailClient(IAwsCaller caller) : ICloudTrailClient
{
    /// <summary>LookupEvents' largest page.</summary>
    private const int PageSize = 50;

    public async Task<EventLookup> LookupEventsAsync(LookupAttribute attribute, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var events = new List<JsonObject>();
        var pages = 0;
        string? nextToken = null;
        AwsReply reply;
        do
        {
            var body = new JsonObject
            {
                ["LookupAttributes"] = new JsonArray(attribute.ToJson()),
                ["StartTime"] = start.ToUnixTimeSeconds(),
                ["EndTime"] = end.ToUnixTimeSeconds(),
                ["MaxResults"] = PageSize,
            };
            if (nextToken is not null)
            {
                body["NextToken"] = nextToken;
            }
            reply = await caller.CallJsonAsync("LookupEvents", body, cancellationToken).ConfigureAwait(false);
            pages++;
            events.AddRange((reply.Body["Events"] as JsonArray ?? []).OfType<JsonObject>().Select(e => (JsonObject)e.DeepClone()));
            nextToken = (string?)reply.Body["NextToken"];
        }
        while (!string.IsNullOrEmpty(nextToken));
        return new EventLookup(events, pages, reply.Metadata.ToJson());
    }
}

public static class CloudTrailSession
{
    /// <summary>The session's CloudTrail client, in the asset's region.</summary>
    public static ICloudTrailClient CloudTrail(this AwsSession session) => new CloudTrailClient(session.Caller(AwsService.CloudTrail));
}
