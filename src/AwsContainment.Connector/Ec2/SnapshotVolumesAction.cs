using System.Text.Json.Nodes;
using AwsContainment.Connector.Containment;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// Preserves evidence: one snapshot per volume, tagged at creation with the volume and the instance it is attached
/// to. Each volume is tried on its own, so a bad volume id fails that volume only and the message names it.
/// Running it twice takes a second set of snapshots, which loses nothing; a fault within one run never does
/// (see <see cref="Aws.CreationToken"/>).
/// </summary>
public sealed class SnapshotVolumesAction : IAwsAction<SnapshotVolumesParameters>
{
    public async Task RunAsync(ActionContext context, SnapshotVolumesParameters parameters, CancellationToken cancellationToken)
    {
        var ec2 = context.Aws.Ec2();
        var volumeIds = parameters.AttachedVols;
        var description = parameters.Description;
        var dryRun = parameters.DryRun;
        var outcomes = await ItemOutcomes.RunEachAsync(volumeIds, volumeId => SnapshotAsync(ec2, volumeId, description, dryRun, cancellationToken)).ConfigureAwait(false);

        var started = outcomes.Succeeded;
        var snapshots = started.Select(o => (string?)o.Data!["SnapshotId"]).OfType<string>().ToList();
        context.Result.Summary["snapshot_ids"] = string.Join(",", snapshots);
        var done = dryRun
            ? $"Dry run: snapshotting {string.Join(", ", started.Select(o => o.Item))} would succeed; nothing changed"
            : $"Snapshots started for {string.Join(", ", started.Select(o => $"{o.Item} ({o.Data!["SnapshotId"]})"))}";
        context.Result.Finish(outcomes, done, $"No snapshot was {(dryRun ? "checked" : "started")}", "volume");
    }

    private static async Task<ItemResult> SnapshotAsync(IEc2Client ec2, string volumeId, string? description, bool dryRun, CancellationToken cancellationToken)
    {
        var volume = await ec2.DescribeVolumeAsync(volumeId, cancellationToken).ConfigureAwait(false);
        List<Ec2Tag> tags = [new("SourceVolumeId", volumeId)];
        if (volume.InstanceId is not null)
        {
            tags.Add(new("SourceInstanceId", volume.InstanceId));
        }
        var attached = volume.InstanceId is null ? "" : $" attached to {volume.InstanceId}";
        description ??= $"aws-containment: forensic snapshot of {volumeId}{attached}";
        var change = (await ec2.CreateSnapshotAsync(volumeId, description, tags, dryRun, cancellationToken).ConfigureAwait(false)).ThrowIfNotPermitted();
        if (change.Outcome == Outcome.Changed)
        {
            return change.Response;
        }
        // A dry run creates nothing: the item shows the snapshot that would be taken, with no id, state or time.
        var wouldCreate = new JsonObject
        {
            ["SnapshotId"] = null,
            ["VolumeId"] = volumeId,
            ["VolumeSize"] = volume.Json["Size"]?.DeepClone(),
            ["Encrypted"] = volume.Json["Encrypted"]?.DeepClone(),
            ["Description"] = description,
            ["OwnerId"] = null,
            ["State"] = null,
            ["StartTime"] = null,
            ["Progress"] = null,
            ["Tags"] = new JsonArray(tags.Select(t => (JsonNode)t.ToJson()).ToArray()),
        };
        return new ItemResult(Outcome.WouldChange, Reporting.Item(wouldCreate, change.Response));
    }
}
