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

    /// <summary>DescribeSnapshots by id, as boto3 shows them; AWS's <c>InvalidSnapshot.NotFound</c> names an unknown id.</summary>
    Task<IReadOnlyList<JsonObject>> DescribeSnapshotsAsync(IReadOnlyList<string> snapshotIds, CancellationToken cancellationToken);

    /// <summary>DescribeSnapshotAttribute <c>createVolumePermission</c>: the accounts (and <c>all</c>) that may create volumes from it.</summary>
    Task<SnapshotSharing> DescribeSnapshotSharingAsync(string snapshotId, CancellationToken cancellationToken);

    /// <summary>ModifySnapshotAttribute: adds create-volume permission for the account.</summary>
    Task<Ec2Change> ShareSnapshotAsync(string snapshotId, string accountId, bool dryRun, CancellationToken cancellationToken);

    /// <summary>
    /// CopySnapshot within the region, encrypted under <paramref name="kmsKeyId"/>, tagged at creation; the answer's
    /// <c>SnapshotId</c> is the copy. CopySnapshot takes no idempotency token: it goes through a creation token, so a
    /// fault after EC2 made the copy finds that copy instead of making a second one.
    /// </summary>
    Task<Ec2Change> CopySnapshotAsync(string snapshotId, string region, string kmsKeyId, string description, IReadOnlyList<Ec2Tag> tags, bool dryRun, CancellationToken cancellationToken);

    /// <summary>DescribeVolumes of the volumes made from a snapshot in an Availability Zone that carry these tags, every page.</summary>
    Task<IReadOnlyList<Ec2Volume>> FindVolumesFromSnapshotAsync(string snapshotId, string availabilityZone, IReadOnlyList<Ec2Tag> tags, CancellationToken cancellationToken);

    /// <summary>
    /// CreateVolume from a snapshot, tagged at creation, with a client token new to this call: the SDK's retries
    /// repeat it, and EC2 answers them with the volume the first attempt created. A later run is not a retry: it
    /// finds its earlier volume by tags, and a deleted volume's token must not bring that volume back.
    /// </summary>
    Task<Ec2Change> CreateVolumeAsync(string snapshotId, string availabilityZone, IReadOnlyList<Ec2Tag> tags, bool dryRun, CancellationToken cancellationToken);

    /// <summary>AttachVolume at <paramref name="device"/>; the answer's <c>State</c> is <c>attaching</c>.</summary>
    Task<Ec2Change> AttachVolumeAsync(string volumeId, string instanceId, string device, bool dryRun, CancellationToken cancellationToken);
}

public sealed partial class Ec2Client
{
    public Task<Ec2Change> SetMetadataOptionsAsync(string instanceId, InstanceMetadataOptions options, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync(
            "ModifyInstanceMetadataOptions",
            p => p.Add("InstanceId", instanceId).Add("HttpTokens", options.HttpTokens).Add("HttpPutResponseHopLimit", options.HttpPutResponseHopLimit).Add("HttpEndpoint", options.HttpEndpoint),
            dryRun,
            cancellationToken);

    public Task<Ec2Change> GetConsoleOutputAsync(string instanceId, bool latest, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("GetConsoleOutput", p => p.Add("InstanceId", instanceId).Add("Latest", latest ? true : null), dryRun, cancellationToken);

    public Task<Ec2Change> GetConsoleScreenshotAsync(string instanceId, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("GetConsoleScreenshot", p => p.Add("InstanceId", instanceId), dryRun, cancellationToken);

    public async Task<IReadOnlyList<JsonObject>> DescribeSnapshotsAsync(IReadOnlyList<string> snapshotIds, CancellationToken cancellationToken)
    {
        var snapshots = new List<JsonObject>();
        await foreach (var page in caller.PagesAsync("DescribeSnapshots", p => p.AddList("SnapshotId", snapshotIds), "NextToken", "NextToken", cancellationToken).ConfigureAwait(false))
        {
            snapshots.AddRange(Objects(page.ToJson()["Snapshots"]));
        }
        return snapshots;
    }

    public async Task<SnapshotSharing> DescribeSnapshotSharingAsync(string snapshotId, CancellationToken cancellationToken)
    {
        var reply = await CallAsync("DescribeSnapshotAttribute", p => p.Add("SnapshotId", snapshotId).Add("Attribute", "createVolumePermission"), cancellationToken).ConfigureAwait(false);
        var accounts = Objects(reply.ToJson()["CreateVolumePermissions"]).Select(p => (string?)p["UserId"] ?? (string?)p["Group"]).OfType<string>().ToList();
        return new SnapshotSharing(accounts, reply.Metadata);
    }

    public Task<Ec2Change> ShareSnapshotAsync(string snapshotId, string accountId, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync(
            "ModifySnapshotAttribute",
            p => p.Add("SnapshotId", snapshotId).Add("Attribute", "createVolumePermission").Add("OperationType", "add").AddList("UserId", [accountId]),
            dryRun,
            cancellationToken);

    public Task<Ec2Change> CopySnapshotAsync(string snapshotId, string region, string kmsKeyId, string description, IReadOnlyList<Ec2Tag> tags, bool dryRun, CancellationToken cancellationToken) =>
        CreateSnapshotsOnceAsync(
            "CopySnapshot",
            (p, tagged) => p.Add("SourceSnapshotId", snapshotId).Add("SourceRegion", region).Add("Encrypted", true).Add("KmsKeyId", kmsKeyId)
                .Add("Description", description).AddList("TagSpecification", [tagged], TagSpecification("snapshot")),
            tags,
            dryRun,
            // CopySnapshot answers the copy's id and tags only.
            (made, metadata) => made.Count == 1 ? new JsonObject { ["SnapshotId"] = made[0]["SnapshotId"]?.DeepClone(), ["Tags"] = made[0]["Tags"]?.DeepClone(), ["ResponseMetadata"] = metadata.ToJson() } : null,
            cancellationToken);
}

public sealed partial class Ec2Client
{
    public async Task<IReadOnlyList<Ec2Volume>> FindVolumesFromSnapshotAsync(string snapshotId, string availabilityZone, IReadOnlyList<Ec2Tag> tags, CancellationToken cancellationToken)
    {
        var volumes = new List<Ec2Volume>();
        var filters = tags.Select(t => ("tag:" + t.Key, (IEnumerable<string>)[t.Value])).Prepend(("availability-zone", [availabilityZone])).Prepend(("snapshot-id", [snapshotId])).ToArray();
        await foreach (var page in caller.PagesAsync("DescribeVolumes", p => p.AddFilters(filters), "NextToken", "NextToken", cancellationToken).ConfigureAwait(false))
        {
            volumes.AddRange(Volumes(page));
        }
        return volumes;
    }

    public Task<Ec2Change> CreateVolumeAsync(string snapshotId, string availabilityZone, IReadOnlyList<Ec2Tag> tags, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync(
            "CreateVolume",
            p => p.Add("SnapshotId", snapshotId).Add("AvailabilityZone", availabilityZone).Add("ClientToken", Guid.NewGuid().ToString("N")).AddList("TagSpecification", [tags], TagSpecification("volume")),
            dryRun,
            cancellationToken);

    public Task<Ec2Change> AttachVolumeAsync(string volumeId, string instanceId, string device, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("AttachVolume", p => p.Add("VolumeId", volumeId).Add("InstanceId", instanceId).Add("Device", device), dryRun, cancellationToken);
}

/// <summary>Who may create volumes from a snapshot (account ids, or <c>all</c>), and the answer that said so.</summary>
public sealed record SnapshotSharing(IReadOnlyList<string> Accounts, AwsResponseMetadata Metadata);
