using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Ec2;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Iam;

/// <summary>The role an instance profile carries, and the answer that named it (whose Date is AWS's clock).</summary>
public sealed record InstanceRole(string InstanceProfileArn, string RoleName, string? RoleArn, JsonObject Profile);

/// <summary>
/// An instance's role sessions: anyone who read the instance's metadata service holds them, and they work from
/// anywhere until they expire. Revoked with <see cref="SessionRevocation"/>'s policy on the role; the instances
/// that legitimately use the role simply fetch fresh credentials.
/// </summary>
public static class InstanceRoleSessions
{
    /// <summary>
    /// The role of the instance's profile; refuses with one sentence when the instance has no profile or its profile no role.
    /// </summary>
    public static async Task<InstanceRole> OfInstanceAsync(AwsSession aws, string instanceId, CancellationToken cancellationToken)
    {
        var instance = await aws.Ec2().DescribeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var profileArn = (string?)instance.Description()?["IamInstanceProfile"]?["Arn"]
            ?? throw new ActionFailedException($"{instanceId} has no instance profile, so it has no role sessions; nothing was changed");
        return await FindAsync(aws.Iam(), profileArn, cancellationToken).ConfigureAwait(false)
            ?? throw new ActionFailedException($"Instance profile {profileArn} of {instanceId} holds no role, so it has no role sessions; nothing was changed");
    }

    /// <summary>The role of the instance profile (its name is the ARN's last segment), or null when the profile holds none.</summary>
    public static async Task<InstanceRole?> FindAsync(IIamClient iam, string instanceProfileArn, CancellationToken cancellationToken)
    {
        var profile = await iam.GetInstanceProfileAsync(instanceProfileArn[(instanceProfileArn.LastIndexOf('/') + 1)..], cancellationToken).ConfigureAwait(false);
        return (profile["Roles"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault() is { } role
            ? new InstanceRole(instanceProfileArn, (string)role["RoleName"]!, (string?)role["Arn"], profile)
            : null;
    }

    /// <summary>The role's revocation policy now in place, or null when it has none.</summary>
    public static async Task<JsonObject?> CurrentAsync(IIamClient iam, string roleName, CancellationToken cancellationToken)
    {
        try
        {
            return await iam.GetRolePolicyAsync(roleName, SessionRevocation.PolicyName, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException none) when (none.ErrorCode == IamErrorCodes.NoSuchEntity)
        {
            return null;
        }
    }

    /// <summary>Denies every action to the role's sessions issued before now (AWS's clock); a retried write writes the same policy.</summary>
    public static async Task<JsonObject> RevokeAsync(IIamClient iam, InstanceRole role, CancellationToken cancellationToken)
    {
        var (cutoff, document) = SessionRevocation.DenyBefore(role.Profile);
        var put = await iam.PutRolePolicyAsync(role.RoleName, SessionRevocation.PolicyName, document.ToJsonString(), cancellationToken).ConfigureAwait(false);
        return new JsonObject
        {
            ["InstanceProfileArn"] = role.InstanceProfileArn,
            ["RoleName"] = role.RoleName,
            ["RoleArn"] = role.RoleArn,
            ["PolicyName"] = SessionRevocation.PolicyName,
            ["RevokedBefore"] = cutoff,
            ["PolicyDocument"] = document,
            ["ResponseMetadata"] = put.ToJson(),
        };
    }

    /// <summary>
    /// Deletes the role's revocation policy, returning what it said; null when there was none. Sessions issued
    /// before its cut-off that have not expired yet work again: only asked for once the stolen ones are known dead.
    /// </summary>
    public static async Task<JsonObject?> RemoveAsync(IIamClient iam, string roleName, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(iam, roleName, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return null;
        }
        try
        {
            current["ResponseMetadata"] = (await iam.DeleteRolePolicyAsync(roleName, SessionRevocation.PolicyName, cancellationToken).ConfigureAwait(false)).ToJson();
        }
        catch (AmazonServiceException gone) when (gone.ErrorCode == IamErrorCodes.NoSuchEntity)
        {
            // Just read, so it is gone: Core retried the delete after a 5xx, or someone removed it meanwhile.
        }
        return current;
    }
}
