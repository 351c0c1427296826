using System.Text.Json.Nodes;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// The undo of add security group: puts back each network interface's previous security groups, as that action's
/// result recorded them (<c>previous_groups</c>: its data, each item's NetworkInterfaceId, PreviousGroups and the
/// Groups it set), under <see cref="UndoRules"/>: a re-run's result or an interface changed since is refused (the
/// latter overwritten with <c>force</c>), one that already has them is left alone; one no longer attached to the
/// instance fails alone.
/// </summary>
public sealed class RestoreSecurityGroupsAction : IAwsAction<RestoreSecurityGroupsParameters>
{
    public async Task RunAsync(ActionContext context, RestoreSecurityGroupsParameters parameters, CancellationToken cancellationToken)
    {
        var instanceId = parameters.Instance;
        var recorded = Recorded(parameters.PreviousGroups?.Value);
        var force = parameters.Force;
        var ec2 = context.Aws.Ec2();
        var instance = await ec2.DescribeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var outcomes = new ItemOutcomes();
        var forced = new List<string>();
        foreach (var (interfaceId, (groups, contained)) in recorded)
        {
            var now = instance.NetworkInterfaces.FirstOrDefault(n => n.NetworkInterfaceId == interfaceId);
            if (now is null)
            {
                outcomes.Reject(interfaceId, $"no longer attached to {instanceId}, so its security groups were not restored");
                continue;
            }
            await outcomes.RunAsync(interfaceId, async () =>
            {
                var about = new JsonObject
                {
                    ["NetworkInterfaceId"] = interfaceId,
                    ["PreviousGroups"] = new JsonArray(now.Groups.Select(g => (JsonNode)g.ToJson()).ToArray()),
                    ["Groups"] = new JsonArray(groups.Select(g => (JsonNode)g.ToJson()).ToArray()),
                    ["Changed"] = false,
                };
                var undo = UndoRules.Decide(SecurityGroupRef.Undo(interfaceId, groups, now.Groups, g => SecurityGroupRef.Same(g, contained)), force);
                if (!undo.Restore)
                {
                    return ItemResult.Unchanged("already has the recorded groups", Reporting.Item(about, instance.Metadata));
                }
                var change = await ec2.SetNetworkInterfaceSecurityGroupsAsync(interfaceId, [.. groups.Select(g => g.GroupId)], false, cancellationToken).ConfigureAwait(false);
                about["Changed"] = true;
                if (undo.Forced is { } overwritten)
                {
                    forced.Add(overwritten);
                }
                return Reporting.Item(about, change.Response);
            }).ConfigureAwait(false);
        }
        var restored = outcomes.Of(Outcome.Changed).Select(o => $"{o.Item} → {SecurityGroupRef.Text(recorded[o.Item].Previous)}").ToList();
        var already = outcomes.Of(Outcome.Unchanged).Select(o => o.Item).ToList();
        var done = restored.Count == 0
            ? $"{string.Join(", ", already)} of {instanceId} already {(already.Count == 1 ? "has" : "have")} the recorded security groups; nothing changed"
            : $"Restored the security groups of {instanceId}: {string.Join("; ", restored)}" + (already.Count == 0 ? "" : $"; {string.Join(", ", already)} already had them") + string.Concat(forced.Select(f => $"; {f}"));
        context.Result.Finish(outcomes, done, $"Could not restore the security groups of {instanceId}", "network interface");
    }

    /// <summary>Each interface's previous groups and the groups add security group set, from its data (a list, or one item).</summary>
    private static Dictionary<string, (IReadOnlyList<SecurityGroupRef> Previous, IReadOnlyList<SecurityGroupRef> Contained)> Recorded(JsonNode? data)
    {
        var items = data switch { JsonArray list => list.OfType<JsonObject>().ToList(), JsonObject one => [one], _ => [] };
        var recorded = new Dictionary<string, (IReadOnlyList<SecurityGroupRef>, IReadOnlyList<SecurityGroupRef>)>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var previous = Groups(item["PreviousGroups"]);
            var contained = Groups(item["Groups"]);
            if ((string?)item["NetworkInterfaceId"] is not { } id || previous.Count == 0 || contained.Count == 0)
            {
                throw ActionFailedException.InvalidParameters($"parameter 'previous_groups': every item needs NetworkInterfaceId, PreviousGroups and Groups with GroupIds, as add security group's data has them: {item.ToJsonString()}");
            }
            recorded[id] = (previous, contained);
        }
        return recorded.Count > 0 ? recorded : throw ActionFailedException.InvalidParameters("parameter 'previous_groups' records no network interface (add security group's data lists one item per interface)");
    }

    private static List<SecurityGroupRef> Groups(JsonNode? list) =>
        [.. (list as JsonArray ?? []).OfType<JsonObject>().Where(g => g["GroupId"] is JsonValue).Select(g => new SecurityGroupRef((string)g["GroupId"]!, (string?)g["GroupName"]))];
}
