using System.Globalization;
using System.Text.Json.Nodes;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.CloudTrail;

/// <summary>
/// The playbook's scope analysis: what an access key or a user did in the last <c>days</c> days, read from
/// CloudTrail's event history (LookupEvents, every page) and summarised like the playbook's Athena queries.
/// </summary>
public sealed class LookupCredentialActivityAction : IAwsAction<LookupCredentialActivityParameters>
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    private static readonly DateTimeOffset CloudTrailBegan = new(2013, 11, 13, 0, 0, 0, TimeSpan.Zero);

    public async Task RunAsync(ActionContext context, LookupCredentialActivityParameters parameters, CancellationToken cancellationToken)
    {
        var (attribute, subject) = (parameters.AccessKeyId, parameters.UserName) switch
        {
            ({ } key, null) => (LookupAttribute.AccessKey(key), $"access key {key}"),
            (null, { } user) => (LookupAttribute.User(user), $"user {user}"),
            _ => throw new ActionFailedException("Give access_key_id or user_name (one of them, not both); nothing was sent to AWS"),
        };
        var end = EndTime(parameters.EndTime);
        var start = end.AddDays(-parameters.Days);

        var lookup = await context.Aws.CloudTrail().LookupEventsAsync(attribute, start, end, cancellationToken).ConfigureAwait(false);
        var tables = ActivitySummary.Summarise(lookup.Events);
        var region = context.Aws.Asset.Region;
        context.Result.AddData(new JsonObject
        {
            ["LookupAttribute"] = attribute.ToJson(),
            ["Region"] = region,
            ["StartTime"] = start.ToString(TimeFormat, CultureInfo.InvariantCulture),
            ["EndTime"] = end.ToString(TimeFormat, CultureInfo.InvariantCulture),
            ["EventCount"] = tables.EventCount,
            ["Pages"] = lookup.Pages,
            ["ApiCalls"] = tables.ApiCalls,
            ["SourceAddresses"] = tables.SourceAddresses,
            ["Identities"] = tables.Identities,
            ["WriteEvents"] = tables.WriteEvents,
            ["ResponseMetadata"] = lookup.Metadata,
        });
        context.Result.Summary["total_events"] = tables.EventCount;
        context.Result.Summary["write_events"] = tables.WriteEvents.Count;
        var sources = tables.SourceAddresses.Select(s => (string?)s?["SourceIPAddress"]).Distinct().Count();
        context.Result.Summary["source_addresses"] = sources;
        var window = $"in {region} from {start.ToString(TimeFormat, CultureInfo.InvariantCulture)} to {end.ToString(TimeFormat, CultureInfo.InvariantCulture)}";
        context.Result.Succeed(tables.EventCount == 0
            ? $"No CloudTrail events for {subject} {window} (event history holds management events of the last 90 days, of this region and of global services such as IAM)"
            : $"{Wording.Count(tables.EventCount, "CloudTrail event")} for {subject} {window}: {Wording.Count(tables.ApiCalls.Count, "distinct API call")} from {Wording.Count(sources, "source address", "source addresses")}, {Wording.Count(tables.WriteEvents.Count, "write event")}");
    }

    /// <summary>The window's end: now, a given time, or the end of a given day (UTC).</summary>
    private static DateTimeOffset EndTime(string? given)
    {
        if (given is null)
        {
            return DateTimeOffset.UtcNow;
        }
        if (!DateTimeOffset.TryParse(given, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var end))
        {
            throw new ActionFailedException($"end_time {given} is not a real date or time; nothing was sent to AWS");
        }
        // CloudTrail began in November 2013 and keeps 90 days: a window ending before it, or past tomorrow, is a typo.
        if (end < CloudTrailBegan || end > DateTimeOffset.UtcNow.AddDays(1))
        {
            throw new ActionFailedException($"end_time {given} is outside the times CloudTrail can hold ({CloudTrailBegan:yyyy-MM-dd} to today); nothing was sent to AWS");
        }
        return given.Contains('T', StringComparison.Ordinal) ? end : end.AddDays(1).AddSeconds(-1);
    }
}
