using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;

namespace AwsContainment.Connector.Iam;

/// <summary>IAM users and groups: listing, creating, and group membership.</summary>
public partial interface IIamClient
{
    Task<IamListing> ListUsersAsync(int maxItems, CancellationToken cancellationToken);

    /// <summary>The user (Arn, CreateDate, Path, UserId, UserName, …) with <c>ResponseMetadata</c>.</summary>
    Task<JsonObject> GetUserAsync(string userName, CancellationToken cancellationToken);

    Task<JsonObject> CreateUserAsync(string userName, CancellationToken cancellationToken);

    Task<IamListing> ListGroupsAsync(int maxItems, CancellationToken cancellationToken);

    /// <summary>The group (Arn, CreateDate, Path, GroupId, GroupName) with <c>ResponseMetadata</c>, without its members.</summary>
    Task<JsonObject> GetGroupAsync(string groupName, CancellationToken cancellationToken);

    Task<JsonObject> CreateGroupAsync(string groupName, CancellationToken cancellationToken);

    Task<IamListing> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken);

    Task<AwsResponseMetadata> AddUserToGroupAsync(string groupName, string userName, CancellationToken cancellationToken);

    Task<AwsResponseMetadata> RemoveUserFromGroupAsync(string groupName, string userName, CancellationToken cancellationToken);
}

public sealed partial class IamClient
{
    public Task<IamListing> ListUsersAsync(int maxItems, CancellationToken cancellationToken) =>
        ListAsync("ListUsers", "Users", maxItems, _ => { }, cancellationToken);

    public Task<JsonObject> GetUserAsync(string userName, CancellationToken cancellationToken) =>
        EntityAsync("GetUser", "User", p => p.Add("UserName", userName), cancellationToken);

    public Task<JsonObject> CreateUserAsync(string userName, CancellationToken cancellationToken) =>
        CreateOnceAsync(
            () => EntityAsync("CreateUser", "User", p => p.Add("UserName", userName), cancellationToken),
            async () => await GetUserAsync(userName, cancellationToken).ConfigureAwait(false));

    public Task<IamListing> ListGroupsAsync(int maxItems, CancellationToken cancellationToken) =>
        ListAsync("ListGroups", "Groups", maxItems, _ => { }, cancellationToken);

    public Task<JsonObject> GetGroupAsync(string groupName, CancellationToken cancellationToken) =>
        EntityAsync("GetGroup", "Group", p => p.Add("GroupName", groupName).Add("MaxItems", 1L), cancellationToken);

    public Task<JsonObject> CreateGroupAsync(string groupName, CancellationToken cancellationToken) =>
        CreateOnceAsync(
            () => EntityAsync("CreateGroup", "Group", p => p.Add("GroupName", groupName), cancellationToken),
            async () => await GetGroupAsync(groupName, cancellationToken).ConfigureAwait(false));

    public Task<IamListing> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken) =>
        ListAllAsync("ListGroupsForUser", "Groups", p => p.Add("UserName", userName), cancellationToken);

    public Task<AwsResponseMetadata> AddUserToGroupAsync(string groupName, string userName, CancellationToken cancellationToken) =>
        MembershipAsync("AddUserToGroup", groupName, userName, cancellationToken);

    public Task<AwsResponseMetadata> RemoveUserFromGroupAsync(string groupName, string userName, CancellationToken cancellationToken) =>
        MembershipAsync("RemoveUserFromGroup", groupName, userName, cancellationToken);

    private Task<AwsResponseMetadata> MembershipAsync(string action, string groupName, string userName, CancellationToken cancellationToken) =>
        MetadataAsync(action, p => p.Add("GroupName", groupName).Add("UserName", userName), cancellationToken);
}
