using System.Text.Json.Nodes;
using Amazon.Runtime;

namespace AwsContainment.Connector.Iam;

/// <summary>Reading an IAM entity that may not exist.</summary>
public static class IamLookups
{
    /// <summary>The entity, or null when IAM answers <c>NoSuchEntity</c>; any other failure is thrown.</summary>
    public static async Task<JsonObject?> OrNullWhenMissingAsync(this Task<JsonObject> lookup)
    {
        try
        {
            return await lookup.ConfigureAwait(false);
        }
        catch (AmazonServiceException error) when (error.ErrorCode == IamErrorCodes.NoSuchEntity)
        {
            return null;
        }
    }
}
