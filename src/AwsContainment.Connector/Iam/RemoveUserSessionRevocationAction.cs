using System.Globalization;
using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// Undoes revoke user sessions: deletes the user's <see cref="SessionRevocation.PolicyName"/> policy when its cut-off
/// is the one that action reported (<c>revoked_before</c>), under <see cref="UndoRules"/>: a revocation with another
/// cut-off was written since (a re-run, another responder) and is refused unless <c>force</c>; a user without the
/// policy is left alone. Sessions issued before the cut-off that have not expired work again, so the removed
/// policy's text is kept in the result.
/// </summary>
public sealed class RemoveUserSessionRevocationAction : IAwsAction<RemoveUserSessionRevocationParameters>
{
    public async Task RunAsync(ActionContext context, RemoveUserSessionRevocationParameters parameters, CancellationToken cancellationToken)
    {
        var user = parameters.UserName;
        var recorded = DateTimeOffset.Parse(parameters.RevokedBefore, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var iam = context.Aws.Iam();
        var about = new JsonObject { ["UserName"] = user, ["PolicyName"] = SessionRevocation.PolicyName, ["Removed"] = false, ["RevokedBefore"] = null };
        if (await iam.GetUserPolicyAsync(user, SessionRevocation.PolicyName, cancellationToken).OrNullWhenMissingAsync().ConfigureAwait(false) is not { } policy)
        {
            // IAM's NoSuchEntity names neither the user nor the policy: a user that reads back has no revocation.
            var found = await iam.GetUserAsync(user, cancellationToken).ConfigureAwait(false);
            about["ResponseMetadata"] = found["ResponseMetadata"]?.DeepClone();
            context.Result.AddData(about);
            context.Result.Succeed($"User {user} has no {SessionRevocation.PolicyName} policy; nothing changed");
            return;
        }
        var current = SessionRevocation.RevokedBefore(SessionRevocation.Statements(policy));
        // Revoke user sessions records no revocation before its own: the state to go back to is none.
        var undo = UndoRules.Judge(new UndoSubject<DateTimeOffset?>($"the session revocation of user {user}", null, current, cutoff => cutoff == recorded, (one, other) => one == other, Describe), parameters.Force).ThrowIfRefused();
        if (!undo.Restore)
        {
            about["ResponseMetadata"] = policy["ResponseMetadata"]?.DeepClone();
            context.Result.AddData(about);
            context.Result.Succeed($"The {SessionRevocation.PolicyName} policy of user {user} holds no session cut-off, so it is no revocation to remove; nothing changed");
            return;
        }
        var deleted = await iam.DeleteUserPolicyAsync(user, SessionRevocation.PolicyName, cancellationToken).ConfigureAwait(false);
        about["Removed"] = true;
        about["RevokedBefore"] = current is { } at ? SessionRevocation.Text(at) : null;
        about["PolicyDocument"] = policy["PolicyDocument"]?.DeepClone();
        about["ResponseMetadata"] = deleted.ToJson();
        context.Result.AddData(about);
        var forced = undo.Forced is { } overwritten ? $"; {overwritten}" : "";
        context.Result.Succeed($"Removed {SessionRevocation.PolicyName} from user {user}: its sessions issued before {Describe(current)} that have not expired work again{forced}");
    }

    private static string Describe(DateTimeOffset? cutoff) => cutoff is { } at ? SessionRevocation.Text(at) : "no cut-off";
}
