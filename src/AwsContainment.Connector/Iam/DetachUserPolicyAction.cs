
namespace AwsContainment.Connector.Iam;

/// <summary>
/// Detaches a managed policy, by ARN or by its name among the user's attached policies, and reads the user's
/// policies back until IAM no longer lists it. A policy that is not attached is left alone: the undo of attach.
/// </summary>
public sealed class DetachUserPolicyAction : IAwsAction
{
    public string Identifier => "detach_user_policy";

    public async Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var change = await UserPolicies.DetachAsync(context.Aws.Iam(), context.Parameters.String("user_name"), context.Parameters.String("policy"), cancellationToken).ConfigureAwait(false);
        PolicyChangeResult.Fill(context.Result, change);
    }
}
