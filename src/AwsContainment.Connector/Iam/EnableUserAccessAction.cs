using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// The undo of disable user access: deletes its inline deny-all policy from IAM users (comma-separated). A user
/// without that policy is already enabled (a no-op, told apart from a user that does not exist by reading the user).
/// The user's own policies were never touched, so they apply again at once.
/// </summary>
public sealed class EnableUserAccessAction : IamAction<EnableUserAccessParameters>
{
    protected override string Title => "Enable User Access";

    protected override async Task RunAsync(EnableUserAccessParameters parameters, IIamClient iam, ActionResult result, CancellationToken cancellationToken)
    {
        var batch = await ItemOutcomes.RunEachAsync(parameters.UserName, IamNameRule.User.Problem, async user =>
        {
            var about = new JsonObject { ["UserName"] = user, ["PolicyName"] = DisableUserAccessAction.PolicyName, ["Changed"] = true };
            try
            {
                return Changed(about, await iam.DeleteUserPolicyAsync(user, DisableUserAccessAction.PolicyName, cancellationToken).ConfigureAwait(false));
            }
            catch (AmazonServiceException missing) when (missing.ErrorCode == IamErrorCodes.NoSuchEntity)
            {
                // The policy or the user is missing: a user that reads back has no deny policy (a repeated delete's
                // NoSuchEntity never gets here: the IAM client reports that removal done).
                var found = await iam.GetUserAsync(user, cancellationToken).ConfigureAwait(false);
                about["Changed"] = false;
                about["ResponseMetadata"] = found["ResponseMetadata"]?.DeepClone();
                return ItemResult.Unchanged("has no deny policy", about);
            }
        }).ConfigureAwait(false);
        batch.Report(result);
        var removed = batch.Of(Outcome.Changed);
        var already = batch.Of(Outcome.Unchanged);
        var notFound = batch.Failed.Where(o => o.ErrorCode == IamErrorCodes.NoSuchEntity).ToList();
        var failed = batch.Failed.Except(notFound).ToList();
        result.Summary["total_not_found"] = notFound.Count;
        var message = Sentences.Join([
            .. removed.Count > 0 ? [$"Removed the deny policy {DisableUserAccessAction.PolicyName} from the following users in AWS IAM, whose own policies apply again: {ItemOutcomes.Names(removed)}"] : Array.Empty<string>(),
            .. already.Count > 0 ? [$"The following users had no deny policy {DisableUserAccessAction.PolicyName}, nothing changed: {ItemOutcomes.Names(already)}"] : Array.Empty<string>(),
            .. notFound.Count > 0 ? [$"Action wasn't able to find the following users in AWS IAM: {ItemOutcomes.Names(notFound)}"] : Array.Empty<string>(),
            .. failed.GroupBy(o => o.Reason!).Select(g => $"Action wasn't able to remove the deny policy from the following users in AWS IAM: {ItemOutcomes.Names(g)}. Reason: {g.Key}"),
        ]);
        Conclude(result, batch.Succeeded.Count > 0 && failed.Count == 0, message);
    }
}
