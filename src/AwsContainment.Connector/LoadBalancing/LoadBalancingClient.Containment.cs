using System.Text.Json.Nodes;
using AwsContainment.Connector.Containment;

namespace AwsContainment.Connector.LoadBalancing;

/// <summary>The registrations that reverting a containment adds to <see cref="ILoadBalancingClient"/>.</summary>
public partial interface ILoadBalancingClient
{
    /// <summary>RegisterInstancesWithLoadBalancer (classic) for one instance; the answer lists every registered instance.</summary>
    Task<JsonObject> RegisterWithClassicAsync(string loadBalancerName, string instanceId, CancellationToken cancellationToken);

    /// <summary>RegisterTargets: the given registrations (id and port) join the group.</summary>
    Task<JsonObject> RegisterTargetsAsync(string targetGroupArn, IReadOnlyList<RegisteredTarget> targets, CancellationToken cancellationToken);
}

public sealed partial class LoadBalancingClient
{
    public Task<JsonObject> RegisterWithClassicAsync(string loadBalancerName, string instanceId, CancellationToken cancellationToken) =>
        ClassicInstanceCallAsync("RegisterInstancesWithLoadBalancer", loadBalancerName, instanceId, cancellationToken);

    public Task<JsonObject> RegisterTargetsAsync(string targetGroupArn, IReadOnlyList<RegisteredTarget> targets, CancellationToken cancellationToken) =>
        TargetsCallAsync("RegisterTargets", targetGroupArn, targets, cancellationToken);
}

/// <summary>Registering an instance again where it was, unless it already is: revert containment and register instance alike.</summary>
public static class Reregistration
{
    public static async Task<ItemResult> RegisterAgainWithClassicAsync(this ILoadBalancingClient loadBalancing, string name, string instanceId, CancellationToken cancellationToken)
    {
        var current = await loadBalancing.DescribeClassicLoadBalancersAsync(name, cancellationToken).ConfigureAwait(false);
        return current.Any(lb => lb.InstanceIds.Contains(instanceId))
            ? ItemResult.Unchanged("already registered")
            : await loadBalancing.RegisterWithClassicAsync(name, instanceId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The recorded registrations (id, port, and zone for an address) the group lacks, or that are draining out of it.</summary>
    public static async Task<ItemResult> RegisterAgainAsync(this ILoadBalancingClient loadBalancing, TargetGroupMembership group, CancellationToken cancellationToken)
    {
        var current = await loadBalancing.DescribeTargetsAsync(group.TargetGroupArn, cancellationToken).ConfigureAwait(false);
        var missing = group.Targets
            .Where(t => !current.Any(c => c.Id == t.Id && (t.Port is null || c.Port == t.Port) && c.State != "draining"))
            .Select(t => t with { State = null })
            .ToList();
        return missing.Count == 0
            ? ItemResult.Unchanged("already registered on every recorded port")
            : await loadBalancing.RegisterTargetsAsync(group.TargetGroupArn, missing, cancellationToken).ConfigureAwait(false);
    }
}
