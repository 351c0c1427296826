using System.Text.Json.Nodes;

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
