using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// Puts the evidence on the forensics machine: one volume per snapshot in the machine's Availability Zone, tagged
/// with the case and its source, attached at a free device name. Nothing is ever attached to the compromised
/// instance: a forensics machine that is the source of any snapshot is refused before any change. A re-run finds
/// the volumes it made by their tags; CreateVolume's client token keeps a retried create from making a second one.
/// </summary>
public sealed class AttachEvidenceVolumesAction : IAwsAction<AttachEvidenceVolumesParameters>
{
    /// <summary>How long a new volume may take to become available before the run stops waiting (a re-run then attaches it).</summary>
    private const int AvailabilityChecks = 45;

    private static readonly TimeSpan BetweenChecks = TimeSpan.FromSeconds(2);

    /// <summary>The device names AWS recommends for attaching EBS volumes to Linux instances, in order.</summary>
    private static readonly string[] DeviceLetters = [.. "fghijklmnopqrstuvwxyz".Select(c => c.ToString())];

    /// <summary>The tag snapshot volumes puts on a snapshot for the instance its volume was attached to.</summary>
    private const string SnapshotVolumesSourceTag = "SourceInstanceId";

    public async Task RunAsync(ActionContext context, AttachEvidenceVolumesParameters parameters, CancellationToken cancellationToken)
    {
        var ec2 = context.Aws.Ec2();
        var forensicsId = parameters.ForensicsMachine ?? context.Aws.Asset.ForensicsMachine
            ?? throw new ActionFailedException("No forensics machine: give forensics_machine, or set it in the asset; nothing was sent to AWS");
        var snapshots = await EvidenceSnapshots.FindAsync(ec2, parameters.SnapshotIds, parameters.CaseId, parameters.Instance, cancellationToken).ConfigureAwait(false);
        var sources = await SourceInstancesAsync(ec2, snapshots, cancellationToken).ConfigureAwait(false);
        if (sources.FirstOrDefault(s => s.Instance == forensicsId) is { Snapshot: not null } compromised)
        {
            throw new ActionFailedException($"{forensicsId} is the instance {compromised.Snapshot} was taken from: evidence is never attached to the compromised instance; nothing was changed");
        }
        var machine = await ec2.DescribeInstanceAsync(forensicsId, cancellationToken).ConfigureAwait(false);
        var zone = (string?)machine.Description()?["Placement"]?["AvailabilityZone"]
            ?? throw new ActionFailedException($"EC2 did not say which Availability Zone {forensicsId} is in (request id {machine.Metadata.RequestId}); nothing was changed");
        var attaching = new Attaching(ec2, forensicsId, zone, parameters.CaseId, parameters.DryRun, UsedDevices(machine), cancellationToken);
        var outcomes = new ItemOutcomes();
        foreach (var snapshot in snapshots)
        {
            // One at a time: each takes the next free device name.
            await outcomes.RunAsync((string)snapshot["SnapshotId"]!, () => attaching.OneAsync(snapshot)).ConfigureAwait(false);
        }
        context.Result.Summary["volume_ids"] = string.Join(",", outcomes.Succeeded.Select(o => (string?)o.Data!["VolumeId"]).OfType<string>());
        var done = string.Join("; ", outcomes.Succeeded.Select(o => (string?)o.Data!["Outcome"]));
        context.Result.Finish(
            outcomes,
            attaching.DryRun ? $"Dry run for {forensicsId} in {zone}, nothing was changed: {done}" : $"Evidence volumes on {forensicsId} in {zone}: {done}",
            $"No evidence volume was attached to {forensicsId}",
            "snapshot");
    }

    /// <summary>
    /// The instances the snapshots were taken from: their tags (contain instance's source_instance, snapshot
    /// volumes' SourceInstanceId), and the instance their volume is attached to now where it still exists.
    /// </summary>
    private static async Task<List<(string Instance, string? Snapshot)>> SourceInstancesAsync(IEc2Client ec2, IReadOnlyList<JsonObject> snapshots, CancellationToken cancellationToken)
    {
        var sources = new List<(string, string?)>();
        foreach (var snapshot in snapshots)
        {
            var id = (string?)snapshot["SnapshotId"];
            foreach (var tag in new[] { ContainmentNames.SourceInstanceTag, SnapshotVolumesSourceTag })
            {
                if (EvidenceSnapshots.Tag(snapshot, tag) is { } instance)
                {
                    sources.Add((instance, id));
                }
            }
            if ((string?)snapshot["VolumeId"] is { } volumeId && await AttachedToAsync(ec2, volumeId, cancellationToken).ConfigureAwait(false) is { } attached)
            {
                sources.Add((attached, id));
            }
        }
        return sources;
    }

    private static async Task<string?> AttachedToAsync(IEc2Client ec2, string volumeId, CancellationToken cancellationToken)
    {
        try
        {
            return (await ec2.DescribeVolumeAsync(volumeId, cancellationToken).ConfigureAwait(false)).InstanceId;
        }
        catch (AmazonServiceException gone) when (gone.ErrorCode == "InvalidVolume.NotFound")
        {
            return null; // the source volume is gone (its instance terminated, say): the snapshot's tags name its instance
        }
    }

    /// <summary>The device letters the machine uses now (/dev/sdf and /dev/xvdf are the same device to Linux).</summary>
    private static HashSet<string> UsedDevices(Ec2Instance machine) =>
        (machine.Description()?["BlockDeviceMappings"] as JsonArray ?? [])
            .Select(m => (string?)m?["DeviceName"]).OfType<string>().Select(DeviceLetter).ToHashSet(StringComparer.Ordinal);

    private static string DeviceLetter(string device)
    {
        var name = device.Replace("/dev/", "", StringComparison.Ordinal);
        return name.StartsWith("xvd", StringComparison.Ordinal) ? name[3..] : name.StartsWith("sd", StringComparison.Ordinal) ? name[2..] : name;
    }

    private sealed class Attaching(IEc2Client ec2, string forensicsId, string zone, string? caseId, bool dryRun, HashSet<string> usedDevices, CancellationToken cancellationToken)
    {
        public bool DryRun => dryRun;

        public async Task<ItemResult> OneAsync(JsonObject snapshot)
        {
            var id = (string)snapshot["SnapshotId"]!;
            EvidenceSnapshots.ThrowUnlessCompleted(snapshot, id, "cannot be made into a volume");
            var marks = new Ec2Tag(ContainmentNames.SourceSnapshotTag, id);
            var earlier = (await ec2.FindVolumesFromSnapshotAsync(id, zone, [marks], cancellationToken).ConfigureAwait(false))
                .Where(v => (string?)v.Json["State"] is "creating" or "available" || v.InstanceId == forensicsId)
                .OrderBy(v => v.VolumeId, StringComparer.Ordinal)
                .FirstOrDefault();
            if (earlier?.InstanceId == forensicsId)
            {
                var device = (string?)(earlier.Json["Attachments"] as JsonArray ?? []).FirstOrDefault()?["Device"];
                return Item(id, earlier.VolumeId, device, $"{id} is already on {earlier.VolumeId} at {device}", created: false);
            }
            var volumeId = earlier?.VolumeId;
            JsonObject? created = null;
            if (volumeId is null)
            {
                var change = (await ec2.CreateVolumeAsync(id, zone, Tags(snapshot, marks), dryRun, cancellationToken).ConfigureAwait(false)).ThrowIfNotPermitted();
                if (dryRun)
                {
                    return Reporting.Item(Item(id, null, null, $"{id}: creating its volume in {zone} would succeed (the attachment is checked once the volume exists)", created: false), change.Response);
                }
                created = change.Response;
                volumeId = (string)created["VolumeId"]!;
            }
            await WaitUntilAvailableAsync(volumeId).ConfigureAwait(false);
            var free = DeviceLetters.FirstOrDefault(letter => !usedDevices.Contains(letter))
                ?? throw new ActionFailedException($"{forensicsId} has no free device name left (/dev/sdf to /dev/sdz) for {volumeId}, made from {id}");
            usedDevices.Add(free);
            var attach = (await AttachOnceAsync(volumeId, "/dev/sd" + free).ConfigureAwait(false)).ThrowIfNotPermitted();
            var made = created is null ? $"{volumeId} (made by an earlier run)" : volumeId;
            return Reporting.Item(
                Item(id, volumeId, "/dev/sd" + free, dryRun ? $"{id}: attaching {made} at /dev/sd{free} would succeed" : $"{id} → {made} at /dev/sd{free}", created is not null),
                attach.Response);
        }

        /// <summary>
        /// AttachVolume. Core retries it after a 5xx, and the first attempt may have attached the volume: EC2 then
        /// refuses the retry. The volume read again attached to this machine at this device means the attach happened.
        /// </summary>
        private async Task<Ec2Change> AttachOnceAsync(string volumeId, string device)
        {
            try
            {
                return await ec2.AttachVolumeAsync(volumeId, forensicsId, device, dryRun, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonServiceException refused) when (refused.ErrorCode == "VolumeInUse" && refused.Data[Aws.AwsErrors.RetryAttemptsKey] is int and > 0)
            {
                var volume = await ec2.DescribeVolumeAsync(volumeId, cancellationToken).ConfigureAwait(false);
                if (volume.InstanceId != forensicsId || (volume.Json["Attachments"] as JsonArray ?? []).FirstOrDefault() is not JsonObject attachment || (string?)attachment["Device"] != device)
                {
                    throw;
                }
                return new Ec2Change(Outcome.Changed, (JsonObject)attachment.DeepClone());
            }
        }

        private async Task WaitUntilAvailableAsync(string volumeId)
        {
            for (var check = 0; check < AvailabilityChecks; check++)
            {
                if (check > 0)
                {
                    await Task.Delay(BetweenChecks, cancellationToken).ConfigureAwait(false);
                }
                var state = await StateAsync(volumeId).ConfigureAwait(false);
                if (state == "available")
                {
                    return;
                }
                if (state is not "creating")
                {
                    throw new ActionFailedException($"{volumeId} is {state}, so it was not attached");
                }
            }
            throw new ActionFailedException($"{volumeId} was still creating after {AvailabilityChecks * BetweenChecks.TotalSeconds:0} s, so it was not attached: run again to attach it");
        }

        private async Task<string?> StateAsync(string volumeId)
        {
            try
            {
                return (string?)(await ec2.DescribeVolumeAsync(volumeId, cancellationToken).ConfigureAwait(false)).Json["State"];
            }
            catch (AmazonServiceException notYet) when (notYet.ErrorCode == "InvalidVolume.NotFound")
            {
                return "creating"; // EC2 lists a new volume a moment after creating it
            }
        }

        /// <summary>The volume's tags: where it came from, the case, and that it is evidence on this forensics machine.</summary>
        private List<Ec2Tag> Tags(JsonObject snapshot, Ec2Tag marks)
        {
            List<Ec2Tag> tags = [marks];
            if ((string?)snapshot["VolumeId"] is { } sourceVolume)
            {
                tags.Add(new(ContainmentNames.SourceVolumeTag, sourceVolume));
            }
            var source = EvidenceSnapshots.Tag(snapshot, ContainmentNames.SourceInstanceTag) ?? EvidenceSnapshots.Tag(snapshot, SnapshotVolumesSourceTag);
            if (source is not null)
            {
                tags.Add(new(ContainmentNames.SourceInstanceTag, source));
            }
            if ((caseId ?? EvidenceSnapshots.Tag(snapshot, ContainmentNames.CaseIdTag)) is { } @case)
            {
                tags.Add(new(ContainmentNames.CaseIdTag, @case));
            }
            tags.Add(new("Name", $"evidence from {marks.Value}{(source is null ? "" : $" of {source}")}"));
            return tags;
        }

        private JsonObject Item(string snapshotId, string? volumeId, string? device, string outcome, bool created) => new()
        {
            ["SnapshotId"] = snapshotId,
            ["VolumeId"] = volumeId,
            ["InstanceId"] = forensicsId,
            ["Device"] = device,
            ["AvailabilityZone"] = zone,
            ["Created"] = created,
            ["Outcome"] = outcome,
        };
    }
}
