using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;

namespace AwsContainment.Connector.Iam;

/// <summary>Which managed policies a listing covers (IAM's <c>Scope</c>).</summary>
public enum PolicyScope
{
    All,
    /// <summary>AWS-managed policies.</summary>
    AWS,
    /// <summary>The account's customer-managed policies.</summary>
    Local,
}

/// <summary>The kinds of IAM identity a managed policy can be attached to.</summary>
public enum IdentityType
{
    User,
    Group,
    Role,
}

/// <summary>Managed policies (create, list, find by name, attach) and users' inline policies.</summary>
public partial interface IIamClient
{
    /// <summary>The new customer-managed policy (version v1, the default) with <c>ResponseMetadata</c>.</summary>
    Task<JsonObject> CreatePolicyAsync(string policyName, string policyDocument, string? description, CancellationToken cancellationToken);

    Task<IamListing> ListPoliciesAsync(PolicyScope scope, bool onlyAttached, int maxItems, CancellationToken cancellationToken);

    /// <summary>The managed policy named <paramref name="policyName"/> in <paramref name="scope"/>, or null.</summary>
    Task<JsonObject?> FindPolicyAsync(string policyName, PolicyScope scope, CancellationToken cancellationToken);

    Task<AwsResponseMetadata> AttachPolicyAsync(IdentityType identityType, string identityName, string policyArn, CancellationToken cancellationToken);

    /// <summary>Writes (or overwrites) the user's inline policy <paramref name="policyName"/>.</summary>
    Task<AwsResponseMetadata> PutUserPolicyAsync(string userName, string policyName, string policyDocument, CancellationToken cancellationToken);
}

public sealed partial class IamClient
{
    public Task<JsonObject> CreatePolicyAsync(string policyName, string policyDocument, string? description, CancellationToken cancellationToken) =>
        CreateOnceAsync(
            () => EntityAsync("CreatePolicy", "Policy", p => p.Add("PolicyName", policyName).Add("PolicyDocument", policyDocument).Add("Description", description), cancellationToken),
            async () => await FindPolicyAsync(policyName, PolicyScope.Local, cancellationToken).ConfigureAwait(false) is { } listed
                // A listing leaves out the description; the policy itself carries everything CreatePolicy answers.
                ? await GetPolicyAsync((string)listed["Arn"]!, cancellationToken).ConfigureAwait(false)
                : null);

    public Task<IamListing> ListPoliciesAsync(PolicyScope scope, bool onlyAttached, int maxItems, CancellationToken cancellationToken) =>
        ListAsync("ListPolicies", "Policies", maxItems, p => p.Add("Scope", scope.ToString()).Add("OnlyAttached", onlyAttached), cancellationToken);

    public async Task<JsonObject?> FindPolicyAsync(string policyName, PolicyScope scope, CancellationToken cancellationToken)
    {
        var policies = await ListPoliciesAsync(scope, onlyAttached: false, int.MaxValue, cancellationToken).ConfigureAwait(false);
        return policies.Items.OfType<JsonObject>().FirstOrDefault(p => (string?)p["PolicyName"] == policyName);
    }

    public async Task<AwsResponseMetadata> AttachPolicyAsync(IdentityType identityType, string identityName, string policyArn, CancellationToken cancellationToken) =>
        (await CallAsync($"Attach{identityType}Policy", p => p.Add($"{identityType}Name", identityName).Add("PolicyArn", policyArn), cancellationToken).ConfigureAwait(false)).Metadata;

    public async Task<AwsResponseMetadata> PutUserPolicyAsync(string userName, string policyName, string policyDocument, CancellationToken cancellationToken) =>
        (await CallAsync("PutUserPolicy", p => p.Add("UserName", userName).Add("PolicyName", policyName).Add("PolicyDocument", policyDocument), cancellationToken).ConfigureAwait(false)).Metadata;
}
