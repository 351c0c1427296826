using System.Text.Json.Nodes;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// Cuts IAM users (comma-separated) off from AWS with an explicit inline deny-all policy: an explicit deny outranks
/// every allow the user has. The policy has a fixed name, so running the action again rewrites the same policy and
/// changes nothing further. The action fails when any user could not be contained, or when no user was found.
/// </summary>
public sealed class DisableUserAccessAction : IamAction<DisableUserAccessParameters>
{
    /// <summary>The inline policy's name, so responders can find it (and delete it to restore access).</summary>
    public const string PolicyName = "AwsContainmentDenyAll";

    private static readonly JsonObject DenyAll = new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Sid"] = "DenyAllAwsContainment",
            ["Effect"] = "Deny",
            ["Action"] = "*",
            ["Resource"] = "*",
        }),
    };

    protected override string Title => "Disable User Access";

    protected override async Task RunAsync(DisableUserAccessParameters parameters, IIamClient iam, ActionResult result, CancellationToken cancellationToken)
    {
        var document = DenyAll.ToJsonString();
        var batch = await ItemOutcomes.RunEachAsync(parameters.UserName, IamNameRule.User.Problem, async user => Changed(new JsonObject
        {
            ["UserName"] = user,
            ["PolicyName"] = PolicyName,
            ["PolicyDocument"] = DenyAll.DeepClone(),
        }, await iam.PutUserPolicyAsync(user, PolicyName, document, cancellationToken).ConfigureAwait(false))).ConfigureAwait(false);
        batch.Report(result);
        var notFound = batch.Failed.Where(o => o.ErrorCode == IamErrorCodes.NoSuchEntity).ToList();
        var failed = batch.Failed.Except(notFound).ToList();
        result.Summary["total_not_found"] = notFound.Count;
        var message = Sentences.Join([
            .. batch.Succeeded.Count > 0 ? [$"Successfully added deny policy to the following users in AWS IAM: {ItemOutcomes.Names(batch.Succeeded)}"] : Array.Empty<string>(),
            .. notFound.Count > 0 ? [$"Action wasn't able to find the following users in AWS IAM: {ItemOutcomes.Names(notFound)}"] : Array.Empty<string>(),
            .. failed.GroupBy(o => o.Reason!).Select(g => $"Action wasn't able to add deny policy to the following users in AWS IAM: {ItemOutcomes.Names(g)}. Reason: {g.Key}"),
        ]);
        Conclude(result, batch.Succeeded.Count > 0 && failed.Count == 0, message);
    }
}
