
namespace AwsContainment.Connector.Iam;

/// <summary>Every managed policy attached to a user (every page of ListAttachedUserPolicies).</summary>
public sealed class ListAttachedUserPoliciesAction : IAwsAction<ListAttachedUserPoliciesParameters>
{
    public async Task RunAsync(ActionContext context, ListAttachedUserPoliciesParameters parameters, CancellationToken cancellationToken)
    {
        var userName = parameters.UserName;
        var listing = await context.Aws.Iam().ListAttachedUserPoliciesAsync(userName, cancellationToken).ConfigureAwait(false);
        var policies = listing.Items;
        context.Result.AddData(UserListing.ToJson(userName, "AttachedPolicies", listing));
        context.Result.Summary["total_policies"] = policies.Count;
        var names = policies.Count == 0 ? "none" : string.Join(", ", policies.Select(p => (string?)p?["PolicyName"]));
        context.Result.Succeed($"User {userName} has {Wording.Count(policies.Count, "attached policy", "attached policies")}: {names}");
    }
}
