using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Containment;

namespace AwsContainment.Connector.Iam;

/// <summary>Adds users (comma-separated) to an IAM group; a user already in it stays in it.</summary>
public sealed class AddUserToGroupAction : GroupMembershipAction<AddUserToGroupParameters>
{
    protected override string Title => "Add a User to a Group";

    protected override (string Group, IReadOnlyList<string> Users) Asked(AddUserToGroupParameters parameters) => (parameters.GroupName, parameters.UserName);

    protected override string Verb => "add";

    protected override string Preposition => "to";

    protected override Task<AwsResponseMetadata> ChangeAsync(IIamClient iam, string groupName, string userName, CancellationToken cancellationToken) =>
        iam.AddUserToGroupAsync(groupName, userName, cancellationToken);

    protected override JsonObject Applied(string userName, string groupName) => Membership(userName, groupName);

    protected override IEnumerable<string> Done(IReadOnlyList<ItemOutcome> succeeded, string groupName) =>
        [$"Successfully added the user {ItemOutcomes.Names(succeeded)} to the IAM group: {groupName}"];
}
