using System.Text.Json.Nodes;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// Isolates an instance. Security groups are a union of permissions, so adding an empty group isolates nothing:
/// by default every network interface is moved to the group alone, one ModifyNetworkInterfaceAttribute per
/// interface (the instance-level call fails on instances with several interfaces). <c>keep_existing</c> adds the
/// group instead. The group is found by id or name inside the instance's VPC, never in another VPC. Each
/// interface's previous groups are kept in the result, so restore security groups can undo the change.
/// </summary>
public sealed class AddSecurityGroupAction : IAwsAction<AddSecurityGroupParameters>
{
    public async Task RunAsync(ActionContext context, AddSecurityGroupParameters parameters, CancellationToken cancellationToken)
    {
        var ec2 = context.Aws.Ec2();
        var instanceId = parameters.Instance;
        var keepExisting = parameters.KeepExisting;
        var dryRun = parameters.DryRun;
        var instance = await ec2.DescribeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (instance.VpcId is null || instance.NetworkInterfaces.Count == 0)
        {
            throw new ActionFailedException($"Instance {instanceId} ({instance.State}) has no network interface in a VPC, so there is nothing to isolate");
        }
        var group = await ResolveGroupAsync(ec2, parameters.SgName, instance, cancellationToken).ConfigureAwait(false);
        var label = $"{group.GroupId} ({group.GroupName})";
        context.Result.Summary["security_group_id"] = group.GroupId;

        var outcomes = new ItemOutcomes();
        foreach (var networkInterface in instance.NetworkInterfaces)
        {
            await outcomes.RunAsync(networkInterface.NetworkInterfaceId, () => MoveAsync(ec2, instance, networkInterface, new SecurityGroupRef(group.GroupId, group.GroupName), keepExisting, dryRun, cancellationToken)).ConfigureAwait(false);
        }

        var moved = outcomes.Succeeded.Where(o => o.Outcome != Outcome.Unchanged).ToList();
        var already = outcomes.Of(Outcome.Unchanged).Select(o => o.Item).ToList();
        var interfaces = string.Join(", ", moved.Select(o => keepExisting || dryRun ? o.Item : $"{o.Item} (previously {Previous(o.Data!)})"));
        var done = (moved.Count, dryRun, keepExisting) switch
        {
            (0, _, _) => $"{instanceId} already has {(keepExisting ? "" : "only ")}{label} on {(already.Count == 1 ? "its network interface" : "every network interface")}; nothing changed",
            (_, true, false) => $"Dry run: isolating {instanceId} in {label} would succeed for {interfaces}; nothing changed",
            (_, true, true) => $"Dry run: adding {label} to {interfaces} of {instanceId} would succeed; nothing changed",
            (_, false, false) => $"Isolated {instanceId} in {label}: {interfaces}",
            (_, false, true) => $"Added {label} to {interfaces} of {instanceId}, keeping their other groups",
        };
        if (moved.Count > 0 && already.Count > 0)
        {
            done += $"; {string.Join(", ", already)} already had {(keepExisting ? "" : "only ")}that group";
        }
        var failed = $"Could not {(keepExisting ? "add" : "isolate")} {instanceId} {(keepExisting ? "to" : "in")} {label}";
        context.Result.Finish(outcomes, done, failed, "network interface");
    }

    /// <summary>
    /// The group by id or by name in the instance's VPC (a name may exist in several VPCs). app.json refuses names
    /// starting with <c>sg-</c>, as AWS does, so such a value is an id.
    /// </summary>
    private static async Task<Ec2SecurityGroup> ResolveGroupAsync(IEc2Client ec2, string requested, Ec2Instance instance, CancellationToken cancellationToken)
    {
        if (!requested.StartsWith("sg-", StringComparison.Ordinal))
        {
            var named = await ec2.FindSecurityGroupsByNamesAsync(instance.VpcId!, [requested], cancellationToken).ConfigureAwait(false);
            return named.Count > 0
                ? named[0]
                : throw new ActionFailedException($"No security group named '{requested}' in {instance.VpcId}, the VPC of {instance.InstanceId}; nothing changed");
        }
        var group = (await ec2.DescribeSecurityGroupsAsync([requested], cancellationToken).ConfigureAwait(false)).FirstOrDefault(g => g.GroupId == requested)
            ?? throw new ActionFailedException($"EC2 did not return security group {requested}; nothing changed");
        return group.VpcId == instance.VpcId
            ? group
            : throw new ActionFailedException($"Security group {group.GroupId} ({group.GroupName}) is in {group.VpcId}, but {instance.InstanceId} is in {instance.VpcId}; nothing changed");
    }

    /// <summary>
    /// One interface into the group. <c>Groups</c> are the interface's groups afterwards, as EC2 describes an
    /// interface's groups (<c>GroupId</c>, <c>GroupName</c>); <c>PreviousGroups</c> and <c>Changed</c> are the runner's.
    /// </summary>
    private static async Task<ItemResult> MoveAsync(IEc2Client ec2, Ec2Instance instance, Ec2NetworkInterface networkInterface, SecurityGroupRef group, bool keepExisting, bool dryRun, CancellationToken cancellationToken)
    {
        var previous = networkInterface.Groups.Select(g => g.GroupId).ToList();
        List<SecurityGroupRef> wanted = keepExisting ? [.. networkInterface.Groups.Append(group).DistinctBy(g => g.GroupId, StringComparer.Ordinal)] : [group];
        var about = new JsonObject
        {
            ["NetworkInterfaceId"] = networkInterface.NetworkInterfaceId,
            ["DeviceIndex"] = networkInterface.DeviceIndex,
            ["PreviousGroups"] = new JsonArray(networkInterface.Groups.Select(g => (JsonNode)g.ToJson()).ToArray()),
            ["Groups"] = new JsonArray(wanted.Select(g => (JsonNode)g.ToJson()).ToArray()),
        };
        var wantedIds = wanted.Select(g => g.GroupId).ToList();
        if (wantedIds.ToHashSet(StringComparer.Ordinal).SetEquals(previous))
        {
            about["Changed"] = false;
            return ItemResult.Unchanged("already has these groups", Reporting.Item(about, instance.Metadata));
        }
        var change = (await ec2.SetNetworkInterfaceSecurityGroupsAsync(networkInterface.NetworkInterfaceId, wantedIds, dryRun, cancellationToken).ConfigureAwait(false)).ThrowIfNotPermitted();
        about["Changed"] = change.Outcome == Outcome.Changed;
        return new ItemResult(change.Outcome, Reporting.Item(about, change.Response));
    }

    private static string Previous(JsonNode item) =>
        string.Join(", ", (item["PreviousGroups"] as JsonArray ?? []).Select(g => $"{g!["GroupId"]} ({g["GroupName"]})"));
}
