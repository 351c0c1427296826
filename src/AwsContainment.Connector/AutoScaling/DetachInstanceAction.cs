using AwsContainment.Connector.Ec2;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.AutoScaling;

/// <summary>
/// Takes an instance out of its Auto Scaling group, so scaling cannot terminate the evidence. The group is looked up
/// (DescribeAutoScalingInstances) and a group name given must be that group: an instance is never detached from
/// another one. By default the group keeps its desired capacity and launches a replacement, so the service stays up.
/// </summary>
public sealed class DetachInstanceAction : IAwsAction<DetachInstanceParameters>
{
    public async Task RunAsync(ActionContext context, DetachInstanceParameters parameters, CancellationToken cancellationToken)
    {
        var instanceId = parameters.Instance;
        var requested = parameters.AutoscalingGroupName;
        var decrement = parameters.ShouldDecrementDesiredCapacity;
        var dryRun = parameters.DryRun;
        var autoScaling = context.Aws.AutoScaling();
        var membership = await autoScaling.FindGroupOfInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var group = membership.GroupName;
        context.Result.Summary["autoscaling_group_name"] = group;
        if (group is null)
        {
            // Auto Scaling answers the same for an instance that does not exist: EC2 tells the two apart.
            var instance = await context.Aws.Ec2().DescribeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
            context.Result.AddData(membership.Response);
            var notThere = requested is null ? "" : $" (so not in '{requested}')";
            context.Result.Finish(true, $"{instanceId} ({instance.State}) is in no Auto Scaling group{notThere}; nothing to detach");
            return;
        }
        if (requested is not null && requested != group)
        {
            throw new ActionFailedException($"{instanceId} is in Auto Scaling group '{group}', not '{requested}'; nothing was detached");
        }
        if (membership.IsLeaving)
        {
            context.Result.AddData(membership.Response);
            context.Result.Finish(true, $"{instanceId} is already leaving Auto Scaling group '{group}' ({membership.LifecycleState}); nothing changed");
            return;
        }
        var capacity = decrement ? "the group's desired capacity is lowered by one" : "the group keeps its desired capacity and launches a replacement";
        if (dryRun)
        {
            context.Result.AddData(membership.Response);
            context.Result.Finish(true, $"Dry run: {instanceId} ({membership.LifecycleState}) would be detached from Auto Scaling group '{group}' and {capacity}. "
                + "Auto Scaling has no dry-run check, so permission to detach was not verified; nothing changed");
            return;
        }
        context.Result.AddData(await autoScaling.DetachInstanceAsync(group, instanceId, decrement, cancellationToken).ConfigureAwait(false));
        context.Result.Finish(true, $"Detached {instanceId} from Auto Scaling group '{group}'; {capacity}");
    }
}
