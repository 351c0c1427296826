using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Containment;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// Removes users (comma-separated) from an IAM group. A user who is not in the group is already where the action
/// wants them: reported as such, not as a failure, so running it twice is safe.
/// </summary>
public sealed class RemoveUserFromGroupAction : GroupMembershipAction<RemoveUserFromGroupParameters>
{
    protected override string Title => "Remove a User from a Group";

    protected override (string Group, IReadOnlyList<string> Users) Asked(RemoveUserFromGroupParameters parameters) => (parameters.GroupName, parameters.UserName);

    protected override string Verb => "remove";

    protected override string Preposition => "from";

    protected override Task<AwsResponseMetadata> ChangeAsync(IIamClient iam, string groupName, string userName, CancellationToken cancellationToken) =>
        iam.RemoveUserFromGroupAsync(groupName, userName, cancellationToken);

    protected override JsonObject Applied(string userName, string groupName) => WasMember(userName, groupName, true);

    protected override JsonObject? NotInGroup(string userName, string groupName) => WasMember(userName, groupName, false);

    protected override IEnumerable<string> Done(IReadOnlyList<ItemOutcome> succeeded, string groupName)
    {
        var removed = succeeded.Where(o => (bool)o.Data!["WasMember"]!).ToList();
        var absent = succeeded.Except(removed).ToList();
        if (removed.Count > 0)
        {
            yield return $"{ItemOutcomes.Names(removed)} has been removed from group: {groupName}";
        }
        if (absent.Count > 0)
        {
            yield return $"{ItemOutcomes.Names(absent)} was not a member of group: {groupName}";
        }
    }

    private static JsonObject WasMember(string userName, string groupName, bool wasMember)
    {
        var data = Membership(userName, groupName);
        data["WasMember"] = wasMember;
        return data;
    }
}
