using System.Text.Json.Nodes;
using AwsContainment.Connector.Ec2;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.AutoScaling;

/// <summary>
/// Puts an instance back into the Auto Scaling group detach instance took it from: the undo of detach instance.
/// Already in that group is a no-op; in another group, or still leaving one, is refused (an instance belongs to one
/// group). AWS raises the group's desired capacity by one, so the group does not terminate anything to make room.
/// </summary>
public sealed class AttachInstanceAction : IAwsAction<AttachInstanceParameters>
{
    public async Task RunAsync(ActionContext context, AttachInstanceParameters parameters, CancellationToken cancellationToken)
    {
        var instanceId = parameters.Instance;
        var group = parameters.AutoscalingGroupName;
        var autoScaling = context.Aws.AutoScaling();
        var membership = await autoScaling.FindGroupOfInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        context.Result.Summary["autoscaling_group_name"] = group;
        var about = new JsonObject { ["InstanceId"] = instanceId, ["AutoScalingGroupName"] = group, ["PreviousGroupName"] = membership.GroupName, ["Changed"] = false };
        if (membership is { GroupName: not null, IsLeaving: false })
        {
            if (membership.GroupName != group)
            {
                throw new ActionFailedException($"{instanceId} is in Auto Scaling group '{membership.GroupName}', and an instance belongs to one group only; it was not attached to '{group}'");
            }
            context.Result.AddData(Reporting.Item(about, membership.Response));
            context.Result.Finish(true, $"{instanceId} is already in Auto Scaling group '{group}' ({membership.LifecycleState}); nothing changed");
            return;
        }
        if (membership.GroupName is not null)
        {
            throw new ActionFailedException($"{instanceId} is still leaving Auto Scaling group '{membership.GroupName}' ({membership.LifecycleState}); run attach instance again once it has left. Nothing changed");
        }
        // Auto Scaling answers the same for an instance that does not exist: EC2 tells the two apart.
        var instance = await context.Aws.Ec2().DescribeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var (answer, note) = await autoScaling.AttachAsync(group, instanceId, cancellationToken).ConfigureAwait(false);
        about["Changed"] = true;
        context.Result.AddData(Reporting.Item(about, answer));
        context.Result.Finish(true, $"Attached {instanceId} ({instance.State}) to Auto Scaling group '{group}'; the group's desired capacity rose by one{note}");
    }
}
