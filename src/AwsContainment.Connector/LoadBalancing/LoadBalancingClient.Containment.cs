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
    public async Task<JsonObject> RegisterWithClassicAsync(string loadBalancerName, string instanceId, CancellationToken cancellationToken)
    {
        var parameters = classic.NewParameters().Add("LoadBalancerName", loadBalancerName).AddList("Instances", [instanceId], (entry, id) => entry.Add("InstanceId", id));
        return (await classic.CallAsync("RegisterInstancesWithLoadBalancer", parameters, cancellationToken).ConfigureAwait(false)).ToJson(Shape);
    }

    public async Task<JsonObject> RegisterTargetsAsync(string targetGroupArn, IReadOnlyList<RegisteredTarget> targets, CancellationToken cancellationToken)
    {
        var parameters = v2.NewParameters().Add("TargetGroupArn", targetGroupArn).AddList("Targets", targets, (entry, target) => entry.Add("Id", target.Id).Add("Port", target.Port));
        return (await v2.CallAsync("RegisterTargets", parameters, cancellationToken).ConfigureAwait(false)).ToJson(Shape);
    }
}
