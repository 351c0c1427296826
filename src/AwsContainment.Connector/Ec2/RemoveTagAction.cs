using System.Text.Json.Nodes;
using AwsContainment.Connector.Containment;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// The undo of add tag: puts back the value add tag replaced (<c>previous_value</c>, its result's PreviousValue), or
/// removes the tag when there was none, under <see cref="UndoRules"/> when <c>tag_value</c> (the value add tag set)
/// says what containment set: a previous value equal to it is a re-run's result and is refused before any call; a
/// tag changed or removed since is left alone unless <c>force</c>. Already undone is a no-op.
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
        if (set is not null)
        {
            UndoRules.RefuseRerun(Subject(parameters, restore));
        }
        var instance = await ec2.DescribeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var now = instance.Tags.FirstOrDefault(t => t.Key == key)?.Value;
        var about = new JsonObject { ["InstanceId"] = instanceId, ["Key"] = key, ["Value"] = now, ["PreviousValue"] = now, ["Changed"] = false };
        var undo = UndoRules.Judge(Subject(parameters, now), parameters.Force).ThrowIfRefused();
        if (!undo.Restore)
        {
            context.Result.AddData(Reporting.Item(about, instance.Metadata));
            context.Result.Finish(true, restore is null
                ? $"{instanceId} has no tag {key}; nothing changed"
                : $"{instanceId} already has {key}={restore}; nothing changed");
            return;
        }
        var change = restore is null
            ? await ec2.DeleteTagsAsync([instanceId], [new Ec2Tag(key, now!)], false, cancellationToken).ConfigureAwait(false)
            : await ec2.CreateTagsAsync([instanceId], [new Ec2Tag(key, restore)], false, cancellationToken).ConfigureAwait(false);
        about["Value"] = restore;
        about["Changed"] = true;
        context.Result.AddData(Reporting.Item(about, change.Response));
        var forced = undo.Forced is { } overwritten ? $"; {overwritten}" : "";
        context.Result.Finish(true, (restore is null
            ? $"Removed the tag {key}={now} from {instanceId}"
            : $"Put back {key}={restore} on {instanceId} (was {(now is null ? "absent" : $"{key}={now}")})") + forced);
    }

    /// <summary>Without tag_value any current value may be what add tag set: only the recorded one is left alone.</summary>
    private static UndoSubject<string?> Subject(RemoveTagParameters parameters, string? current) =>
        new($"the tag {parameters.TagKey} of {parameters.Instance}", parameters.PreviousValue, current, value => parameters.TagValue is null || value == parameters.TagValue, (one, other) => one == other, value => value is null ? "absent" : $"{parameters.TagKey}={value}");
}
