using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// EC2 through the session's query caller; see <see cref="IEc2Client"/>. Snapshots are created through
/// <paramref name="singleAttempt"/>, which the SDK never repeats (see <see cref="CreationToken"/>).
/// </summary>
public sealed partial class Ec2Client(IAwsCaller caller, IAwsCaller singleAttempt) : IEc2Client
{
    public async Task<Ec2Instance> DescribeInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var reply = await CallAsync("DescribeInstances", p => p.AddList("InstanceId", [instanceId]), cancellationToken).ConfigureAwait(false);
        var response = reply.ToJson();
        var instance = Objects(response["Reservations"]).SelectMany(r => Objects(r["Instances"])).FirstOrDefault(i => (string?)i["InstanceId"] == instanceId)
            ?? throw new ActionFailedException($"EC2 did not return instance {instanceId} (request id {reply.Metadata.RequestId})");
        return new Ec2Instance(
            instanceId,
            (string?)instance["VpcId"],
            (string?)instance["State"]?["Name"] ?? "unknown",
            GroupRefs(instance["SecurityGroups"]),
            Objects(instance["NetworkInterfaces"])
                .Select(n => new Ec2NetworkInterface((string)n["NetworkInterfaceId"]!, (long?)n["Attachment"]?["DeviceIndex"], GroupRefs(n["Groups"])))
                .OrderBy(n => n.DeviceIndex)
                .ToList(),
            Objects(instance["BlockDeviceMappings"]).Select(m => (string?)m["Ebs"]?["VolumeId"]).OfType<string>().ToList(),
            Tags(instance["Tags"]),
            response,
            reply.Metadata);
    }

    public async Task<TerminationProtection> DescribeTerminationProtectionAsync(string instanceId, CancellationToken cancellationToken)
    {
        var (value, reply) = await InstanceAttributeAsync(instanceId, "disableApiTermination", "DisableApiTermination", cancellationToken).ConfigureAwait(false);
        return new TerminationProtection((bool?)value == true, reply.Metadata);
    }

    public async Task<IReadOnlyList<Ec2Volume>> DescribeVolumesOfInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var volumes = new List<Ec2Volume>();
        await foreach (var page in caller.PagesAsync("DescribeVolumes", p => p.AddFilters(("attachment.instance-id", [instanceId])), "NextToken", "NextToken", cancellationToken).ConfigureAwait(false))
        {
            volumes.AddRange(Volumes(page));
        }
        return volumes;
    }

    public async Task<Ec2Volume> DescribeVolumeAsync(string volumeId, CancellationToken cancellationToken)
    {
        var reply = await CallAsync("DescribeVolumes", p => p.AddList("VolumeId", [volumeId]), cancellationToken).ConfigureAwait(false);
        return Volumes(reply).FirstOrDefault(v => v.VolumeId == volumeId)
            ?? throw new ActionFailedException($"EC2 did not return volume {volumeId} (request id {reply.Metadata.RequestId})");
    }

    public Task<IReadOnlyList<Ec2SecurityGroup>> DescribeSecurityGroupsAsync(IReadOnlyCollection<string> groupIds, CancellationToken cancellationToken) =>
        groupIds.Count == 0
            ? Task.FromResult<IReadOnlyList<Ec2SecurityGroup>>([])
            : SecurityGroupsAsync(p => p.AddList("GroupId", groupIds), cancellationToken);

    public Task<IReadOnlyList<Ec2SecurityGroup>> FindSecurityGroupsByNamesAsync(string vpcId, IReadOnlyList<string> groupNames, CancellationToken cancellationToken) =>
        SecurityGroupsAsync(p => p.AddFilters(("vpc-id", [vpcId]), ("group-name", groupNames)), cancellationToken);

    public async Task<Ec2NetworkAcl> DescribeNetworkAclAsync(string networkAclId, CancellationToken cancellationToken)
    {
        var reply = await CallAsync("DescribeNetworkAcls", p => p.AddList("NetworkAclId", [networkAclId]), cancellationToken).ConfigureAwait(false);
        var acl = Objects(reply.Body["NetworkAcls"]).FirstOrDefault(a => (string?)a["NetworkAclId"] == networkAclId)
            ?? throw new ActionFailedException($"EC2 did not return network ACL {networkAclId} (request id {reply.Metadata.RequestId})");
        var rules = Objects(acl["Entries"]).Select(e => new NetworkAclRule(
            (long?)e["RuleNumber"] ?? 0,
            (bool?)e["Egress"] ?? false,
            (string?)e["Protocol"] ?? "-1",
            (string?)e["RuleAction"] ?? "",
            (string?)e["CidrBlock"] ?? (string?)e["Ipv6CidrBlock"] ?? "",
            e["Ipv6CidrBlock"] is not null,
            (long?)e["PortRange"]?["From"],
            (long?)e["PortRange"]?["To"])).ToList();
        return new Ec2NetworkAcl(networkAclId, (string?)acl["VpcId"], rules, reply.Metadata);
    }

    public Task<Ec2Change> SetNetworkInterfaceSecurityGroupsAsync(string networkInterfaceId, IReadOnlyList<string> groupIds, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("ModifyNetworkInterfaceAttribute", p => p.Add("NetworkInterfaceId", networkInterfaceId).AddList("SecurityGroupId", groupIds), dryRun, cancellationToken);

    public Task<Ec2Change> SetApiTerminationDisabledAsync(string instanceId, bool disabled, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("ModifyInstanceAttribute", p => p.Add("InstanceId", instanceId).Add("DisableApiTermination.Value", disabled), dryRun, cancellationToken);

    public Task<Ec2Change> CreateSnapshotAsync(string volumeId, string? description, IReadOnlyList<Ec2Tag> tags, bool dryRun, CancellationToken cancellationToken) =>
        CreateSnapshotsOnceAsync(
            "CreateSnapshot",
            (p, tagged) => p.Add("VolumeId", volumeId).Add("Description", description).AddList("TagSpecification", [tagged], TagSpecification("snapshot")),
            tags,
            dryRun,
            (made, metadata) => made.Count == 1 ? WithMetadata(made[0], metadata) : null,
            cancellationToken);

    public Task<Ec2Change> CreateTagsAsync(IReadOnlyList<string> resourceIds, IReadOnlyList<Ec2Tag> tags, bool dryRun, CancellationToken cancellationToken) =>
        TagsChangeAsync("CreateTags", resourceIds, tags, dryRun, cancellationToken);

    public Task<Ec2Change> DeleteTagsAsync(IReadOnlyList<string> resourceIds, IReadOnlyList<Ec2Tag> tags, bool dryRun, CancellationToken cancellationToken) =>
        TagsChangeAsync("DeleteTags", resourceIds, tags, dryRun, cancellationToken);

    public Task<Ec2Change> CreateNetworkAclEntryAsync(string networkAclId, NetworkAclRule rule, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync(
            "CreateNetworkAclEntry",
            p =>
            {
                p.Add("NetworkAclId", networkAclId).Add("RuleNumber", rule.RuleNumber).Add("Protocol", rule.Protocol)
                    .Add("RuleAction", rule.RuleAction).Add("Egress", rule.Egress).Add(rule.IsIpv6 ? "Ipv6CidrBlock" : "CidrBlock", rule.Cidr);
                if (rule.FromPort is not null)
                {
                    p.AddStructure("PortRange", range => range.Add("From", rule.FromPort).Add("To", rule.ToPort));
                }
            },
            dryRun,
            cancellationToken);

    public Task<Ec2Change> DeleteNetworkAclEntryAsync(string networkAclId, long ruleNumber, bool egress, CancellationToken cancellationToken) =>
        ChangeAsync("DeleteNetworkAclEntry", p => p.Add("NetworkAclId", networkAclId).Add("RuleNumber", ruleNumber).Add("Egress", egress), false, cancellationToken);

    private static void WriteTag(QueryParameters entry, Ec2Tag tag) => entry.Add("Key", tag.Key).Add("Value", tag.Value);

    private static Action<QueryParameters, IReadOnlyList<Ec2Tag>> TagSpecification(string resourceType) =>
        (spec, tags) => spec.Add("ResourceType", resourceType).AddList("Tag", tags, WriteTag);

    private Task<Ec2Change> TagsChangeAsync(string action, IReadOnlyList<string> resourceIds, IReadOnlyList<Ec2Tag> tags, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync(action, p => p.AddList("ResourceId", resourceIds).AddList("Tag", tags, WriteTag), dryRun, cancellationToken);

    /// <summary>
    /// DescribeInstanceAttribute: the <c>Value</c> of the answer's <paramref name="member"/> (null when EC2 leaves it
    /// out) and the answer. <paramref name="attribute"/> is the name the call takes, <paramref name="member"/> boto3's.
    /// </summary>
    private async Task<(JsonNode? Value, AwsReply Reply)> InstanceAttributeAsync(string instanceId, string attribute, string member, CancellationToken cancellationToken)
    {
        var reply = await CallAsync("DescribeInstanceAttribute", p => p.Add("InstanceId", instanceId).Add("Attribute", attribute), cancellationToken).ConfigureAwait(false);
        return (reply.Body[member]?["Value"], reply);
    }

    private Task<AwsReply> CallAsync(string action, Action<QueryParameters> fill, CancellationToken cancellationToken, IAwsCaller? via = null)
    {
        via ??= caller;
        var parameters = via.NewParameters();
        fill(parameters);
        return via.CallAsync(action, parameters, cancellationToken);
    }

    /// <summary>
    /// CreateSnapshot, CreateSnapshots or CopySnapshot, each call tagged with a <see cref="CreationToken"/> of its own and sent
    /// once at a time: after a fault, the snapshots carrying the token are what the call made (<paramref name="asAnswer"/>
    /// turns them into the create's answer, or null when they are not all there yet). A dry run makes nothing and carries no token.
    /// </summary>
    private async Task<Ec2Change> CreateSnapshotsOnceAsync(
        string action,
        Action<QueryParameters, IReadOnlyList<Ec2Tag>> fill,
        IReadOnlyList<Ec2Tag> tags,
        bool dryRun,
        Func<IReadOnlyList<JsonObject>, AwsResponseMetadata, JsonObject?> asAnswer,
        CancellationToken cancellationToken)
    {
        if (dryRun)
        {
            return await ChangeAsync(action, p => fill(p, tags), dryRun, cancellationToken).ConfigureAwait(false);
        }
        var token = new Ec2Tag(CreationToken.TagKey, CreationToken.New());
        return await CreationToken.CreateOnceAsync(
            () => ChangeAsync(action, p => fill(p, [.. tags, token]), dryRun, cancellationToken, singleAttempt),
            async () =>
            {
                var (made, metadata) = await SnapshotsTaggedAsync([token], cancellationToken).ConfigureAwait(false);
                return made.Count > 0 && asAnswer(made, metadata) is { } answer ? new Ec2Change(Outcome.Changed, answer) : null;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject WithMetadata(JsonObject answer, AwsResponseMetadata metadata)
    {
        var copy = (JsonObject)answer.DeepClone();
        copy["ResponseMetadata"] = metadata.ToJson();
        return copy;
    }

    /// <summary>
    /// Makes a change, or asks EC2 whether it would succeed: with DryRun EC2 checks permissions and parameters and
    /// answers HTTP 412 <c>DryRunOperation</c> (it would have succeeded) or 403 <c>UnauthorizedOperation</c>.
    /// The answer is what boto3 shows: only metadata for a change whose API answers nothing.
    /// </summary>
    private async Task<Ec2Change> ChangeAsync(string action, Action<QueryParameters> fill, bool dryRun, CancellationToken cancellationToken, IAwsCaller? via = null)
    {
        try
        {
            var reply = await CallAsync(action, p => { fill(p); p.Add("DryRun", dryRun ? true : null); }, cancellationToken, via).ConfigureAwait(false);
            if (dryRun)
            {
                IgnoredDryRuns.Note(action);
            }
            return new Ec2Change(Outcome.Changed, reply.ToJson());
        }
        catch (AmazonServiceException verdict) when (dryRun && verdict.ErrorCode is "DryRunOperation" or "UnauthorizedOperation")
        {
            var permitted = verdict.ErrorCode == "DryRunOperation";
            var response = new JsonObject
            {
                ["DryRun"] = true,
                ["DryRunResult"] = verdict.ErrorCode,
                ["Message"] = verdict.Message,
                ["ResponseMetadata"] = AwsResponseMetadata.OfError(verdict).ToJson(),
            };
            return new Ec2Change(permitted ? Outcome.WouldChange : Outcome.Failed, response, permitted ? null : AwsErrors.Describe(verdict));
        }
    }

    private async Task<IReadOnlyList<Ec2SecurityGroup>> SecurityGroupsAsync(Action<QueryParameters> fill, CancellationToken cancellationToken)
    {
        var groups = new List<Ec2SecurityGroup>();
        await foreach (var page in caller.PagesAsync("DescribeSecurityGroups", fill, "NextToken", "NextToken", cancellationToken).ConfigureAwait(false))
        {
            groups.AddRange(Objects(page.ToJson()["SecurityGroups"])
                .Select(g => new Ec2SecurityGroup((string)g["GroupId"]!, (string?)g["GroupName"] ?? "", (string?)g["VpcId"], g)));
        }
        return groups;
    }

    private static IEnumerable<Ec2Volume> Volumes(AwsReply reply) =>
        Objects(reply.ToJson()["Volumes"]).Select(v => new Ec2Volume(
            (string)v["VolumeId"]!,
            Objects(v["Attachments"]).Select(a => (string?)a["InstanceId"]).FirstOrDefault(),
            v));

    private static IReadOnlyList<SecurityGroupRef> GroupRefs(JsonNode? groups) =>
        Objects(groups).Select(g => new SecurityGroupRef((string)g["GroupId"]!, (string?)g["GroupName"])).ToList();

    private static IReadOnlyList<Ec2Tag> Tags(JsonNode? tags) =>
        Objects(tags).Select(t => new Ec2Tag((string?)t["Key"] ?? "", (string?)t["Value"] ?? "")).ToList();

    private static IEnumerable<JsonObject> Objects(JsonNode? list) => (list as JsonArray ?? []).OfType<JsonObject>();
}

public static class Ec2Session
{
    /// <summary>The session's EC2 client.</summary>
    public static IEc2Client Ec2(this AwsSession session) => new Ec2Client(session.Caller(AwsService.Ec2), session.SingleAttemptCaller(AwsService.Ec2));
}
