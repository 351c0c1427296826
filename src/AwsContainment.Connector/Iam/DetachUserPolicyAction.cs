
namespace AwsContainment.Connector.Iam;

/// <summary>
/// Detaches a managed policy, by ARN or by its name among the user's attached policies, and reads the user's
/// policies back until IAM no longer lists it. A policy that is not attached is left alone: the undo of attach.
/// </summary>
public sealed class DetachUserPolicyAction : IAwsAction<DetachUserPolicyParameters>
{
    public async Task RunAsync(ActionContext context, DetachUserPolicyParameters parameters, CancellationToken cancellationToken)
    {
        var change = await UserPolicies.DetachAsync(context.Aws.Iam(), parameters.UserName, parameters.Policy, cancellationToken).ConfigureAwait(false);
        PolicyChangeResult.Fill(context.Result, change);
    }
}
