using System.Text.Json.Nodes;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// The undo of add tag: puts back the value add tag replaced (<c>previous_value</c>, its result's PreviousValue), or
/// removes the tag when there was none. With <c>tag_value</c> (the value add tag set), a tag someone has changed
/// since is left alone. Already undone is a no-op.
/// </summary>
public sealed class RemoveTagAction : IAwsAction<RemoveTagParameters>
{
    public async Task RunAsync(ActionContext context, RemoveTagParameters parameters, CancellationToken cancellationToken)
    {
        var ec2 = context.Aws.Ec2();
        var instanceId = parameters.Instance;
        var key = parameters.TagKey;
        var set = parameters.TagValue;
        var restore = parameters.PreviousValue;
        var instance = await ec2.DescribeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var now = instance.Tags.FirstOrDefault(t => t.Key == key)?.Value;
        var about = new JsonObject { ["InstanceId"] = instanceId, ["Key"] = key, ["Value"] = now, ["PreviousValue"] = now, ["Changed"] = false };
        if (now == restore)
        {
            context.Result.AddData(Reporting.Item(about, instance.Metadata));
            context.Result.Finish(true, restore is null
                ? $"{instanceId} has no tag {key}; nothing changed"
                : $"{instanceId} already has {key}={restore}; nothing changed");
            return;
        }
        if (set is not null && now is not null && now != set)
        {
            throw new ActionFailedException($"{instanceId}'s tag {key} is now {key}={now}, not {key}={set} as add tag set it: someone changed it since, so it was left alone. Nothing changed");
        }
        var change = restore is null
            ? await ec2.DeleteTagsAsync([instanceId], [new Ec2Tag(key, now!)], false, cancellationToken).ConfigureAwait(false)
            : await ec2.CreateTagsAsync([instanceId], [new Ec2Tag(key, restore)], false, cancellationToken).ConfigureAwait(false);
        about["Value"] = restore;
        about["Changed"] = true;
        context.Result.AddData(Reporting.Item(about, change.Response));
        context.Result.Finish(true, restore is null
            ? $"Removed the tag {key}={now} from {instanceId}"
            : $"Put back {key}={restore} on {instanceId} (was {(now is null ? "absent" : $"{key}={now}")})");
    }
}
