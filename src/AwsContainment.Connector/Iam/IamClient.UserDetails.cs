
namespace AwsContainment.Connector.Iam;

/// <summary>What hangs off one IAM user: its managed and inline policies, MFA devices and access keys' metadata.</summary>
public partial interface IIamClient
{
    Task<IamListing> ListAttachedUserPoliciesAsync(string userName, CancellationToken cancellationToken);

    /// <summary>The names of the user's inline policies.</summary>
    Task<IamListing> ListUserPoliciesAsync(string userName, CancellationToken cancellationToken);

    Task<IamListing> ListMfaDevicesAsync(string userName, CancellationToken cancellationToken);

    /// <summary>The user's access keys: id, status and creation date (never a secret).</summary>
    Task<IamListing> ListAccessKeysAsync(string userName, CancellationToken cancellationToken);
}

public sealed partial class IamClient
{
    public Task<IamListing> ListAttachedUserPoliciesAsync(string userName, CancellationToken cancellationToken) =>
        ListAllAsync("ListAttachedUserPolicies", "AttachedPolicies", p => p.Add("UserName", userName), cancellationToken);

    public Task<IamListing> ListUserPoliciesAsync(string userName, CancellationToken cancellationToken) =>
        ListAllAsync("ListUserPolicies", "PolicyNames", p => p.Add("UserName", userName), cancellationToken);

    public Task<IamListing> ListMfaDevicesAsync(string userName, CancellationToken cancellationToken) =>
        ListAllAsync("ListMFADevices", "MFADevices", p => p.Add("UserName", userName), cancellationToken);

    public Task<IamListing> ListAccessKeysAsync(string userName, CancellationToken cancellationToken) =>
        ListAllAsync("ListAccessKeys", "AccessKeyMetadata", p => p.Add("UserName", userName), cancellationToken);
}
