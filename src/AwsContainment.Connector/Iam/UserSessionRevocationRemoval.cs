using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// Takes a user's session revocation away again, under <see cref="UndoRules"/>: the policy goes when its cut-off is
/// the recorded one; a revocation with another cut-off was written since (a re-run, another responder) and is refused
/// unless <c>force</c>; a user without the policy is left alone. The removed policy's text is kept in the data.
/// </summary>
internal static class UserSessionRevocationRemoval
{
    public static async Task<StepResult> RemoveAsync(IIamClient iam, string user, DateTimeOffset recorded, bool force, CancellationToken cancellationToken)
    {
        var about = new JsonObject { ["UserName"] = user, ["PolicyName"] = SessionRevocation.PolicyName, ["Removed"] = false, ["RevokedBefore"] = null };
        if (await iam.GetUserPolicyAsync(user, SessionRevocation.PolicyName, cancellationToken).OrNullWhenMissingAsync().ConfigureAwait(false) is not { } policy)
        {
            // IAM's NoSuchEntity names neither the user nor the policy: a user that reads back has no revocation.
            var found = await iam.GetUserAsync(user, cancellationToken).ConfigureAwait(false);
            about["ResponseMetadata"] = found["ResponseMetadata"]?.DeepClone();
            return StepResult.AlreadyDone($"User {user} has no {SessionRevocation.PolicyName} policy; nothing changed", about);
        }
        var current = SessionRevocation.RevokedBefore(SessionRevocation.Statements(policy));
        // Revoke user sessions records no revocation before its own: the state to go back to is none.
        var undo = UndoRules.Judge(new UndoSubject<DateTimeOffset?>($"the session revocation of user {user}", null, current, cutoff => cutoff == recorded, (one, other) => one == other, Describe), force).ThrowIfRefused();
        if (!undo.Restore)
        {
            about["ResponseMetadata"] = policy["ResponseMetadata"]?.DeepClone();
            return StepResult.AlreadyDone($"The {SessionRevocation.PolicyName} policy of user {user} holds no session cut-off, so it is no revocation to remove; nothing changed", about);
        }
        var deleted = await iam.DeleteUserPolicyAsync(user, SessionRevocation.PolicyName, cancellationToken).ConfigureAwait(false);
        about["Removed"] = true;
        about["RevokedBefore"] = current is { } at ? SessionRevocation.Text(at) : null;
        about["PolicyDocument"] = policy["PolicyDocument"]?.DeepClone();
        about["ResponseMetadata"] = deleted.ToJson();
        var forced = undo.Forced is { } overwritten ? $"; {overwritten}" : "";
        return StepResult.Done($"Removed {SessionRevocation.PolicyName} from user {user}: its sessions issued before {Describe(current)} that have not expired work again{forced}", about);
    }

    private static string Describe(DateTimeOffset? cutoff) => cutoff is { } at ? SessionRevocation.Text(at) : "no cut-off";
}
