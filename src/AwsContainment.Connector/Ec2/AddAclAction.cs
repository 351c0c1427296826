using System.Globalization;
using System.Net.Sockets;
using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// Adds a network ACL rule for an address or CIDR block. A bare address becomes a /32 (IPv4) or /128 (IPv6)
/// block; a port range means TCP unless <c>protocol</c> says UDP; no port range means every protocol. The rule
/// number is checked against the ACL first: the same rule already there is a no-op, a different one an error.
/// </summary>
public sealed class AddAclAction : IAwsAction<AddAclParameters>
{
    private const string Tcp = "6";
    private const string Udp = "17";
    private const string AllProtocols = "-1";

    public async Task RunAsync(ActionContext context, AddAclParameters parameters, CancellationToken cancellationToken)
    {
        var networkAclId = parameters.NetworkAclId;
        var rule = RuleFrom(parameters);
        var dryRun = parameters.DryRun;
        var ec2 = context.Aws.Ec2();
        var acl = await ec2.DescribeNetworkAclAsync(networkAclId, cancellationToken).ConfigureAwait(false);
        var direction = rule.Egress ? "egress" : "ingress";
        var about = Reporting.Item(new JsonObject { ["NetworkAclId"] = networkAclId, ["VpcId"] = acl.VpcId }, rule.ToJson());
        var existing = acl.Rules.FirstOrDefault(r => r.RuleNumber == rule.RuleNumber && r.Egress == rule.Egress);
        if (existing == rule)
        {
            about["Changed"] = false;
            context.Result.AddData(Reporting.Item(about, acl.Metadata));
            context.Result.Finish(true, $"{networkAclId} already has {direction} rule {rule.RuleNumber}: {Describe(rule)}; nothing changed");
            return;
        }
        if (existing is not null)
        {
            throw new ActionFailedException($"Rule number {rule.RuleNumber} is already used by another {direction} rule of {networkAclId} ({Describe(existing)}); choose a free rule_number. Nothing changed");
        }
        Ec2Change change;
        var retried = "";
        try
        {
            change = (await ec2.CreateNetworkAclEntryAsync(networkAclId, rule, dryRun, cancellationToken).ConfigureAwait(false)).ThrowIfNotPermitted();
        }
        catch (AmazonServiceException taken) when (taken.ErrorCode == "NetworkAclEntryAlreadyExists")
        {
            // Core retries a create after a 5xx, and the first attempt may have added the rule: read the ACL again.
            var now = await ec2.DescribeNetworkAclAsync(networkAclId, cancellationToken).ConfigureAwait(false);
            var entry = now.Rules.FirstOrDefault(r => r.RuleNumber == rule.RuleNumber && r.Egress == rule.Egress);
            if (entry != rule)
            {
                var other = entry is null ? "" : $" ({Describe(entry)})";
                throw new ActionFailedException($"Rule number {rule.RuleNumber} is already used by another {direction} rule of {networkAclId}{other}; choose a free rule_number. Nothing changed ({AwsErrors.Describe(taken)})");
            }
            if (!AwsErrors.WasRepeated(taken))
            {
                about["Changed"] = false;
                context.Result.AddData(Reporting.Item(about, now.Metadata));
                context.Result.Finish(true, $"{networkAclId} already has {direction} rule {rule.RuleNumber}: {Describe(rule)}; nothing changed");
                return;
            }
            change = new Ec2Change(Outcome.Changed, new JsonObject { ["ResponseMetadata"] = now.Metadata.ToJson() });
            retried = " (EC2 answered a retry with NetworkAclEntryAlreadyExists; the ACL read again holds exactly this rule)";
        }
        about["Changed"] = change.Outcome == Outcome.Changed;
        context.Result.AddData(Reporting.Item(about, change.Response));
        context.Result.Finish(true, dryRun
            ? $"Dry run: adding {direction} rule {rule.RuleNumber} to {networkAclId} ({Describe(rule)}) would succeed; nothing changed"
            : $"Added {direction} rule {rule.RuleNumber} to {networkAclId}: {Describe(rule)}{retried}");
    }

    /// <summary>The rule the parameters ask for; what app.json cannot express (a range's order, protocol and ports together) is checked here, before any call.</summary>
    private static NetworkAclRule RuleFrom(AddAclParameters parameters)
    {
        var portRange = parameters.PortRange;
        var protocol = parameters.Protocol;
        long? from = null, to = null;
        if (portRange is not null)
        {
            var bounds = portRange.Split('-');
            from = long.Parse(bounds[0], CultureInfo.InvariantCulture);
            to = long.Parse(bounds[^1], CultureInfo.InvariantCulture);
            if (from > to)
            {
                throw Invalid($"parameter 'port_range': \"{portRange}\" starts after it ends (write the lower port first)");
            }
        }
        var protocolNumber = (protocol, portRange) switch
        {
            ("all", not null) => throw Invalid($"parameter 'port_range': \"{portRange}\" cannot apply to every protocol (give protocol tcp or udp, or no port range)"),
            ("tcp" or "udp", null) => throw Invalid($"parameter 'protocol': {protocol} needs a port_range (1-65535 for every port)"),
            ("udp", _) => Udp,
            (null or "tcp", not null) => Tcp,
            _ => AllProtocols,
        };
        var (cidr, isIpv6) = CidrOf(parameters.Ip);
        return new NetworkAclRule(parameters.RuleNumber, parameters.EgressRule, protocolNumber, parameters.RuleAction, cidr, isIpv6, from, to);
    }

    /// <summary>An address as a one-host block, a block as its network address (AWS stores 10.0.0.0/24 for 10.0.0.7/24).</summary>
    internal static (string Cidr, bool IsIpv6) CidrOf(string ip)
    {
        var slash = ip.IndexOf('/');
        var address = IPAddress.Parse(slash < 0 ? ip : ip[..slash]);
        var bytes = address.GetAddressBytes();
        var prefix = slash < 0 ? bytes.Length * 8 : int.Parse(ip[(slash + 1)..], CultureInfo.InvariantCulture);
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }
        return ($"{new IPAddress(bytes)}/{prefix}", address.AddressFamily == AddressFamily.InterNetworkV6);
    }

    private static ActionFailedException Invalid(string problem) => new($"Invalid parameters, nothing was sent to AWS: {problem}");

    /// <summary>"deny tcp ports 22-22 from 203.0.113.7/32".</summary>
    internal static string Describe(NetworkAclRule rule)
    {
        var protocol = rule.Protocol switch { Tcp => "tcp", Udp => "udp", AllProtocols => "all traffic", var other => $"protocol {other}" };
        var ports = rule.FromPort is null ? "" : $" ports {rule.FromPort}-{rule.ToPort}";
        return $"{rule.RuleAction} {protocol}{ports} {(rule.Egress ? "to" : "from")} {rule.Cidr}";
    }
}
