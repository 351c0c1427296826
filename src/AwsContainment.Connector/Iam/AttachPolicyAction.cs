using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// Attaches a managed policy, named by its friendly name, to a user, group or role. The name resolves to the
/// account's customer-managed policy first, then to the AWS-managed one. Attaching an attached policy changes nothing.
/// </summary>
public sealed class AttachPolicyAction : IamAction<AttachPolicyParameters>
{
    protected override string Title => "Attach a Policy";

    protected override async Task RunAsync(AttachPolicyParameters parameters, IIamClient iam, ActionResult result, CancellationToken cancellationToken)
    {
        var type = Enum.Parse<IdentityType>(parameters.IdentityType);
        var identity = parameters.IdentityName;
        var policyName = parameters.PolicyName;
        var couldNot = $"Could not attach {policyName} to {type}: {identity}.";
        var policy = await iam.FindPolicyAsync(policyName, PolicyScope.Local, cancellationToken).ConfigureAwait(false)
            ?? await iam.FindPolicyAsync(policyName, PolicyScope.AWS, cancellationToken).ConfigureAwait(false)
            ?? throw new ActionFailedException($"{couldNot} No customer-managed or AWS-managed policy is named {policyName}.");
        var policyArn = (string)policy["Arn"]!;
        try
        {
            var attached = await iam.AttachPolicyAsync(type, identity, policyArn, cancellationToken).ConfigureAwait(false);
            result.AddData(Changed(new JsonObject
            {
                ["IdentityType"] = type.ToString(),
                ["IdentityName"] = identity,
                ["PolicyName"] = policyName,
                ["PolicyArn"] = policyArn,
            }, attached));
            result.Summary["policy_arn"] = policyArn;
            result.Succeed($"Policy was attached to {type}: {identity}");
        }
        catch (AmazonServiceException error) when (error.ErrorCode == IamErrorCodes.NoSuchEntity)
        {
            result.Fail($"{couldNot} {AwsErrors.Describe(error)}");
        }
    }
}
