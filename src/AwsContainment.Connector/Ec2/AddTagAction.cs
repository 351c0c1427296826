using System.Text.Json.Nodes;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// Tags an instance (a quarantine marker, say). Reads the instance's tags first: the same key and value already
/// there is a no-op, and a value being replaced is kept in the result, so no earlier state is lost: remove tag
/// puts it back.
/// </summary>
public sealed class AddTagAction : IAwsAction<AddTagParameters>
{
    public async Task RunAsync(ActionContext context, AddTagParameters parameters, CancellationToken cancellationToken)
    {
        var ec2 = context.Aws.Ec2();
        var instanceId = parameters.Instance;
        var tag = new Ec2Tag(parameters.TagKey, parameters.TagValue);
        var dryRun = parameters.DryRun;
        var instance = await ec2.DescribeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var previous = instance.Tags.FirstOrDefault(t => t.Key == tag.Key);
        var about = new JsonObject { ["InstanceId"] = instanceId, ["Key"] = tag.Key, ["Value"] = tag.Value, ["PreviousValue"] = previous?.Value };
        if (previous == tag)
        {
            context.Result.AddData(Reporting.Item(about, instance.Metadata));
            context.Result.Finish(true, $"{instanceId} already has the tag {tag.Key}={tag.Value}; nothing changed");
            return;
        }
        var change = (await ec2.CreateTagsAsync([instanceId], [tag], dryRun, cancellationToken).ConfigureAwait(false)).ThrowIfNotPermitted();
        context.Result.AddData(Reporting.Item(about, change.Response));
        var replaced = previous is null ? "" : $" (replacing {previous.Key}={previous.Value})";
        context.Result.Finish(true, dryRun
            ? $"Dry run: tagging {instanceId} with {tag.Key}={tag.Value}{replaced} would succeed; nothing changed"
            : $"Tagged {instanceId} with {tag.Key}={tag.Value}{replaced}");
    }
}
