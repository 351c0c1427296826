using System.Text.Json.Nodes;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// The instance as DescribeInstances returns it, with its volumes, security groups (of the instance and of every
/// network interface) and tags beside it, so a responder sees what containment will touch before touching it.
/// </summary>
/// <remarks>
/// The instance and its volumes are read at once (both need only the instance id), so the answer costs one AWS
/// round trip. The groups' rules need the group ids first, a second round trip: only with <c>include_group_rules</c>.
/// </remarks>
public sealed class DescribeInstanceAction : IAwsAction<DescribeInstanceParameters>
{
    public async Task RunAsync(ActionContext context, DescribeInstanceParameters parameters, CancellationToken cancellationToken)
    {
        var ec2 = context.Aws.Ec2();
        var instanceId = parameters.Instance;
        var volumesCall = ec2.DescribeVolumesOfInstanceAsync(instanceId, cancellationToken);
        var instanceCall = ec2.DescribeInstanceAsync(instanceId, cancellationToken);
        await Task.WhenAll(instanceCall, volumesCall).ConfigureAwait(false); // an instance error is reported first
        var instance = await instanceCall.ConfigureAwait(false);
        var volumes = await volumesCall.ConfigureAwait(false);

        var groupRefs = instance.SecurityGroups.Concat(instance.NetworkInterfaces.SelectMany(n => n.Groups)).DistinctBy(g => g.GroupId, StringComparer.Ordinal).ToList();
        var groups = parameters.IncludeGroupRules
            ? (await ec2.DescribeSecurityGroupsAsync(groupRefs.Select(g => g.GroupId).ToList(), cancellationToken).ConfigureAwait(false)).Select(g => g.Json.DeepClone())
            : groupRefs.Select(g => (JsonNode)g.ToJson());

        var data = instance.Response; // this action's own copy of the answer: it becomes the data item
        data["Volumes"] = new JsonArray(volumes.Select(v => (JsonNode)v.Json.DeepClone()).ToArray());
        data["SecurityGroups"] = new JsonArray(groups.ToArray());
        data["Tags"] = new JsonArray(instance.Tags.Select(t => (JsonNode)t.ToJson()).ToArray());
        context.Result.AddData(data);

        var volumeIds = volumes.Select(v => v.VolumeId).Union(instance.VolumeIds, StringComparer.Ordinal).ToList();
        var summary = context.Result.Summary;
        summary["total_secgrps"] = groupRefs.Count;
        summary["total_tags"] = instance.Tags.Count;
        summary["total_volumes"] = volumeIds.Count;
        summary["vol_list"] = string.Join(",", volumeIds);
        var where = instance.VpcId is null ? "" : $" in {instance.VpcId}";
        context.Result.Succeed($"Instance {instanceId} is {instance.State}{where}: {Wording.Count(volumeIds.Count, "volume")}, "
            + $"{Wording.Count(groupRefs.Count, "security group")}, {Wording.Count(instance.Tags.Count, "tag")}");
    }
}
