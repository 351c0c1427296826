using Amazon.Runtime;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// The playbook's deny-all managed policy (<c>iam-containment-policy</c>): created the first time an account
/// needs it and reused after, so every contained user carries the same, recognisable policy.
/// </summary>
public static class ContainmentPolicy
{
    public const string Name = "iam-containment-policy";

    public const string Document = """{"Version":"2012-10-17","Statement":[{"Sid":"IamPolicyForContainment","Effect":"Deny","Action":"*","Resource":"*"}]}""";

    private const string Description = "Denies every action: attached to IAM users whose credentials were exposed (AwsContainment)";

    /// <summary>The policy's ARN in the key's account (the asset's own, or the one reached through a role there).</summary>
    public static string ArnIn(KeyAccount account) => $"arn:{account.Partition}:iam::{account.Account}:policy/{Name}";

    /// <summary>Makes sure the account has the policy; returns whether this call created it.</summary>
    public static async Task<bool> EnsureAsync(IIamClient iam, string policyArn, CancellationToken cancellationToken)
    {
        if (await iam.GetPolicyAsync(policyArn, cancellationToken).OrNullWhenMissingAsync().ConfigureAwait(false) is not null)
        {
            return false;
        }
        try
        {
            await iam.CreatePolicyAsync(Name, Document, Description, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonServiceException exists) when (exists.ErrorCode == IamErrorCodes.EntityAlreadyExists)
        {
            return false; // a parallel containment made it first
        }
    }
}
