using System.Text.Json.Nodes;

namespace AwsContainment.Connector.Iam;

/// <summary>One of a user's IAM listings as result data: the user and the items under AWS's own list name.</summary>
internal static class UserListing
{
    public static JsonObject ToJson(string userName, string listName, IamListing listing) => new()
    {
        ["UserName"] = userName,
        [listName] = listing.ToJsonArray(),
    };

    public static JsonArray ToJsonArray(this IamListing listing) => new(listing.Items.Select(item => item.DeepClone()).ToArray());
}
