using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// The IAM calls of the credential-exposure response: access keys, the policies on a user, and everything
/// DeleteUser requires removed first. Each answer is AWS's own JSON shape with <c>ResponseMetadata</c>; a
/// listing is every page merged into one list.
/// </summary>
public partial interface IIamClient
{
    Task<JsonObject> GetUserAsync(string userName, CancellationToken cancellationToken);

    Task<JsonObject> DeleteUserAsync(string userName, CancellationToken cancellationToken);

    Task<JsonObject> GetAccessKeyLastUsedAsync(string accessKeyId, CancellationToken cancellationToken);

    Task<JsonObject> ListAccessKeysAsync(string userName, CancellationToken cancellationToken);

    /// <param name="status"><c>Active</c> or <c>Inactive</c>.</param>
    Task<JsonObject> UpdateAccessKeyAsync(string userName, string accessKeyId, string status, CancellationToken cancellationToken);

    Task<JsonObject> DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken);

    Task<JsonObject> ListAttachedUserPoliciesAsync(string userName, CancellationToken cancellationToken);

    Task<JsonObject> AttachUserPolicyAsync(string userName, string policyArn, CancellationToken cancellationToken);

    Task<JsonObject> DetachUserPolicyAsync(string userName, string policyArn, CancellationToken cancellationToken);

    /// <summary>Every managed policy, customer and AWS managed, with the given name (to find its ARN).</summary>
    Task<JsonObject> FindPoliciesByNameAsync(string policyName, CancellationToken cancellationToken);

    Task<JsonObject> GetPolicyAsync(string policyArn, CancellationToken cancellationToken);

    Task<JsonObject> CreatePolicyAsync(string policyName, string policyDocument, string description, CancellationToken cancellationToken);

    Task<JsonObject> ListUserPoliciesAsync(string userName, CancellationToken cancellationToken);

    /// <summary>An inline policy, its document decoded into JSON.</summary>
    Task<JsonObject> GetUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken);

    Task<JsonObject> PutUserPolicyAsync(string userName, string policyName, string policyDocument, CancellationToken cancellationToken);

    Task<JsonObject> DeleteUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken);

    Task<JsonObject> GetLoginProfileAsync(string userName, CancellationToken cancellationToken);

    Task<JsonObject> DeleteLoginProfileAsync(string userName, CancellationToken cancellationToken);

    Task<JsonObject> ListSigningCertificatesAsync(string userName, CancellationToken cancellationToken);

    Task<JsonObject> DeleteSigningCertificateAsync(string userName, string certificateId, CancellationToken cancellationToken);

    Task<JsonObject> ListSshPublicKeysAsync(string userName, CancellationToken cancellationToken);

    Task<JsonObject> DeleteSshPublicKeyAsync(string userName, string sshPublicKeyId, CancellationToken cancellationToken);

    Task<JsonObject> ListServiceSpecificCredentialsAsync(string userName, CancellationToken cancellationToken);

    Task<JsonObject> DeleteServiceSpecificCredentialAsync(string userName, string credentialId, CancellationToken cancellationToken);

    Task<JsonObject> ListMfaDevicesAsync(string userName, CancellationToken cancellationToken);

    Task<JsonObject> DeactivateMfaDeviceAsync(string userName, string serialNumber, CancellationToken cancellationToken);

    Task<JsonObject> DeleteVirtualMfaDeviceAsync(string serialNumber, CancellationToken cancellationToken);

    Task<JsonObject> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken);

    Task<JsonObject> RemoveUserFromGroupAsync(string userName, string groupName, CancellationToken cancellationToken);
}

public sealed partial class IamClient
{
    public Task<JsonObject> GetUserAsync(string userName, CancellationToken cancellationToken) =>
        CredentialCalls.OneAsync(_caller, "GetUser", p => p.Add("UserName", userName), cancellationToken);

    public Task<JsonObject> DeleteUserAsync(string userName, CancellationToken cancellationToken) =>
        CredentialCalls.OneAsync(_caller, "DeleteUser", p => p.Add("UserName", userName), cancellationToken);

    public Task<JsonObject> GetAccessKeyLastUsedAsync(string accessKeyId, CancellationToken cancellationToken) =>
        CredentialCalls.OneAsync(_caller, "GetAccessKeyLastUsed", p => p.Add("AccessKeyId", accessKeyId), cancellationToken);

    public Task<JsonObject> ListAccessKeysAsync(string userName, CancellationToken cancellationToken) =>
        CredentialCalls.AllAsync(_caller, "ListAccessKeys", p => p.Add("UserName", userName), "AccessKeyMetadata", cancellationToken);

    public Task<JsonObject> UpdateAccessKeyAsync(string userName, string accessKeyId, string status, CancellationToken cancellationToken) =>
        CredentialCalls.OneAsync(_caller, "UpdateAccessKey", p => p.Add("UserName", userName).Add("AccessKeyId", accessKeyId).Add("Status", status), cancellationToken);

    public Task<JsonObject> DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken) =>
        CredentialCalls.OneAsync(_caller, "DeleteAccessKey", p => p.Add("UserName", userName).Add("AccessKeyId", accessKeyId), cancellationToken);

    public Task<JsonObject> ListAttachedUserPoliciesAsync(string userName, CancellationToken cancellationToken) =>
        CredentialCalls.AllAsync(_caller, "ListAttachedUserPolicies", p => p.Add("UserName", userName), "AttachedPolicies", cancellationToken);

    public Task<JsonObject> AttachUserPolicyAsync(string userName, string policyArn, CancellationToken cancellationToken) =>
        CredentialCalls.OneAsync(_caller, "AttachUserPolicy", p => p.Add("UserName", userName).Add("PolicyArn", policyArn), cancellationToken);

    public Task<JsonObject> DetachUserPolicyAsync(string userName, string policyArn, CancellationToken cancellationToken) =>
        CredentialCalls.OneAsync(_caller, "DetachUserPolicy", p => p.Add("UserName", userName).Add("PolicyArn", policyArn), cancellationToken);

    public async Task<JsonObject> FindPoliciesByNameAsync(string policyName, CancellationToken cancellationToken)
    {
        // ListPolicies has no name filter; 1000 a page keeps the scan of AWS's ~1300 managed policies to two calls.
        var all = await CredentialCalls.AllAsync(_caller, "ListPolicies", p => p.Add("Scope", "All").Add("MaxItems", 1000), "Policies", cancellationToken).ConfigureAwait(false);
        var matching = all["Policies"]!.AsArray().Where(p => (string?)p?["PolicyName"] == policyName).Select(p => p!.DeepClone()).ToArray();
        all["Policies"] = new JsonArray(matching);
        return all;
    }

    public Task<JsonObject> GetPolicyAsync(string policyArn, CancellationToken cancellationToken) =>
        CredentialCalls.OneAsync(_caller, "GetPolicy", p => p.Add("PolicyArn", policyArn), cancellationToken);

    public Task<JsonObject> CreatePolicyAsync(string policyName, string policyDocument, string description, CancellationToken cancellationToken) =>
        CredentialCalls.OneAsync(_caller, "CreatePolicy", p => p.Add("PolicyName", policyName).Add("PolicyDocument", policyDocument).Add("Description", description), cancellationToken);

    public Task<JsonObject> ListUserPoliciesAsync(string userName, CancellationToken cancellationToken) =>
        CredentialCalls.AllAsync(_caller, "ListUserPolicies", p => p.Add("UserName", userName), "PolicyNames", cancellationToken);

    public async Task<JsonObject> GetUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken)
    {
        var policy = await CredentialCalls.OneAsync(_caller, "GetUserPolicy", p => p.Add("UserName", userName).Add("PolicyName", policyName), cancellationToken).ConfigureAwait(false);
        // IAM returns the document URL-encoded, as boto3 does not: decode it so the evidence reads as a policy.
        if (policy["PolicyDocument"]?.GetValue<string>() is { } encoded)
        {
            policy["PolicyDocument"] = JsonNode.Parse(Uri.UnescapeDataString(encoded));
        }
        return policy;
    }

    public Task<JsonObject> PutUserPolicyAsync(string userName, string policyName, string policyDocument, CancellationToken cancellationToken) =>
        CredentialCalls.OneAsync(_caller, "PutUserPolicy", p => p.Add("UserName", userName).Add("PolicyName", policyName).Add("PolicyDocument", policyDocument), cancellationToken);

    public Task<JsonObject> DeleteUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken) =>
        CredentialCalls.OneAsync(_caller, "DeleteUserPolicy", p => p.Add("UserName", userName).Add("PolicyName", policyName), cancellationToken);

    public Task<JsonObject> GetLoginProfileAsync(string userName, CancellationToken cancellationToken) =>
        CredentialCalls.OneAsync(_caller, "GetLoginProfile", p => p.Add("UserName", userName), cancellationToken);

    public Task<JsonObject> DeleteLoginProfileAsync(string userName, CancellationToken cancellationToken) =>
        CredentialCalls.OneAsync(_caller, "DeleteLoginProfile", p => p.Add("UserName", userName), cancellationToken);

    public Task<JsonObject> ListSigningCertificatesAsync(string userName, CancellationToken cancellationToken) =>
        CredentialCalls.AllAsync(_caller, "ListSigningCertificates", p => p.Add("UserName", userName), "Certificates", cancellationToken);

    public Task<JsonObject> DeleteSigningCertificateAsync(string userName, string certificateId, CancellationToken cancellationToken) =>
        CredentialCalls.OneAsync(_caller, "DeleteSigningCertificate", p => p.Add("UserName", userName).Add("CertificateId", certificateId), cancellationToken);

    public Task<JsonObject> ListSshPublicKeysAsync(string userName, CancellationToken cancellationToken) =>
        CredentialCalls.AllAsync(_caller, "ListSSHPublicKeys", p => p.Add("UserName", userName), "SSHPublicKeys", cancellationToken);

    public Task<JsonObject> DeleteSshPublicKeyAsync(string userName, string sshPublicKeyId, CancellationToken cancellationToken) =>
        CredentialCalls.OneAsync(_caller, "DeleteSSHPublicKey", p => p.Add("UserName", userName).Add("SSHPublicKeyId", sshPublicKeyId), cancellationToken);

    // ListServiceSpecificCredentials is not paginated: one call returns them all.
    public Task<JsonObject> ListServiceSpecificCredentialsAsync(string userName, CancellationToken cancellationToken) =>
        CredentialCalls.OneAsync(_caller, "ListServiceSpecificCredentials", p => p.Add("UserName", userName), cancellationToken);

    public Task<JsonObject> DeleteServiceSpecificCredentialAsync(string userName, string credentialId, CancellationToken cancellationToken) =>
        CredentialCalls.OneAsync(_caller, "DeleteServiceSpecificCredential", p => p.Add("UserName", userName).Add("ServiceSpecificCredentialId", credentialId), cancellationToken);

    public Task<JsonObject> ListMfaDevicesAsync(string userName, CancellationToken cancellationToken) =>
        CredentialCalls.AllAsync(_caller, "ListMFADevices", p => p.Add("UserName", userName), "MFADevices", cancellationToken);

    public Task<JsonObject> DeactivateMfaDeviceAsync(string userName, string serialNumber, CancellationToken cancellationToken) =>
        CredentialCalls.OneAsync(_caller, "DeactivateMFADevice", p => p.Add("UserName", userName).Add("SerialNumber", serialNumber), cancellationToken);

    public Task<JsonObject> DeleteVirtualMfaDeviceAsync(string serialNumber, CancellationToken cancellationToken) =>
        CredentialCalls.OneAsync(_caller, "DeleteVirtualMFADevice", p => p.Add("SerialNumber", serialNumber), cancellationToken);

    public Task<JsonObject> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken) =>
        CredentialCalls.AllAsync(_caller, "ListGroupsForUser", p => p.Add("UserName", userName), "Groups", cancellationToken);

    public Task<JsonObject> RemoveUserFromGroupAsync(string userName, string groupName, CancellationToken cancellationToken) =>
        CredentialCalls.OneAsync(_caller, "RemoveUserFromGroup", p => p.Add("GroupName", groupName).Add("UserName", userName), cancellationToken);
}

/// <summary>
/// How these calls are made and read. File-local, so the other IAM parts can keep helpers of their own names.
/// </summary>
file static class CredentialCalls
{
    private static readonly XmlShape Shape = new(
        numbers: ["AttachmentCount", "PermissionsBoundaryUsageCount"],
        booleans: ["IsTruncated", "IsAttachable", "IsDefaultVersion", "PasswordResetRequired"],
        lists: ["AccessKeyMetadata", "AttachedPolicies", "Policies", "PolicyNames", "Certificates", "SSHPublicKeys", "ServiceSpecificCredentials", "MFADevices", "Groups", "Tags"]);

    public static async Task<JsonObject> OneAsync(IAwsCaller caller, string action, Action<QueryParameters> fill, CancellationToken cancellationToken)
    {
        var parameters = caller.NewParameters();
        fill(parameters);
        var reply = await caller.CallAsync(action, parameters, cancellationToken).ConfigureAwait(false);
        return reply.ToJson(Shape);
    }

    /// <summary>Every page's <paramref name="listName"/> in one list; the metadata is the last page's.</summary>
    public static async Task<JsonObject> AllAsync(IAwsCaller caller, string action, Action<QueryParameters> fill, string listName, CancellationToken cancellationToken)
    {
        var items = new JsonArray();
        JsonObject? last = null;
        await foreach (var page in caller.PagesAsync(action, fill, "Marker", "Marker", cancellationToken).ConfigureAwait(false))
        {
            last = page.ToJson(Shape);
            foreach (var item in last[listName] as JsonArray ?? [])
            {
                items.Add(item?.DeepClone());
            }
        }
        last!.Remove("IsTruncated");
        last.Remove("Marker");
        last[listName] = items;
        return last;
    }
}
