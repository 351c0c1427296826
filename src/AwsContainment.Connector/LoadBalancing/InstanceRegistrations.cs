using System.Net;
using System.Text.Json.Serialization;

namespace AwsContainment.Connector.LoadBalancing;

/// <summary>
/// Where an instance is registered with load balancers: the classic load balancers that list it, and the ELBv2
/// target groups that hold it by its id (instance groups) or by one of its private addresses (ip groups), on every
/// port. deregister instance and the contain instance playbook both ask here, so they find the same registrations.
/// </summary>
public static class InstanceRegistrations
{
    /// <summary>The classic load balancers (every one, or only <paramref name="name"/>) that list the instance.</summary>
    public static async Task<IReadOnlyList<string>> ClassicLoadBalancersAsync(this ILoadBalancingClient client, string instanceId, string? name, CancellationToken cancellationToken) =>
        (await client.DescribeClassicLoadBalancersAsync(name, cancellationToken).ConfigureAwait(false))
            .Where(lb => lb.InstanceIds.Contains(instanceId, StringComparer.Ordinal))
            .Select(lb => lb.Name)
            .ToList();

    /// <summary>Every target registered in one group.</summary>
    public static async Task<TargetGroupTargets> TargetsOfAsync(this ILoadBalancingClient client, TargetGroup group, CancellationToken cancellationToken) =>
        new(group, await client.DescribeTargetsAsync(group.Arn, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Every instance and ip target group of the region with its targets, in the listing's order, asking at most
    /// <paramref name="maxParallel"/> groups at a time: DescribeTargetHealth is throttled per account.
    /// </summary>
    public static async Task<IReadOnlyList<TargetGroupTargets>> TargetsOfEveryGroupAsync(this ILoadBalancingClient client, int maxParallel, CancellationToken cancellationToken)
    {
        // Lambda and ALB groups hold functions and load balancers, never an instance.
        var groups = (await client.DescribeTargetGroupsAsync(cancellationToken).ConfigureAwait(false)).Where(g => g.TargetType is "instance" or "ip").ToList();
        var found = new TargetGroupTargets[groups.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, groups.Count), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallel), CancellationToken = cancellationToken }, async (index, token) =>
            found[index] = await client.TargetsOfAsync(groups[index], token).ConfigureAwait(false)).ConfigureAwait(false);
        return found;
    }
}

/// <summary>A target group and every target registered in it.</summary>
public sealed record TargetGroupTargets(TargetGroup Group, IReadOnlyList<RegisteredTarget> Targets)
{
    /// <summary>Some targets are IP addresses: only then does finding the instance here take its own addresses.</summary>
    public bool HoldsAddresses => Targets.Any(t => t.Address is not null);

    /// <summary>The instance's registrations here, by its id or by one of its private addresses; null when it has none.</summary>
    public TargetGroupMembership? Of(string instanceId, IReadOnlySet<IPAddress> addresses)
    {
        var mine = Targets.Where(t => t.Id == instanceId || (t.Address is { } address && addresses.Contains(address))).ToList();
        return mine.Count == 0 ? null : new TargetGroupMembership(Group.Arn, Group.Name, mine);
    }
}

/// <summary>A target group and the instance's registrations in it (one per port, and per address in an ip group).</summary>
public sealed record TargetGroupMembership(string TargetGroupArn, string TargetGroupName, IReadOnlyList<RegisteredTarget> Targets)
{
    /// <summary>An ip group's registrations, of the instance's addresses rather than its id.</summary>
    [JsonIgnore]
    public bool ByAddress => Targets.Any(t => t.Address is not null);
}
