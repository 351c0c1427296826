using System.Text.Json.Nodes;
using Amazon.Runtime;
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

    /// <summary>
    /// DetachInstances for one instance; the answer lists the scaling activity AWS started. A detach Core repeated
    /// after a transient fault whose first attempt detached the instance is refused by AWS; then the instance read
    /// again as leaving (or gone from the group) is the detach done, and the answer is its scaling activity.
    /// </summary>
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

    public async Task<JsonObject> DetachInstanceAsync(string groupName, string instanceId, bool shouldDecrementDesiredCapacity, CancellationToken cancellationToken)
    {
        try
        {
            return await InstanceCallAsync("DetachInstances", groupName, instanceId, shouldDecrementDesiredCapacity, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException refused) when (refused.ErrorCode == "ValidationError" && AwsErrors.WasRepeated(refused))
        {
            var now = await FindGroupOfInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (now.GroupName is not null && !now.IsLeaving)
            {
                throw;
            }
            return await FindDetachActivityAsync(groupName, instanceId, cancellationToken).ConfigureAwait(false) ?? now.Response;
        }
    }

    /// <summary>
    /// DescribeScalingActivities of the group: the latest activity detaching the instance, in the shape
    /// DetachInstances answers (<c>Activities</c>), or null when the group lists none.
    /// </summary>
    private async Task<JsonObject?> FindDetachActivityAsync(string groupName, string instanceId, CancellationToken cancellationToken)
    {
        var reply = await caller.CallAsync("DescribeScalingActivities", caller.NewParameters().Add("AutoScalingGroupName", groupName), cancellationToken).ConfigureAwait(false);
        var response = reply.ToJson();
        // Auto Scaling lists a group's activities newest first.
        var detaching = (response["Activities"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(a => (string?)a["Description"] == $"Detaching EC2 instance: {instanceId}");
        return detaching is null ? null : new JsonObject { ["Activities"] = new JsonArray(detaching.DeepClone()), ["ResponseMetadata"] = response["ResponseMetadata"]?.DeepClone() };
    }

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
