using System.Text.Json.Nodes;

namespace AwsContainment.Connector.AutoScaling;

/// <summary>The Auto Scaling call that reverting a containment adds to <see cref="IAutoScalingClient"/>.</summary>
public partial interface IAutoScalingClient
{
    /// <summary>AttachInstances for one instance; AWS raises the group's desired capacity by one.</summary>
    Task<JsonObject> AttachInstanceAsync(string groupName, string instanceId, CancellationToken cancellationToken);
}

public sealed partial class AutoScalingClient
{
    public async Task<JsonObject> AttachInstanceAsync(string groupName, string instanceId, CancellationToken cancellationToken)
    {
        var parameters = caller.NewParameters().AddList("InstanceIds", [instanceId]).Add("AutoScalingGroupName", groupName);
        var reply = await caller.CallAsync("AttachInstances", parameters, cancellationToken).ConfigureAwait(false);
        return reply.ToJson(Shape);
    }
}
