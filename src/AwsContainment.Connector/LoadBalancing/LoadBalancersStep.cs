using Amazon.Runtime;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Containment;

namespace AwsContainment.Connector.LoadBalancing;

/// <summary>
/// Takes the instance out of every classic load balancer and target group it serves (by id, and by address in IP
/// target groups); the undo registers it again where the journal recorded it, with its ports.
/// </summary>
internal sealed class LoadBalancersStep() : InstanceStep("deregister_from_load_balancers", "reregister_with_load_balancers", [InstanceState.ClassicSection, InstanceState.TargetGroupsSection])
{
    public override async Task<StepResult> ContainAsync(ContainScope scope)
    {
        var before = scope.Before;
        var names = JournaledRegistrations.Labels(before);
        if (scope.Order.DryRun && names.Count > 0)
        {
            return NotChecked($"Elastic Load Balancing has no dry run: would deregister from {string.Join(", ", names)}");
        }
        var loadBalancing = scope.Aws.LoadBalancing();
        var outcomes = await JournaledRegistrations.EachAsync(
            before.ClassicLoadBalancers,
            before.TargetGroups,
            name => DeregisterFromClassicAsync(loadBalancing, name, scope),
            async group => await loadBalancing.DeregisterTargetsAsync(group.TargetGroupArn, group.Targets, scope.CancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        if (before.NotCaptured.GetValueOrDefault(InstanceState.IpTargetGroupsSection) is { } unsearched)
        {
            // Its registrations by id are gone; any by address may still take traffic, so the step does not complete.
            outcomes.Reject("ip target groups", unsearched);
        }
        return ItemSteps.Result(outcomes, "deregistered from", "registered with no classic load balancer or target group");
    }

    public override async Task<StepResult> UndoAsync(UndoScope scope)
    {
        var loadBalancing = scope.Aws.LoadBalancing();
        var outcomes = await JournaledRegistrations.EachAsync(
            scope.Recorded.ClassicLoadBalancers,
            scope.Recorded.TargetGroups,
            name => loadBalancing.RegisterAgainWithClassicAsync(name, scope.InstanceId, scope.CancellationToken),
            group => loadBalancing.RegisterAgainAsync(group, scope.CancellationToken)).ConfigureAwait(false);
        return ItemSteps.Result(outcomes, "registered again with", "was registered with no classic load balancer or target group before containment");
    }

    private static async Task<ItemResult> DeregisterFromClassicAsync(ILoadBalancingClient loadBalancing, string name, ContainScope scope)
    {
        try
        {
            return await loadBalancing.DeregisterFromClassicAsync(name, scope.InstanceId, scope.CancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException gone) when (gone.ErrorCode == "InvalidInstance")
        {
            // Leaving the Auto Scaling group deregisters the instance from the group's own load balancers.
            return ItemResult.Unchanged($"already deregistered ({AwsErrors.Describe(gone)})");
        }
    }
}
