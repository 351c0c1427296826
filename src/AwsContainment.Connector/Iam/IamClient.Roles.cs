using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;

namespace AwsContainment.Connector.Iam;

/// <summary>Instance profiles and roles' inline policies: how an instance's role sessions are revoked.</summary>
public partial interface IIamClient
{
    /// <summary>The instance profile with its <c>Roles</c> (at most one) and <c>ResponseMetadata</c>; <c>NoSuchEntity</c> when it does not exist.</summary>
    Task<JsonObject> GetInstanceProfileAsync(string instanceProfileName, CancellationToken cancellationToken);

    /// <summary>A role's inline policy, its document decoded into JSON; <c>NoSuchEntity</c> when the role has none of that name.</summary>
    Task<JsonObject> GetRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken);

    /// <summary>Writes (or overwrites) the role's inline policy <paramref name="policyName"/>.</summary>
    Task<AwsResponseMetadata> PutRolePolicyAsync(string roleName, string policyName, string policyDocument, CancellationToken cancellationToken);

    Task<AwsResponseMetadata> DeleteRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken);
}

public sealed partial class IamClient
{
    public Task<JsonObject> GetInstanceProfileAsync(string instanceProfileName, CancellationToken cancellationToken) =>
        EntityAsync("GetInstanceProfile", "InstanceProfile", p => p.Add("InstanceProfileName", instanceProfileName), cancellationToken);

    public async Task<JsonObject> GetRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken) =>
        (await CallAsync("GetRolePolicy", p => p.Add("RoleName", roleName).Add("PolicyName", policyName), cancellationToken).ConfigureAwait(false)).ToJson();

    public async Task<AwsResponseMetadata> PutRolePolicyAsync(string roleName, string policyName, string policyDocument, CancellationToken cancellationToken) =>
        (await CallAsync("PutRolePolicy", p => p.Add("RoleName", roleName).Add("PolicyName", policyName).Add("PolicyDocument", policyDocument), cancellationToken).ConfigureAwait(false)).Metadata;

    public Task<AwsResponseMetadata> DeleteRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken) =>
        MetadataAsync("DeleteRolePolicy", p => p.Add("RoleName", roleName).Add("PolicyName", policyName), cancellationToken);
}
