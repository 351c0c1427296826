using System.Text.Json.Nodes;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// The instance as DescribeInstances returns it, with its volumes, security groups (of the instance and of every
/// network interface) and tags beside it, so a responder sees what containment will touch before touching it.
/// </summary>
public sealed class DescribeInstanceAction : IAwsAction
{
    public string Identifier => "describe_instance";

    public async Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var ec2 = context.Aws.Ec2();
        var instanceId = context.Parameters.String("instance");
        var instance = await ec2.DescribeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var groupIds = instance.SecurityGroups.Concat(instance.NetworkInterfaces.SelectMany(n => n.Groups)).Select(g => g.GroupId).Distinct(StringComparer.Ordinal).ToList();
        var volumesCall = ec2.DescribeVolumesOfInstanceAsync(instanceId, cancellationToken);
        var groupsCall = ec2.DescribeSecurityGroupsAsync(groupIds, cancellationToken);
        await Task.WhenAll(volumesCall, groupsCall).ConfigureAwait(false);
        var volumes = await volumesCall.ConfigureAwait(false);
        var groups = await groupsCall.ConfigureAwait(false);

        var data = (JsonObject)instance.Response.DeepClone();
        data["Volumes"] = new JsonArray(volumes.Select(v => (JsonNode)v.Json.DeepClone()).ToArray());
        data["SecurityGroups"] = new JsonArray(groups.Select(g => (JsonNode)g.Json.DeepClone()).ToArray());
        data["Tags"] = new JsonArray(instance.Tags.Select(t => (JsonNode)t.ToJson()).ToArray());
        context.Result.AddData(data);

        var volumeIds = volumes.Select(v => v.VolumeId).Union(instance.VolumeIds, StringComparer.Ordinal).ToList();
        var summary = context.Result.Summary;
        summary["total_secgrps"] = groupIds.Count;
        summary["total_tags"] = instance.Tags.Count;
        summary["total_volumes"] = volumeIds.Count;
        summary["vol_list"] = string.Join(",", volumeIds);
        var where = instance.VpcId is null ? "" : $" in {instance.VpcId}";
        context.Result.Succeed($"Instance {instanceId} is {instance.State}{where}: {Wording.Count(volumeIds.Count, "volume")}, "
            + $"{Wording.Count(groupIds.Count, "security group")}, {Wording.Count(instance.Tags.Count, "tag")}");
    }
}
