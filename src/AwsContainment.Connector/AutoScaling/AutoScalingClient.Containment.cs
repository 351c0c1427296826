using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector.Aws;

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

/// <summary>Putting an instance back into its group, the same for revert containment and attach instance.</summary>
public static class GroupReattachment
{
    /// <summary>
    /// AttachInstances, and a note when it took a second look: Core retries the attach after a 5xx and the first
    /// attempt may have attached it, so AWS refuses the retry; the instance read again in the group means it is back.
    /// </summary>
    public static async Task<(JsonObject Response, string Note)> AttachAsync(this IAutoScalingClient autoScaling, string groupName, string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            return (await autoScaling.AttachInstanceAsync(groupName, instanceId, cancellationToken).ConfigureAwait(false), "");
        }
        catch (AmazonServiceException refused) when (refused.ErrorCode == "ValidationError" && AwsErrors.WasRepeated(refused))
        {
            var again = await autoScaling.FindGroupOfInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (again.GroupName != groupName || again.IsLeaving)
            {
                throw;
            }
            // The data is what AttachInstances answers (nothing but metadata), as without the fault.
            return (new JsonObject { ["ResponseMetadata"] = AwsResponseMetadata.OfError(refused).ToJson() },
                $" (Auto Scaling refused a retry of the attach, and the instance now reads {again.LifecycleState} in {groupName})");
        }
    }
}
