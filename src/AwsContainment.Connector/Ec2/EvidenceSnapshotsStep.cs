using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector.Containment;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// Crash-consistent snapshots of every volume, tagged with the case and the instance (always attempted: evidence
/// matters even when a containing step failed); the undo, only when asked, deletes the case's snapshots.
/// </summary>
internal sealed class EvidenceSnapshotsStep() : InstanceStep("snapshot_volumes", "delete_snapshots", [])
{
    public override async Task<StepResult> ContainAsync(ContainScope scope)
    {
        var (before, caseId, instanceId) = (scope.Before, scope.Order.CaseId, scope.InstanceId);
        var tags = ContainmentNames.EvidenceTags(caseId, instanceId);
        if (before.TagValue(ContainmentNames.QuarantineTag) == caseId && before.VolumeIds.Count > 0)
        {
            var taken = await scope.Ec2.FindSnapshotsByTagsAsync(tags, scope.CancellationToken).ConfigureAwait(false);
            var covered = taken.Where(s => (string?)s["State"] != "error").Select(s => (string?)s["VolumeId"]).ToHashSet();
            if (before.VolumeIds.All(covered.Contains))
            {
                var snapshots = new JsonArray(taken.Select(s => (JsonNode)s.DeepClone()).ToArray());
                return StepResult.AlreadyDone($"every volume already has an evidence snapshot for case {caseId}: {Describe(snapshots)}", new JsonObject { ["Snapshots"] = snapshots });
            }
        }
        var changes = new StepChanges();
        var change = await changes.RunAsync(
            $"crash-consistent snapshots of every volume of {instanceId}",
            scope.Ec2.CreateSnapshotsOfInstanceAsync(instanceId, $"Evidence for case {caseId}: crash-consistent snapshot of {instanceId}", tags, scope.Order.DryRun, scope.CancellationToken)).ConfigureAwait(false);
        if (change.Outcome != Outcome.Changed)
        {
            return changes.Result("");
        }
        var started = change.Response["Snapshots"] as JsonArray ?? [];
        return StepResult.Done($"{Wording.Count(started.Count, "crash-consistent snapshot")} started: {Describe(started)}", change.Response);
    }

    public override async Task<StepResult> UndoAsync(UndoScope scope)
    {
        var taken = await scope.Ec2.FindSnapshotsByTagsAsync(ContainmentNames.EvidenceTags(scope.Journal.CaseId, scope.InstanceId), scope.CancellationToken).ConfigureAwait(false);
        var outcomes = await ItemOutcomes.RunEachAsync(
            taken.Select(s => (string?)s["SnapshotId"]).OfType<string>(),
            async id =>
            {
                try
                {
                    return (await scope.Ec2.DeleteSnapshotAsync(id, false, scope.CancellationToken).ConfigureAwait(false)).Response;
                }
                catch (AmazonServiceException gone) when (gone.ErrorCode == "InvalidSnapshot.NotFound")
                {
                    // Just listed, so it is gone: Core retried the delete after a 5xx, or someone else deleted it.
                    return new JsonObject { ["AlreadyDeleted"] = true, ["RequestId"] = gone.RequestId };
                }
            }).ConfigureAwait(false);
        return ItemSteps.Result(outcomes, "deleted evidence snapshots", $"no evidence snapshot of case {scope.Journal.CaseId} left");
    }

    private static string Describe(JsonArray snapshots) =>
        string.Join(", ", snapshots.Select(s => $"{(string?)s?["SnapshotId"]} of {(string?)s?["VolumeId"]}"));
}
