using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;

namespace AwsContainment.Connector.AutoScaling;

/// <summary>
/// The Auto Scaling calls containment needs (query protocol, API 2011-01-01), behind one interface so the official
/// AWSSDK.AutoScaling package could replace <see cref="AutoScalingClient"/> here alone.
/// </summary>
public partial interface IAutoScalingClient
{
    /// <summary>DescribeAutoScalingInstances: the group the instance belongs to, if any, and its lifecycle state there.</summary>
    Task<GroupMembership> FindGroupOfInstanceAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>DetachInstances for one instance; the answer lists the scaling activity AWS started.</summary>
    Task<JsonObject> DetachInstanceAsync(string groupName, string instanceId, bool shouldDecrementDesiredCapacity, CancellationToken cancellationToken);
}

/// <summary>
/// Where an instance stands in Auto Scaling, and the answer that said so: <paramref name="GroupName"/> is null when it is in no group;
/// <paramref name="LifecycleState"/> is AWS's (<c>InService</c>, <c>Standby</c>, <c>Detaching</c>, …).
/// </summary>
public sealed record GroupMembership(string? GroupName, string? LifecycleState, JsonObject Response)
{
    /// <summary>Already on its way out of the group (a second detach would be refused by AWS).</summary>
    public bool IsLeaving => LifecycleState is not null && (LifecycleState.StartsWith("Detach", StringComparison.Ordinal) || LifecycleState.StartsWith("Terminat", StringComparison.Ordinal));
}

public sealed partial class AutoScalingClient(IAwsCaller caller) : IAutoScalingClient
{
    public async Task<GroupMembership> FindGroupOfInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var parameters = caller.NewParameters().AddList("InstanceIds", [instanceId]);
        var reply = await caller.CallAsync("DescribeAutoScalingInstances", parameters, cancellationToken).ConfigureAwait(false);
        var response = reply.ToJson();
        var details = (response["AutoScalingInstances"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(i => (string?)i["InstanceId"] == instanceId);
        return new GroupMembership((string?)details?["AutoScalingGroupName"], (string?)details?["LifecycleState"], response);
    }

    public Task<JsonObject> DetachInstanceAsync(string groupName, string instanceId, bool shouldDecrementDesiredCapacity, CancellationToken cancellationToken) =>
        InstanceCallAsync("DetachInstances", groupName, instanceId, shouldDecrementDesiredCapacity, cancellationToken);

    /// <summary>
    /// A call on one instance of one group: attaching and detaching write the same, detaching also whether the
    /// desired capacity goes down (null leaves the parameter out).
    /// </summary>
    private async Task<JsonObject> InstanceCallAsync(string action, string groupName, string instanceId, bool? shouldDecrementDesiredCapacity, CancellationToken cancellationToken)
    {
        var parameters = caller.NewParameters()
            .AddList("InstanceIds", [instanceId])
            .Add("AutoScalingGroupName", groupName)
            .Add("ShouldDecrementDesiredCapacity", shouldDecrementDesiredCapacity);
        var reply = await caller.CallAsync(action, parameters, cancellationToken).ConfigureAwait(false);
        return reply.ToJson();
    }
}

public static class AutoScalingSession
{
    /// <summary>The session's Auto Scaling client.</summary>
    public static IAutoScalingClient AutoScaling(this AwsSession session) => new AutoScalingClient(session.Caller(AwsService.AutoScaling));
}
