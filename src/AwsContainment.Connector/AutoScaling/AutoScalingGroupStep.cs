using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.AutoScaling;

/// <summary>
/// Takes the instance out of its Auto Scaling group without decrementing the desired capacity (the group launches a
/// replacement, and cannot terminate the evidence); the undo attaches it to the group the journal recorded.
/// </summary>
internal sealed class AutoScalingGroupStep() : InstanceStep("detach_from_auto_scaling_group", "reattach_to_auto_scaling_group", [InstanceState.AutoScalingSection])
{
    public override async Task<StepResult> ContainAsync(ContainScope scope)
    {
        if (scope.Before.AutoScalingGroup is not { } group)
        {
            return StepResult.AlreadyDone("in no Auto Scaling group");
        }
        var name = group.AutoScalingGroupName;
        if (group.Leaving)
        {
            return StepResult.AlreadyDone($"already leaving Auto Scaling group {name} ({group.LifecycleState})");
        }
        if (scope.Order.DryRun)
        {
            return NotChecked($"Auto Scaling has no dry run: would detach from {name} without decrementing its desired capacity");
        }
        var answer = await scope.Aws.AutoScaling().DetachInstanceAsync(name, scope.InstanceId, shouldDecrementDesiredCapacity: false, scope.CancellationToken).ConfigureAwait(false);
        return StepResult.Done($"detached from Auto Scaling group {name} without decrementing its desired capacity, so the group launches a replacement", answer);
    }

    public override async Task<StepResult> UndoAsync(UndoScope scope)
    {
        var now = scope.Now.AutoScalingGroup;
        if (scope.Recorded.AutoScalingGroup is not { } journaled)
        {
            scope.NoteDrift(now is not null, $"now in Auto Scaling group {now?.AutoScalingGroupName}, which the journal did not record; left there");
            return StepResult.AlreadyDone("was in no Auto Scaling group before containment");
        }
        var name = journaled.AutoScalingGroupName;
        if (now is { Leaving: false })
        {
            if (now.AutoScalingGroupName == name)
            {
                return StepResult.AlreadyDone($"already in Auto Scaling group {name}");
            }
            scope.NoteDrift(true, $"now in Auto Scaling group {now.AutoScalingGroupName}, not {name}");
            throw new ActionFailedException($"now in Auto Scaling group {now.AutoScalingGroupName}, and an instance belongs to one group only, so it was not attached to {name}");
        }
        if (now is not null)
        {
            throw new ActionFailedException($"still leaving Auto Scaling group {now.AutoScalingGroupName} ({now.LifecycleState}); run revert again once it has left");
        }
        var standby = journaled.LifecycleState == "Standby" ? "; it was in Standby before containment and is attached InService" : "";
        var (answer, note) = await scope.Aws.AutoScaling().AttachAsync(name, scope.InstanceId, scope.CancellationToken).ConfigureAwait(false);
        return StepResult.Done($"attached to Auto Scaling group {name} again, which raises its desired capacity by one{standby}{note}", answer);
    }
}
