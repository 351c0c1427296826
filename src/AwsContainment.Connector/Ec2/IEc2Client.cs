using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// The EC2 calls containment needs (ec2 protocol, API 2016-11-15), behind one interface so the official AWSSDK.EC2
/// package could replace <see cref="Ec2Client"/> here alone. Reads return typed views that keep AWS's own JSON;
/// changes take <c>dryRun</c> and say whether AWS applied them or, in a dry run, whether it would have.
/// </summary>
public partial interface IEc2Client
{
    /// <summary>DescribeInstances for one instance; AWS's <c>InvalidInstanceID.NotFound</c> when it does not exist.</summary>
    Task<Ec2Instance> DescribeInstanceAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>DescribeInstanceAttribute <c>disableApiTermination</c>: whether termination protection is on.</summary>
    Task<TerminationProtection> DescribeTerminationProtectionAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>DescribeVolumes for the volumes attached to an instance, every page.</summary>
    Task<IReadOnlyList<Ec2Volume>> DescribeVolumesOfInstanceAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>DescribeVolumes for one volume; AWS's <c>InvalidVolume.NotFound</c> when it does not exist.</summary>
    Task<Ec2Volume> DescribeVolumeAsync(string volumeId, CancellationToken cancellationToken);

    /// <summary>DescribeSecurityGroups by id, every page; AWS's <c>InvalidGroup.NotFound</c> names an unknown id.</summary>
    Task<IReadOnlyList<Ec2SecurityGroup>> DescribeSecurityGroupsAsync(IReadOnlyCollection<string> groupIds, CancellationToken cancellationToken);

    /// <summary>The security groups of a VPC that have one of these names, in one DescribeSecurityGroups (names are unique within a VPC).</summary>
    Task<IReadOnlyList<Ec2SecurityGroup>> FindSecurityGroupsByNamesAsync(string vpcId, IReadOnlyList<string> groupNames, CancellationToken cancellationToken);

    /// <summary>DescribeNetworkAcls for one ACL with its entries; AWS's <c>InvalidNetworkAclID.NotFound</c> when unknown.</summary>
    Task<Ec2NetworkAcl> DescribeNetworkAclAsync(string networkAclId, CancellationToken cancellationToken);

    /// <summary>ModifyNetworkInterfaceAttribute: the interface's security groups become exactly <paramref name="groupIds"/>.</summary>
    Task<Ec2Change> SetNetworkInterfaceSecurityGroupsAsync(string networkInterfaceId, IReadOnlyList<string> groupIds, bool dryRun, CancellationToken cancellationToken);

    /// <summary>ModifyInstanceAttribute <c>DisableApiTermination</c> to <paramref name="disabled"/> (true: protection on).</summary>
    Task<Ec2Change> SetApiTerminationDisabledAsync(string instanceId, bool disabled, bool dryRun, CancellationToken cancellationToken);

    /// <summary>CreateSnapshot of one volume, tagged at creation; the answer carries the new snapshot's fields.</summary>
    Task<Ec2Change> CreateSnapshotAsync(string volumeId, string? description, IReadOnlyList<Ec2Tag> tags, bool dryRun, CancellationToken cancellationToken);

    /// <summary>CreateTags on every resource given (an existing key's value is replaced).</summary>
    Task<Ec2Change> CreateTagsAsync(IReadOnlyList<string> resourceIds, IReadOnlyList<Ec2Tag> tags, bool dryRun, CancellationToken cancellationToken);

    /// <summary>DeleteTags: each tag is removed only while it still has the value given.</summary>
    Task<Ec2Change> DeleteTagsAsync(IReadOnlyList<string> resourceIds, IReadOnlyList<Ec2Tag> tags, bool dryRun, CancellationToken cancellationToken);

    /// <summary>CreateNetworkAclEntry.</summary>
    Task<Ec2Change> CreateNetworkAclEntryAsync(string networkAclId, NetworkAclRule rule, bool dryRun, CancellationToken cancellationToken);

    /// <summary>DeleteNetworkAclEntry: the rule of that number and direction leaves the ACL.</summary>
    Task<Ec2Change> DeleteNetworkAclEntryAsync(string networkAclId, long ruleNumber, bool egress, CancellationToken cancellationToken);
}

/// <summary>One instance as DescribeInstances answers it: the fields containment decides on, and the whole answer.</summary>
/// <param name="Response">The DescribeInstances answer as boto3 prints it (<c>Reservations</c>, <c>ResponseMetadata</c>).</param>
public sealed record Ec2Instance(
    string InstanceId,
    string? VpcId,
    string State,
    IReadOnlyList<SecurityGroupRef> SecurityGroups,
    IReadOnlyList<Ec2NetworkInterface> NetworkInterfaces,
    IReadOnlyList<string> VolumeIds,
    IReadOnlyList<Ec2Tag> Tags,
    JsonObject Response,
    AwsResponseMetadata Metadata);

/// <summary>A security group as an instance or interface refers to it.</summary>
public sealed record SecurityGroupRef(string GroupId, string? GroupName)
{
    public JsonObject ToJson() => new() { ["GroupId"] = GroupId, ["GroupName"] = GroupName };

    /// <summary>Whether two lists name the same groups: an interface's groups are a set, in no particular order.</summary>
    public static bool Same(IReadOnlyList<SecurityGroupRef> one, IReadOnlyList<SecurityGroupRef> other) =>
        one.Select(g => g.GroupId).ToHashSet(StringComparer.Ordinal).SetEquals(other.Select(g => g.GroupId));

    /// <summary>Groups as messages name them: "sg-0123 (web-servers), sg-0456".</summary>
    public static string Text(IEnumerable<SecurityGroupRef> groups) =>
        string.Join(", ", groups.Select(g => g.GroupName is null ? g.GroupId : $"{g.GroupId} ({g.GroupName})"));

    /// <summary>An interface's security groups as an undo puts them back (<see cref="UndoRules"/>).</summary>
    public static UndoSubject<IReadOnlyList<SecurityGroupRef>> Undo(string interfaceId, IReadOnlyList<SecurityGroupRef> recorded, IReadOnlyList<SecurityGroupRef> current, Func<IReadOnlyList<SecurityGroupRef>, bool> isContained) =>
        new($"the security groups of {interfaceId}", recorded, current, isContained, Same, Text);
}

/// <summary>One network interface of an instance and the security groups it has now.</summary>
public sealed record Ec2NetworkInterface(string NetworkInterfaceId, long? DeviceIndex, IReadOnlyList<SecurityGroupRef> Groups);

public sealed record Ec2Tag(string Key, string Value)
{
    public JsonObject ToJson() => new() { ["Key"] = Key, ["Value"] = Value };
}

/// <summary>A volume as DescribeVolumes answers it; <paramref name="InstanceId"/> is the instance it is attached to.</summary>
public sealed record Ec2Volume(string VolumeId, string? InstanceId, JsonObject Json);

public sealed record Ec2SecurityGroup(string GroupId, string GroupName, string? VpcId, JsonObject Json);

/// <summary>Whether termination protection is on, and the answer that said so.</summary>
public sealed record TerminationProtection(bool Enabled, AwsResponseMetadata Metadata);

/// <summary>A network ACL, its rules and the answer that described it.</summary>
public sealed record Ec2NetworkAcl(string NetworkAclId, string? VpcId, IReadOnlyList<NetworkAclRule> Rules, AwsResponseMetadata Metadata);

/// <summary>
/// One network ACL rule. <paramref name="Protocol"/> is AWS's protocol number as text (<c>6</c> TCP, <c>17</c> UDP,
/// <c>-1</c> all); the CIDR is IPv4 or IPv6; the port range applies to TCP and UDP only.
/// </summary>
public sealed record NetworkAclRule(long RuleNumber, bool Egress, string Protocol, string RuleAction, string Cidr, bool IsIpv6, long? FromPort, long? ToPort)
{
    public JsonObject ToJson() => new()
    {
        ["RuleNumber"] = RuleNumber,
        ["Egress"] = Egress,
        ["Protocol"] = Protocol,
        ["RuleAction"] = RuleAction,
        [IsIpv6 ? "Ipv6CidrBlock" : "CidrBlock"] = Cidr,
        ["PortRange"] = FromPort is null ? null : new JsonObject { ["From"] = FromPort, ["To"] = ToPort },
    };
}

/// <summary>What a change did: applied, or (dry run) would have succeeded, or was not permitted.</summary>
/// <summary>
/// The answer to a change. <paramref name="Response"/> is AWS's answer as boto3 prints it; for a dry run it holds
/// <c>DryRun</c>, AWS's verdict code (<c>DryRunOperation</c> or <c>UnauthorizedOperation</c>) and the metadata of
/// the refused call. <paramref name="Reason"/> is AWS's sentence when not permitted.
/// </summary>
public sealed record Ec2Change(Outcome Outcome, JsonObject Response, string? Reason = null)
{
    /// <summary>This change, unless a dry run found it not permitted: then the parameter set (or item) fails with AWS's reason.</summary>
    public Ec2Change ThrowIfNotPermitted() =>
        Outcome == Outcome.Failed ? throw new ActionFailedException($"Dry run: not permitted. {Reason}") : this;
}
