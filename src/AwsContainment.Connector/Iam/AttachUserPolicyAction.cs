
namespace AwsContainment.Connector.Iam;

/// <summary>
/// Attaches a managed policy, by ARN or name, to a user unless it is attached already, and reads the user's
/// policies back until IAM lists it (the playbook's containment policy, say); undone by detach user policy.
/// </summary>
public sealed class AttachUserPolicyAction : IAwsAction
{
    public string Identifier => "attach_user_policy";

    public async Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var iam = context.Aws.Iam();
        var userName = context.Parameters.String("user_name");
        var policyArn = await UserPolicies.ArnAsync(iam, context.Parameters.String("policy"), cancellationToken).ConfigureAwait(false);
        var change = await UserPolicies.AttachAsync(iam, userName, policyArn, cancellationToken).ConfigureAwait(false);
        PolicyChangeResult.Fill(context.Result, change);
    }
}
