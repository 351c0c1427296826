using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// Managed policies on a user, named by ARN or by name: attaching and detaching only what needs it (so running
/// twice is safe), and reading the user's list back until IAM shows the change, as the playbook verifies.
/// </summary>
public static class UserPolicies
{
    public static bool IsArn(string policy) => policy.StartsWith("arn:", StringComparison.Ordinal);

    /// <summary>The ARN of a policy given by ARN, or by the name of one customer or AWS managed policy.</summary>
    public static async Task<string> ArnAsync(IIamClient iam, string policy, CancellationToken cancellationToken)
    {
        if (IsArn(policy))
        {
            return policy;
        }
        var all = await iam.ListPoliciesAsync(PolicyScope.All, onlyAttached: false, int.MaxValue, cancellationToken).ConfigureAwait(false);
        var arns = all.Items.Where(p => (string?)p["PolicyName"] == policy).Select(p => (string)p["Arn"]!).ToList();
        return arns.Count switch
        {
            0 => throw new ActionFailedException($"No managed policy is named {policy}, neither in this account nor among AWS's"),
            1 => arns[0],
            _ => throw new ActionFailedException($"Policy name {policy} is ambiguous ({string.Join(", ", arns)}); give the policy ARN instead"),
        };
    }

    public static async Task<PolicyChange> AttachAsync(IIamClient iam, string userName, string policyArn, CancellationToken cancellationToken)
    {
        var before = await iam.ListAttachedUserPoliciesAsync(userName, cancellationToken).ConfigureAwait(false);
        if (Find(before, policyArn) is not null)
        {
            return new PolicyChange(userName, policyArn, Attach: true, before, Reads: 1, Confirmed: true, Change: null);
        }
        var attached = await iam.AttachPolicyAsync(IdentityType.User, userName, policyArn, cancellationToken).ConfigureAwait(false);
        var check = await ReadBack.Default.UntilAsync(() => iam.ListAttachedUserPoliciesAsync(userName, cancellationToken), l => Find(l, policyArn) is not null, cancellationToken).ConfigureAwait(false);
        return new PolicyChange(userName, policyArn, Attach: true, check.Value, check.Reads, check.Confirmed, attached);
    }

    /// <summary>Detaches the policy, named by ARN or by the name it has among the user's attached policies.</summary>
    public static async Task<PolicyChange> DetachAsync(IIamClient iam, string userName, string policy, CancellationToken cancellationToken)
    {
        var before = await iam.ListAttachedUserPoliciesAsync(userName, cancellationToken).ConfigureAwait(false);
        if (Find(before, policy) is not { } attached)
        {
            return new PolicyChange(userName, policy, Attach: false, before, Reads: 1, Confirmed: true, Change: null);
        }
        var policyArn = (string)attached["PolicyArn"]!;
        var detached = await iam.DetachUserPolicyAsync(userName, policyArn, cancellationToken).ConfigureAwait(false);
        var check = await ReadBack.Default.UntilAsync(() => iam.ListAttachedUserPoliciesAsync(userName, cancellationToken), l => Find(l, policyArn) is null, cancellationToken).ConfigureAwait(false);
        return new PolicyChange(userName, policyArn, Attach: false, check.Value, check.Reads, check.Confirmed, detached);
    }

    private static JsonNode? Find(IamListing attached, string policy) =>
        attached.Items.FirstOrDefault(p => (string?)p[IsArn(policy) ? "PolicyArn" : "PolicyName"] == policy);
}

/// <summary>What attaching or detaching did (the call's metadata, none when nothing changed), and the user's attached policies as IAM last listed them.</summary>
public sealed record PolicyChange(string UserName, string Policy, bool Attach, IamListing AttachedPolicies, int Reads, bool Confirmed, AwsResponseMetadata? Change)
{
    public bool Changed => Change is not null;

    /// <summary>As a playbook step: changed or already so, described.</summary>
    public StepResult ToStep() => new(Changed ? Outcome.Changed : Outcome.Unchanged, Describe());

    public string Describe()
    {
        if (!Changed)
        {
            return Attach
                ? $"Policy {Policy} was already attached to user {UserName}; nothing changed"
                : $"Policy {Policy} is not attached to user {UserName}; nothing changed";
        }
        var done = Attach ? $"Policy {Policy} attached to user {UserName}" : $"Policy {Policy} detached from user {UserName}";
        return Confirmed
            ? $"{done} (IAM listed the change after {Wording.Count(Reads, "read")})"
            : $"{done}, but IAM did not list the change after {Wording.Count(Reads, "read")}; IAM is eventually consistent, so list attached user policies again to confirm";
    }

    public JsonObject ToJson() => new()
    {
        ["UserName"] = UserName,
        ["Policy"] = Policy,
        ["Changed"] = Changed,
        ["Confirmed"] = Confirmed,
        ["Reads"] = Reads,
        ["AttachedPolicies"] = AttachedPolicies.ToJsonArray(),
        ["ResponseMetadata"] = Change?.ToJson(),
    };
}

/// <summary>How attach and detach user policy report a change.</summary>
internal static class PolicyChangeResult
{
    public static void Fill(ActionResult result, PolicyChange change)
    {
        result.AddData(change.ToJson());
        result.Summary["policy"] = change.Policy;
        result.Summary["changed"] = change.Changed;
        result.Summary["confirmed"] = change.Confirmed;
        result.Succeed(change.Describe());
    }
}
