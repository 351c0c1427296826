using System.Text.Json.Nodes;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// How lock and unlock instance metadata change an instance's metadata options: read them, change only what
/// differs, and keep the options before the change in the result (and its summary, whence the undo takes them).
/// </summary>
internal static class MetadataOptionsChange
{
    public static async Task RunAsync(ActionContext context, string instanceId, bool dryRun, Func<InstanceMetadataOptions, InstanceMetadataOptions> target, string verb, CancellationToken cancellationToken)
    {
        var ec2 = context.Aws.Ec2();
        var instance = await ec2.DescribeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var before = InstanceMetadataOptions.Of(instance.Description())
            ?? throw new ActionFailedException($"EC2 did not return the metadata options of {instanceId} (request id {instance.Metadata.RequestId}); nothing was changed");
        var wanted = target(before);
        var about = new JsonObject { ["InstanceId"] = instanceId, ["PreviousMetadataOptions"] = before.ToJson(), ["MetadataOptions"] = wanted.ToJson() };
        context.Result.Summary["previous_http_tokens"] = before.HttpTokens;
        context.Result.Summary["previous_http_put_response_hop_limit"] = before.HttpPutResponseHopLimit;
        context.Result.Summary["previous_http_endpoint"] = before.HttpEndpoint;
        if (before == wanted)
        {
            context.Result.AddData(Reporting.Item(about, instance.Metadata));
            context.Result.Finish(true, $"The metadata options of {instanceId} are already {wanted}; nothing changed");
            return;
        }
        var change = (await ec2.SetMetadataOptionsAsync(instanceId, wanted, dryRun, cancellationToken).ConfigureAwait(false)).ThrowIfNotPermitted();
        context.Result.AddData(Reporting.Item(about, change.Response));
        context.Result.Finish(true, dryRun
            ? $"Dry run: {verb} the metadata options of {instanceId} ({before.ChangesTo(wanted)}) would succeed; nothing changed"
            : $"Metadata options of {instanceId}: {before.ChangesTo(wanted)} (EC2 applies them within seconds)");
    }
}
