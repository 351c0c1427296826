using System.Text.Json.Nodes;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// Without <c>user</c>: the account's IAM users, up to <c>max_users</c>, in IAM's order. With <c>user</c>: that user
/// with everything a responder checks first: groups, attached and inline policies, MFA devices and access keys.
/// </summary>
public sealed class ListUsersAction : IamAction<ListUsersParameters>
{
    protected override string Title => "List Users";

    protected override async Task RunAsync(ListUsersParameters parameters, IIamClient iam, ActionResult result, CancellationToken cancellationToken)
    {
        if (parameters.User is { } user)
        {
            await DescribeUserAsync(iam, user, result, cancellationToken).ConfigureAwait(false);
            return;
        }
        var users = await iam.ListUsersAsync((int)parameters.MaxUsers, cancellationToken).ConfigureAwait(false);
        ReportListing(result, users, "total_users", "Successfully listed available users in AWS IAM", "No users found in AWS IAM");
    }

    private static async Task DescribeUserAsync(IIamClient iam, string user, ActionResult result, CancellationToken cancellationToken)
    {
        var details = await iam.GetUserAsync(user, cancellationToken).ConfigureAwait(false);
        var metadata = details["ResponseMetadata"]!;
        details.Remove("ResponseMetadata");
        (string Field, string Noun, IamListing Listing)[] parts =
        [
            ("Groups", "groups", await iam.ListGroupsForUserAsync(user, cancellationToken).ConfigureAwait(false)),
            ("AttachedPolicies", "attached policies", await iam.ListAttachedUserPoliciesAsync(user, cancellationToken).ConfigureAwait(false)),
            ("InlinePolicyNames", "inline policies", await iam.ListUserPoliciesAsync(user, cancellationToken).ConfigureAwait(false)),
            ("MFADevices", "MFA devices", await iam.ListMfaDevicesAsync(user, cancellationToken).ConfigureAwait(false)),
            ("AccessKeys", "access keys", await iam.ListAccessKeysAsync(user, cancellationToken).ConfigureAwait(false)),
        ];
        foreach (var (field, _, listing) in parts)
        {
            details[field] = new JsonArray([.. listing.Items]);
        }
        details["ResponseMetadata"] = metadata;
        result.AddData(details);
        result.Summary["total_users"] = 1;
        result.Summary["more_available"] = false;
        var counts = string.Join(", ", parts.Select(p => $"{p.Listing.Items.Count} {p.Noun}"));
        result.Succeed($"Successfully listed user {user} in AWS IAM: {counts}");
    }
}
