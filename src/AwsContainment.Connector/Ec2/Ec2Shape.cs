using AwsContainment.Connector.Aws;

namespace AwsContainment.Connector.Ec2;

/// <summary>How EC2's XML answers become boto3's JSON: EC2's wire names differ from its API names in many places.</summary>
internal static class Ec2Shape
{
    private static readonly KeyValuePair<string, string>[] CommonRenames =
    [
        new("instancesSet/item/groupSet", "SecurityGroups"),
        new("instanceState", "State"),
        new("reason", "StateTransitionReason"),
        new("dnsName", "PublicDnsName"),
        new("ipAddress", "PublicIpAddress"),
        new("blockDeviceMapping", "BlockDeviceMappings"),
        new("privateIpAddressesSet", "PrivateIpAddresses"),
        new("productCodes/item/productCode", "ProductCodeId"),
        new("productCodes/item/type", "ProductCodeType"),
        new("volumeSet/item/status", "State"),
        new("attachmentSet/item/status", "State"),
        new("securityGroupInfo", "SecurityGroups"),
        new("groupDescription", "Description"),
        new("ipPermissions/item/groups", "UserIdGroupPairs"),
        new("ipPermissionsEgress/item/groups", "UserIdGroupPairs"),
        new("networkAclSet/item/default", "IsDefault"),
        new("entrySet", "Entries"),
        new("createVolumePermission", "CreateVolumePermissions"),
    ];

    private static readonly string[] Numbers =
    [
        "code", "amiLaunchIndex", "deviceIndex", "networkCardIndex", "coreCount", "threadsPerCore", "size", "iops",
        "throughput", "volumeSize", "httpPutResponseHopLimit", "ruleNumber", "from", "to", "type", "fromPort", "toPort",
    ];

    private static readonly string[] Booleans =
    [
        "sourceDestCheck", "deleteOnTermination", "ebsOptimized", "enaSupport", "configured", "enabled", "encrypted",
        "multiAttachEnabled", "primary", "egress", "default", "fastRestored",
    ];

    private static readonly string[] Lists =
    [
        "blockDeviceMapping", "productCodes", "securityGroupInfo", "ipPermissions", "ipPermissionsEgress", "groups",
        "ipRanges", "ipv6Ranges", "prefixListIds", "createVolumePermission",
    ];

    /// <summary>Instances, volumes, security groups and network ACLs.</summary>
    public static readonly XmlShape Resources = new(CommonRenames, Numbers, Booleans, Lists);

    /// <summary>CreateSnapshot's answer, whose top-level <c>status</c> is boto3's <c>State</c>.</summary>
    public static readonly XmlShape Snapshot = new([.. CommonRenames, new("status", "State")], Numbers, Booleans, Lists);
}
