using System.Text.Json.Nodes;
using Amazon.Runtime;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// Deletes an IAM user's console password (DeleteLoginProfile). Irreversible: the old password cannot come back;
/// only a new one (CreateLoginProfile) restores console sign-in, so app.json names no undo. A user without a
/// password already has no console access (a no-op, told apart from a missing user by reading the user).
/// </summary>
public sealed class DisableConsoleAccessAction : IAwsAction<DisableConsoleAccessParameters>
{
    public async Task RunAsync(ActionContext context, DisableConsoleAccessParameters parameters, CancellationToken cancellationToken)
    {
        var userName = parameters.UserName;
        var iam = context.Aws.Iam();
        var data = new JsonObject { ["UserName"] = userName, ["Changed"] = true, ["Reversible"] = false };
        context.Result.Summary["user_name"] = userName;
        try
        {
            data["ResponseMetadata"] = (await iam.DeleteLoginProfileAsync(userName, cancellationToken).ConfigureAwait(false)).ToJson();
        }
        catch (AmazonServiceException missing) when (missing.ErrorCode == IamErrorCodes.NoSuchEntity)
        {
            // No password, or no user: a user that reads back has no console password (a repeated delete's
            // NoSuchEntity never gets here: the IAM client reports that deletion done).
            var user = await iam.GetUserAsync(userName, cancellationToken).ConfigureAwait(false);
            data["Changed"] = false;
            data["ResponseMetadata"] = user["ResponseMetadata"]?.DeepClone();
            context.Result.AddData(data);
            context.Result.Succeed($"User {userName} has no console password, so already no console access; nothing changed");
            return;
        }
        context.Result.AddData(data);
        context.Result.Succeed($"Deleted the console password of user {userName}: no console sign-in from now on. Irreversible: only a new password (iam create-login-profile) gives console access back; console sessions already open last until they expire (revoke user sessions ends them)");
    }
}
