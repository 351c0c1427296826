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
    public Task<JsonObject> AttachInstanceAsync(string groupName, string instanceId, CancellationToken cancellationToken) =>
        InstanceCallAsync("AttachInstances", groupName, instanceId, shouldDecrementDesiredCapacity: null, cancellationToken);
}
