using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector.Aws;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// The IAM calls of the credential-exposure response that the IAM response part does not make: access keys'
/// owner, status and deletion, detaching user policies, reading the containment policy, and everything DeleteUser
/// requires removed first (console password, signing certificates, SSH keys, service-specific credentials, MFA
/// devices, inline policies).
/// </summary>
public partial interface IIamClient
{
    Task<AwsResponseMetadata> DeleteUserAsync(string userName, CancellationToken cancellationToken);

    /// <summary>The key's owner (<c>UserName</c>) and its last use (<c>AccessKeyLastUsed</c>), with <c>ResponseMetadata</c>.</summary>
    Task<JsonObject> GetAccessKeyLastUsedAsync(string accessKeyId, CancellationToken cancellationToken);

    /// <param name="status"><c>Active</c> or <c>Inactive</c>.</param>
    Task<AwsResponseMetadata> UpdateAccessKeyAsync(string userName, string accessKeyId, string status, CancellationToken cancellationToken);

    Task<AwsResponseMetadata> DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken);

    Task<AwsResponseMetadata> DetachUserPolicyAsync(string userName, string policyArn, CancellationToken cancellationToken);

    Task<JsonObject> GetPolicyAsync(string policyArn, CancellationToken cancellationToken);

    /// <summary>An inline policy, its document decoded into JSON.</summary>
    Task<JsonObject> GetUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken);

    Task<AwsResponseMetadata> DeleteUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken);

    /// <summary>The user's console password settings (never the password); <c>NoSuchEntity</c> when it has none.</summary>
    Task<JsonObject> GetLoginProfileAsync(string userName, CancellationToken cancellationToken);

    Task<AwsResponseMetadata> DeleteLoginProfileAsync(string userName, CancellationToken cancellationToken);

    Task<IamListing> ListSigningCertificatesAsync(string userName, CancellationToken cancellationToken);

    Task<AwsResponseMetadata> DeleteSigningCertificateAsync(string userName, string certificateId, CancellationToken cancellationToken);

    Task<IamListing> ListSshPublicKeysAsync(string userName, CancellationToken cancellationToken);

    Task<AwsResponseMetadata> DeleteSshPublicKeyAsync(string userName, string sshPublicKeyId, CancellationToken cancellationToken);

    Task<IamListing> ListServiceSpecificCredentialsAsync(string userName, CancellationToken cancellationToken);

    Task<AwsResponseMetadata> DeleteServiceSpecificCredentialAsync(string userName, string credentialId, CancellationToken cancellationToken);

    Task<AwsResponseMetadata> DeactivateMfaDeviceAsync(string userName, string serialNumber, CancellationToken cancellationToken);

    Task<AwsResponseMetadata> DeleteVirtualMfaDeviceAsync(string serialNumber, CancellationToken cancellationToken);
}

public sealed partial class IamClient
{
    public Task<AwsResponseMetadata> DeleteUserAsync(string userName, CancellationToken cancellationToken) =>
        MetadataAsync("DeleteUser", p => p.Add("UserName", userName), cancellationToken);

    public async Task<JsonObject> GetAccessKeyLastUsedAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        var reply = await CallAsync("GetAccessKeyLastUsed", p => p.Add("AccessKeyId", accessKeyId), cancellationToken).ConfigureAwait(false);
        return reply.ToJson();
    }

    public Task<AwsResponseMetadata> UpdateAccessKeyAsync(string userName, string accessKeyId, string status, CancellationToken cancellationToken) =>
        MetadataAsync("UpdateAccessKey", p => p.Add("UserName", userName).Add("AccessKeyId", accessKeyId).Add("Status", status), cancellationToken);

    public Task<AwsResponseMetadata> DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken) =>
        MetadataAsync("DeleteAccessKey", p => p.Add("UserName", userName).Add("AccessKeyId", accessKeyId), cancellationToken);

    public Task<AwsResponseMetadata> DetachUserPolicyAsync(string userName, string policyArn, CancellationToken cancellationToken) =>
        MetadataAsync("DetachUserPolicy", p => p.Add("UserName", userName).Add("PolicyArn", policyArn), cancellationToken);

    public Task<JsonObject> GetPolicyAsync(string policyArn, CancellationToken cancellationToken) =>
        EntityAsync("GetPolicy", "Policy", p => p.Add("PolicyArn", policyArn), cancellationToken);

    public async Task<JsonObject> GetUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken) =>
        (await CallAsync("GetUserPolicy", p => p.Add("UserName", userName).Add("PolicyName", policyName), cancellationToken).ConfigureAwait(false)).ToJson();

    public Task<AwsResponseMetadata> DeleteUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken) =>
        MetadataAsync("DeleteUserPolicy", p => p.Add("UserName", userName).Add("PolicyName", policyName), cancellationToken);

    public Task<JsonObject> GetLoginProfileAsync(string userName, CancellationToken cancellationToken) =>
        EntityAsync("GetLoginProfile", "LoginProfile", p => p.Add("UserName", userName), cancellationToken);

    public Task<AwsResponseMetadata> DeleteLoginProfileAsync(string userName, CancellationToken cancellationToken) =>
        MetadataAsync("DeleteLoginProfile", p => p.Add("UserName", userName), cancellationToken);

    public Task<IamListing> ListSigningCertificatesAsync(string userName, CancellationToken cancellationToken) =>
        ListAllAsync("ListSigningCertificates", "Certificates", p => p.Add("UserName", userName), cancellationToken);

    public Task<AwsResponseMetadata> DeleteSigningCertificateAsync(string userName, string certificateId, CancellationToken cancellationToken) =>
        MetadataAsync("DeleteSigningCertificate", p => p.Add("UserName", userName).Add("CertificateId", certificateId), cancellationToken);

    public Task<IamListing> ListSshPublicKeysAsync(string userName, CancellationToken cancellationToken) =>
        ListAllAsync("ListSSHPublicKeys", "SSHPublicKeys", p => p.Add("UserName", userName), cancellationToken);

    public Task<AwsResponseMetadata> DeleteSshPublicKeyAsync(string userName, string sshPublicKeyId, CancellationToken cancellationToken) =>
        MetadataAsync("DeleteSSHPublicKey", p => p.Add("UserName", userName).Add("SSHPublicKeyId", sshPublicKeyId), cancellationToken);

    public async Task<IamListing> ListServiceSpecificCredentialsAsync(string userName, CancellationToken cancellationToken)
    {
        // Not paginated: one call returns them all, and the call takes no MaxItems.
        var reply = await CallAsync("ListServiceSpecificCredentials", p => p.Add("UserName", userName), cancellationToken).ConfigureAwait(false);
        return new IamListing(Items(reply, "ServiceSpecificCredentials").ToList(), HasMore: false);
    }

    public Task<AwsResponseMetadata> DeleteServiceSpecificCredentialAsync(string userName, string credentialId, CancellationToken cancellationToken) =>
        MetadataAsync("DeleteServiceSpecificCredential", p => p.Add("UserName", userName).Add("ServiceSpecificCredentialId", credentialId), cancellationToken);

    public Task<AwsResponseMetadata> DeactivateMfaDeviceAsync(string userName, string serialNumber, CancellationToken cancellationToken) =>
        MetadataAsync("DeactivateMFADevice", p => p.Add("UserName", userName).Add("SerialNumber", serialNumber), cancellationToken);

    public Task<AwsResponseMetadata> DeleteVirtualMfaDeviceAsync(string serialNumber, CancellationToken cancellationToken) =>
        MetadataAsync("DeleteVirtualMFADevice", p => p.Add("SerialNumber", serialNumber), cancellationToken);

    /// <summary>
    /// Calls <paramref name="action"/> for its metadata. A removal (Delete, Detach, Remove, Deactivate) that Core
    /// repeated after a transient fault can meet its own first attempt's work: IAM answers <c>NoSuchEntity</c> for
    /// what is already gone, which is the removal done. A <c>NoSuchEntity</c> on a first attempt stands.
    /// </summary>
    private async Task<AwsResponseMetadata> MetadataAsync(string action, Action<QueryParameters> fill, CancellationToken cancellationToken)
    {
        try
        {
            return (await CallAsync(action, fill, cancellationToken).ConfigureAwait(false)).Metadata;
        }
        catch (AmazonServiceException gone) when (gone.ErrorCode == IamErrorCodes.NoSuchEntity && AwsErrors.WasRepeated(gone) && IsRemoval(action))
        {
            return AwsResponseMetadata.OfError(gone);
        }
    }

    private static bool IsRemoval(string action) =>
        action.StartsWith("Delete", StringComparison.Ordinal) || action.StartsWith("Detach", StringComparison.Ordinal)
        || action.StartsWith("Remove", StringComparison.Ordinal) || action.StartsWith("Deactivate", StringComparison.Ordinal);
}
