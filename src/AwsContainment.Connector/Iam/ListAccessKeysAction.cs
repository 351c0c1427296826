using System.Text.Json.Nodes;

namespace AwsContainment.Connector.Iam;

/// <summary>Every access key of a user, with its status and creation date (every page of ListAccessKeys).</summary>
public sealed class ListAccessKeysAction : IAwsAction<ListAccessKeysParameters>
{
    public async Task RunAsync(ActionContext context, ListAccessKeysParameters parameters, CancellationToken cancellationToken)
    {
        var userName = parameters.UserName;
        var listing = await context.Aws.Iam().ListAccessKeysAsync(userName, cancellationToken).ConfigureAwait(false);
        var active = listing.Items.OfType<JsonObject>().Count(k => AccessKeys.StatusOf(k) == AccessKeys.Active);
        context.Result.AddData(UserListing.ToJson(userName, "AccessKeyMetadata", listing));
        context.Result.Summary["total_keys"] = listing.Items.Count;
        context.Result.Summary["active_keys"] = active;
        context.Result.Succeed($"User {userName} has {Wording.Count(listing.Items.Count, "access key")}, {active} active");
    }
}
