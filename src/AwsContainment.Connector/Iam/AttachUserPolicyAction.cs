
namespace AwsContainment.Connector.Iam;

/// <summary>
/// Attaches a managed policy, by ARN or name, to a user unless it is attached already, and reads the user's
/// policies back until IAM lists it (the playbook's containment policy, say); undone by detach user policy.
/// </summary>
public sealed class AttachUserPolicyAction : IAwsAction<AttachUserPolicyParameters>
{
    public async Task RunAsync(ActionContext context, AttachUserPolicyParameters parameters, CancellationToken cancellationToken)
    {
        var iam = context.Aws.Iam();
        var userName = parameters.UserName;
        var policyArn = await UserPolicies.ArnAsync(iam, parameters.Policy, cancellationToken).ConfigureAwait(false);
        var change = await UserPolicies.AttachAsync(iam, userName, policyArn, cancellationToken).ConfigureAwait(false);
        PolicyChangeResult.Fill(context.Result, change);
    }
}
