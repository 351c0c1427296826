using System.Globalization;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// Undoes revoke user sessions: deletes the user's <see cref="SessionRevocation.PolicyName"/> policy when its cut-off
/// is the one that action reported (<c>revoked_before</c>); see <see cref="UserSessionRevocationRemoval"/>. Sessions
/// issued before the cut-off that have not expired work again, so the removed policy's text is kept in the result.
/// </summary>
public sealed class RemoveUserSessionRevocationAction : IAwsAction<RemoveUserSessionRevocationParameters>
{
    public async Task RunAsync(ActionContext context, RemoveUserSessionRevocationParameters parameters, CancellationToken cancellationToken)
    {
        var recorded = DateTimeOffset.Parse(parameters.RevokedBefore, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var removal = await UserSessionRevocationRemoval.RemoveAsync(context.Aws.Iam(), parameters.UserName, recorded, parameters.Force, cancellationToken).ConfigureAwait(false);
        context.Result.AddData(removal.Data!);
        context.Result.Succeed(removal.Message);
    }
}
