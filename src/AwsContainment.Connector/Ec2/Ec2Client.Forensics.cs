using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;

namespace AwsContainment.Connector.Ec2;

/// <summary>The EC2 calls of instance lock-down and evidence handling.</summary>
public partial interface IEc2Client
{
    /// <summary>ModifyInstanceMetadataOptions: every option given is set (EC2 applies them asynchronously: the answer's state is <c>pending</c>).</summary>
    Task<Ec2Change> SetMetadataOptionsAsync(string instanceId, InstanceMetadataOptions options, bool dryRun, CancellationToken cancellationToken);
}

public sealed partial class Ec2Client
{
    public Task<Ec2Change> SetMetadataOptionsAsync(string instanceId, InstanceMetadataOptions options, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync(
            "ModifyInstanceMetadataOptions",
            p => p.Add("InstanceId", instanceId).Add("HttpTokens", options.HttpTokens).Add("HttpPutResponseHopLimit", options.HttpPutResponseHopLimit).Add("HttpEndpoint", options.HttpEndpoint),
            dryRun,
            Ec2Shape.Resources,
            cancellationToken);
}
