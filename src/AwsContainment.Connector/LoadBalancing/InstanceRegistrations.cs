using System.Globalization;
using System.Text.Json.Serialization;

namespace AwsContainment.Connector.LoadBalancing;

/// <summary>
/// Where an instance is registered with load balancers: the classic load balancers that list it and the ELBv2
/// target groups that hold it (on every port). deregister instance and the contain instance playbook both ask here,
/// so they find the same registrations.
/// </summary>
public static class InstanceRegistrations
{
    /// <summary>The classic load balancers (every one, or only <paramref name="name"/>) that list the instance.</summary>
    public static async Task<IReadOnlyList<string>> ClassicLoadBalancersAsync(this ILoadBalancingClient client, string instanceId, string? name, CancellationToken cancellationToken) =>
        (await client.DescribeClassicLoadBalancersAsync(name, cancellationToken).ConfigureAwait(false))
            .Where(lb => lb.InstanceIds.Contains(instanceId, StringComparer.Ordinal))
            .Select(lb => lb.Name)
            .ToList();

    /// <summary>The instance's registrations in one target group, or null when the group does not hold it.</summary>
    public static async Task<TargetGroupMembership?> InTargetGroupAsync(this ILoadBalancingClient client, TargetGroup group, string instanceId, CancellationToken cancellationToken)
    {
        var targets = (await client.DescribeTargetsAsync(group.Arn, cancellationToken).ConfigureAwait(false)).Where(t => t.Id == instanceId).ToList();
        return targets.Count == 0 ? null : new TargetGroupMembership(group.Arn, group.Name, targets);
    }

    /// <summary>
    /// Every target group of the region that holds the instance, in the listing's order, asking at most
    /// <paramref name="maxParallel"/> groups at a time: DescribeTargetHealth is throttled per account.
    /// </summary>
    public static async Task<IReadOnlyList<TargetGroupMembership>> TargetGroupsAsync(this ILoadBalancingClient client, string instanceId, int maxParallel, CancellationToken cancellationToken)
    {
        // Only instance-type groups register instances by id; ip-type groups hold addresses.
        var groups = (await client.DescribeTargetGroupsAsync(cancellationToken).ConfigureAwait(false)).Where(g => g.TargetType == "instance").ToList();
        var found = new TargetGroupMembership?[groups.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, groups.Count),
            new ParallelOptions { MaxDegreeOfParallelism = maxParallel, CancellationToken = cancellationToken },
            async (index, ct) => found[index] = await client.InTargetGroupAsync(groups[index], instanceId, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return found.OfType<TargetGroupMembership>().ToList();
    }
}

/// <summary>A target group and the instance's registrations in it (one per port).</summary>
public sealed record TargetGroupMembership(string TargetGroupArn, string TargetGroupName, IReadOnlyList<RegisteredTarget> Targets)
{
    [JsonIgnore]
    public string Ports => string.Join(", ", Targets.Select(t => t.Port?.ToString(CultureInfo.InvariantCulture) ?? "default"));
}
