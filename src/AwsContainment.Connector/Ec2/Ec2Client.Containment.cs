using System.Net;
using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Ec2;

/// <summary>The EC2 calls the contain instance playbook and its revert add to <see cref="IEc2Client"/>.</summary>
public partial interface IEc2Client
{
    /// <summary>DescribeInstanceAttribute <c>instanceInitiatedShutdownBehavior</c>: <c>stop</c> or <c>terminate</c>.</summary>
    Task<string> DescribeShutdownBehaviorAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>ModifyInstanceAttribute <c>InstanceInitiatedShutdownBehavior</c> (<c>stop</c> or <c>terminate</c>).</summary>
    Task<Ec2Change> SetShutdownBehaviorAsync(string instanceId, string behavior, bool dryRun, CancellationToken cancellationToken);

    /// <summary>CreateSecurityGroup in a VPC, tagged at creation; the answer's <c>GroupId</c> is the new group.</summary>
    Task<Ec2Change> CreateSecurityGroupAsync(string vpcId, string groupName, string description, IReadOnlyList<Ec2Tag> tags, bool dryRun, CancellationToken cancellationToken);

    /// <summary>AuthorizeSecurityGroupIngress: adds these inbound rules.</summary>
    Task<Ec2Change> AuthorizeIngressAsync(string groupId, IReadOnlyList<IpPermission> permissions, bool dryRun, CancellationToken cancellationToken);

    /// <summary>AuthorizeSecurityGroupEgress: adds these outbound rules.</summary>
    Task<Ec2Change> AuthorizeEgressAsync(string groupId, IReadOnlyList<IpPermission> permissions, bool dryRun, CancellationToken cancellationToken);

    /// <summary>RevokeSecurityGroupEgress: removes these outbound rules.</summary>
    Task<Ec2Change> RevokeEgressAsync(string groupId, IReadOnlyList<IpPermission> permissions, bool dryRun, CancellationToken cancellationToken);

    /// <summary>
    /// CreateSnapshots: one crash-consistent snapshot of every volume attached to the instance, in one call, tagged
    /// at creation and carrying the volumes' own tags; the answer's <c>Snapshots</c> lists them.
    /// </summary>
    Task<Ec2Change> CreateSnapshotsOfInstanceAsync(string instanceId, string description, IReadOnlyList<Ec2Tag> tags, bool dryRun, CancellationToken cancellationToken);

    /// <summary>DescribeSnapshots of this account carrying every one of these tags, every page, as boto3 shows them.</summary>
    Task<IReadOnlyList<JsonObject>> FindSnapshotsByTagsAsync(IReadOnlyList<Ec2Tag> tags, CancellationToken cancellationToken);

    /// <summary>DeleteSnapshot.</summary>
    Task<Ec2Change> DeleteSnapshotAsync(string snapshotId, bool dryRun, CancellationToken cancellationToken);

    /// <summary>DescribeIamInstanceProfileAssociations: the instance's current association, or null when it has none.</summary>
    Task<InstanceProfileAssociation?> DescribeInstanceProfileAssociationAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>AssociateIamInstanceProfile.</summary>
    Task<Ec2Change> AssociateInstanceProfileAsync(string instanceId, string instanceProfileArn, bool dryRun, CancellationToken cancellationToken);

    /// <summary>DisassociateIamInstanceProfile.</summary>
    Task<Ec2Change> DisassociateInstanceProfileAsync(string associationId, bool dryRun, CancellationToken cancellationToken);
}

public static class Ec2InstanceJson
{
    /// <summary>The instance itself within its DescribeInstances answer, with AWS's field names.</summary>
    public static JsonObject? Description(this Ec2Instance instance) =>
        (instance.Response["Reservations"] as JsonArray ?? []).SelectMany(r => r?["Instances"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(i => (string?)i["InstanceId"] == instance.InstanceId);

    /// <summary>The private IPv4 and IPv6 addresses of every network interface: how ip target groups know the instance.</summary>
    public static IReadOnlySet<IPAddress> PrivateAddresses(this Ec2Instance instance) =>
        Objects(instance.Description()?["NetworkInterfaces"])
            .SelectMany(n => Objects(n["PrivateIpAddresses"]).Select(a => (string?)a["PrivateIpAddress"]).Concat(Objects(n["Ipv6Addresses"]).Select(a => (string?)a["Ipv6Address"])))
            .Select(text => IPAddress.TryParse(text, out var address) ? address : null)
            .OfType<IPAddress>()
            .ToHashSet();

    private static IEnumerable<JsonObject> Objects(JsonNode? list) => (list as JsonArray ?? []).OfType<JsonObject>();
}

/// <summary>An instance's IAM instance profile association (<c>iip-assoc-…</c>).</summary>
public sealed record InstanceProfileAssociation(string AssociationId, string InstanceProfileArn, string State);

/// <summary>
/// One security group rule as EC2 writes it (<c>IpPermissions.N</c>): a protocol (<c>-1</c> all traffic), a port
/// range for TCP and UDP, and its sources or destinations: IPv4 and IPv6 CIDRs, prefix lists, security groups.
/// </summary>
public sealed record IpPermission(
    string Protocol,
    long? FromPort,
    long? ToPort,
    IReadOnlyList<string> Ipv4Ranges,
    IReadOnlyList<string> Ipv6Ranges,
    IReadOnlyList<string> PrefixListIds,
    IReadOnlyList<string> GroupIds,
    string? Description = null)
{
    /// <summary>All traffic to or from these CIDRs (IPv4 and IPv6 alike).</summary>
    public static IpPermission AllTraffic(IReadOnlyList<string> cidrs, string? description = null) =>
        new("-1", null, null, cidrs.Where(c => !c.Contains(':')).ToList(), cidrs.Where(c => c.Contains(':')).ToList(), [], [], description);

    /// <summary>The rules of a DescribeSecurityGroups answer's <c>IpPermissions</c> or <c>IpPermissionsEgress</c>.</summary>
    public static IReadOnlyList<IpPermission> ListFromJson(JsonNode? permissions) =>
        (permissions as JsonArray ?? []).OfType<JsonObject>().Select(p => new IpPermission(
            (string?)p["IpProtocol"] ?? "-1",
            (long?)p["FromPort"],
            (long?)p["ToPort"],
            Values(p["IpRanges"], "CidrIp"),
            Values(p["Ipv6Ranges"], "CidrIpv6"),
            Values(p["PrefixListIds"], "PrefixListId"),
            Values(p["UserIdGroupPairs"], "GroupId"))).ToList();

    public bool IsAllTraffic => Protocol == "-1";

    /// <summary>Every CIDR, prefix list and group this rule names.</summary>
    public IEnumerable<string> Peers => Ipv4Ranges.Concat(Ipv6Ranges).Concat(PrefixListIds).Concat(GroupIds);

    internal void Write(QueryParameters entry)
    {
        entry.Add("IpProtocol", Protocol).Add("FromPort", FromPort).Add("ToPort", ToPort)
            .AddList("IpRanges", Ipv4Ranges, (range, cidr) => range.Add("CidrIp", cidr).Add("Description", Description))
            .AddList("Ipv6Ranges", Ipv6Ranges, (range, cidr) => range.Add("CidrIpv6", cidr).Add("Description", Description))
            .AddList("PrefixListIds", PrefixListIds, (list, id) => list.Add("PrefixListId", id))
            .AddList("Groups", GroupIds, (pair, id) => pair.Add("GroupId", id));
    }

    private static List<string> Values(JsonNode? list, string field) =>
        (list as JsonArray ?? []).OfType<JsonObject>().Select(o => (string?)o[field]).OfType<string>().ToList();
}

public sealed partial class Ec2Client
{
    public async Task<string> DescribeShutdownBehaviorAsync(string instanceId, CancellationToken cancellationToken)
    {
        var (value, reply) = await InstanceAttributeAsync(instanceId, "instanceInitiatedShutdownBehavior", "InstanceInitiatedShutdownBehavior", cancellationToken).ConfigureAwait(false);
        return (string?)value ?? throw new ActionFailedException($"EC2 did not say how instance {instanceId} behaves on shutdown (request id {reply.Metadata.RequestId})");
    }

    public Task<Ec2Change> SetShutdownBehaviorAsync(string instanceId, string behavior, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("ModifyInstanceAttribute", p => p.Add("InstanceId", instanceId).Add("InstanceInitiatedShutdownBehavior.Value", behavior), dryRun, cancellationToken);

    public Task<Ec2Change> CreateSecurityGroupAsync(string vpcId, string groupName, string description, IReadOnlyList<Ec2Tag> tags, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync(
            "CreateSecurityGroup",
            p => p.Add("GroupName", groupName).Add("GroupDescription", description).Add("VpcId", vpcId).AddList("TagSpecification", [tags], TagSpecification("security-group")),
            dryRun,
            cancellationToken);

    public Task<Ec2Change> AuthorizeIngressAsync(string groupId, IReadOnlyList<IpPermission> permissions, bool dryRun, CancellationToken cancellationToken) =>
        RulesChangeAsync("AuthorizeSecurityGroupIngress", groupId, permissions, dryRun, cancellationToken);

    public Task<Ec2Change> AuthorizeEgressAsync(string groupId, IReadOnlyList<IpPermission> permissions, bool dryRun, CancellationToken cancellationToken) =>
        RulesChangeAsync("AuthorizeSecurityGroupEgress", groupId, permissions, dryRun, cancellationToken);

    public Task<Ec2Change> RevokeEgressAsync(string groupId, IReadOnlyList<IpPermission> permissions, bool dryRun, CancellationToken cancellationToken) =>
        RulesChangeAsync("RevokeSecurityGroupEgress", groupId, permissions, dryRun, cancellationToken);

    public Task<Ec2Change> CreateSnapshotsOfInstanceAsync(string instanceId, string description, IReadOnlyList<Ec2Tag> tags, bool dryRun, CancellationToken cancellationToken) =>
        CreateSnapshotsOnceAsync(
            "CreateSnapshots",
            (p, tagged) => p.AddStructure("InstanceSpecification", spec => spec.Add("InstanceId", instanceId)).Add("Description", description)
                .AddList("TagSpecification", [tagged], TagSpecification("snapshot")).Add("CopyTagsFromSource", "volume"),
            tags,
            dryRun,
            (made, metadata) => new JsonObject
            {
                ["Snapshots"] = new JsonArray(made.Select(s => (JsonNode)s.DeepClone()).ToArray()),
                ["ResponseMetadata"] = metadata.ToJson(),
            },
            cancellationToken);

    public async Task<IReadOnlyList<JsonObject>> FindSnapshotsByTagsAsync(IReadOnlyList<Ec2Tag> tags, CancellationToken cancellationToken) =>
        (await SnapshotsTaggedAsync(tags, cancellationToken).ConfigureAwait(false)).Snapshots;

    /// <summary>DescribeSnapshots of this account carrying every one of these tags, and the last page's metadata.</summary>
    private async Task<(List<JsonObject> Snapshots, AwsResponseMetadata Metadata)> SnapshotsTaggedAsync(IReadOnlyList<Ec2Tag> tags, CancellationToken cancellationToken)
    {
        var snapshots = new List<JsonObject>();
        AwsResponseMetadata? metadata = null;
        var filters = tags.Select(t => ("tag:" + t.Key, (IEnumerable<string>)[t.Value])).ToArray();
        await foreach (var page in caller.PagesAsync("DescribeSnapshots", p => p.AddList("Owner", ["self"]).AddFilters(filters), "NextToken", "NextToken", cancellationToken).ConfigureAwait(false))
        {
            snapshots.AddRange((page.ToJson()["Snapshots"] as JsonArray ?? []).OfType<JsonObject>());
            metadata = page.Metadata;
        }
        return (snapshots, metadata!);
    }

    public Task<Ec2Change> DeleteSnapshotAsync(string snapshotId, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("DeleteSnapshot", p => p.Add("SnapshotId", snapshotId), dryRun, cancellationToken);

    public async Task<InstanceProfileAssociation?> DescribeInstanceProfileAssociationAsync(string instanceId, CancellationToken cancellationToken)
    {
        var reply = await CallAsync("DescribeIamInstanceProfileAssociations", p => p.AddFilters(("instance-id", [instanceId]), ("state", ["associated"])), cancellationToken).ConfigureAwait(false);
        return Objects(reply.Body["IamInstanceProfileAssociations"])
            .Select(a => new InstanceProfileAssociation((string?)a["AssociationId"] ?? "", (string?)a["IamInstanceProfile"]?["Arn"] ?? "", (string?)a["State"] ?? ""))
            .FirstOrDefault();
    }

    public Task<Ec2Change> AssociateInstanceProfileAsync(string instanceId, string instanceProfileArn, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("AssociateIamInstanceProfile", p => p.AddStructure("IamInstanceProfile", profile => profile.Add("Arn", instanceProfileArn)).Add("InstanceId", instanceId), dryRun, cancellationToken);

    public Task<Ec2Change> DisassociateInstanceProfileAsync(string associationId, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("DisassociateIamInstanceProfile", p => p.Add("AssociationId", associationId), dryRun, cancellationToken);

    private Task<Ec2Change> RulesChangeAsync(string action, string groupId, IReadOnlyList<IpPermission> permissions, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync(action, p => p.Add("GroupId", groupId).AddList("IpPermissions", permissions, (entry, permission) => permission.Write(entry)), dryRun, cancellationToken);
}
