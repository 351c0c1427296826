using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;

namespace AwsContainment.Connector.Ec2;

/// <summary>The EC2 calls of instance lock-down and evidence handling.</summary>
public partial interface IEc2Client
{
    /// <summary>ModifyInstanceMetadataOptions: every option given is set (EC2 applies them asynchronously: the answer's state is <c>pending</c>).</summary>
    Task<Ec2Change> SetMetadataOptionsAsync(string instanceId, InstanceMetadataOptions options, bool dryRun, CancellationToken cancellationToken);

    /// <summary>GetConsoleOutput: the serial console's output (<c>Output</c>, base64) and its <c>Timestamp</c>; <paramref name="latest"/> asks for the newest (Nitro instances only).</summary>
    Task<Ec2Change> GetConsoleOutputAsync(string instanceId, bool latest, bool dryRun, CancellationToken cancellationToken);

    /// <summary>GetConsoleScreenshot without waking the instance: a JPG (<c>ImageData</c>, base64).</summary>
    Task<Ec2Change> GetConsoleScreenshotAsync(string instanceId, bool dryRun, CancellationToken cancellationToken);
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

    public Task<Ec2Change> GetConsoleOutputAsync(string instanceId, bool latest, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("GetConsoleOutput", p => p.Add("InstanceId", instanceId).Add("Latest", latest ? true : null), dryRun, Ec2Shape.Resources, cancellationToken);

    public Task<Ec2Change> GetConsoleScreenshotAsync(string instanceId, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("GetConsoleScreenshot", p => p.Add("InstanceId", instanceId), dryRun, Ec2Shape.Resources, cancellationToken);
}
