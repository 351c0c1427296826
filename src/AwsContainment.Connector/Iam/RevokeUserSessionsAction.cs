
namespace AwsContainment.Connector.Iam;

/// <summary>
/// Revokes every temporary credential a user's keys have minted so far: an inline policy denying every action to
/// tokens issued before now, so stolen session tokens stop working even after the key itself is deactivated.
/// </summary>
public sealed class RevokeUserSessionsAction : IAwsAction<RevokeUserSessionsParameters>
{
    public async Task RunAsync(ActionContext context, RevokeUserSessionsParameters parameters, CancellationToken cancellationToken)
    {
        var revocation = await SessionRevocation.RevokeAsync(context.Aws.Iam(), parameters.UserName, cancellationToken).ConfigureAwait(false);
        context.Result.AddData(revocation);
        context.Result.Summary["revoked_before"] = revocation["RevokedBefore"]!.DeepClone();
        context.Result.Succeed(SessionRevocation.Describe(revocation));
    }
}
