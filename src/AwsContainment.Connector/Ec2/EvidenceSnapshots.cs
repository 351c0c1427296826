using System.Text.Json.Nodes;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// The evidence snapshots a responder names: <c>snapshot_ids</c>, or a case's (<c>case_id</c>, and with
/// <c>instance</c> that instance's only), as contain instance tags them. Copies made from evidence are not evidence of their own.
/// </summary>
internal static class EvidenceSnapshots
{
    public static async Task<IReadOnlyList<JsonObject>> FindAsync(IEc2Client ec2, IReadOnlyList<string> ids, string? caseId, string? instanceId, CancellationToken cancellationToken)
    {
        if (ids.Count > 0 == (caseId is not null))
        {
            throw new ActionFailedException("Give either snapshot_ids or case_id (with instance for that instance's snapshots only), not both and not neither; nothing was sent to AWS");
        }
        if (caseId is null)
        {
            if (instanceId is not null)
            {
                throw new ActionFailedException("instance picks a case's snapshots: give it with case_id, not with snapshot_ids; nothing was sent to AWS");
            }
            return await ec2.DescribeSnapshotsAsync(ids, cancellationToken).ConfigureAwait(false);
        }
        IReadOnlyList<Ec2Tag> tags = instanceId is null ? [new(ContainmentNames.CaseIdTag, caseId)] : ContainmentNames.EvidenceTags(caseId, instanceId);
        var found = (await ec2.FindSnapshotsByTagsAsync(tags, cancellationToken).ConfigureAwait(false))
            .Where(s => (string?)s["State"] != "error" && Tag(s, ContainmentNames.SourceSnapshotTag) is null)
            .OrderBy(s => (string?)s["SnapshotId"], StringComparer.Ordinal)
            .ToList();
        return found.Count > 0 ? found : throw new ActionFailedException(
            $"No evidence snapshot of case {caseId}{(instanceId is null ? "" : $" and instance {instanceId}")} was found (snapshots of this account tagged {string.Join(", ", tags.Select(t => $"{t.Key}={t.Value}"))}); nothing was changed");
    }

    /// <summary>A snapshot's tag value, or null.</summary>
    public static string? Tag(JsonObject snapshot, string key) =>
        (snapshot["Tags"] as JsonArray ?? []).FirstOrDefault(t => (string?)t?["Key"] == key)?["Value"]?.GetValue<string>();

    /// <summary>Refuses a snapshot EC2 has not finished: it can be neither shared nor made into a volume yet.</summary>
    public static void ThrowUnlessCompleted(JsonObject snapshot, string subject, string what)
    {
        if ((string?)snapshot["State"] is { } state and not "completed")
        {
            throw new ActionFailedException($"{subject} is {state} ({snapshot["Progress"]}), so it {what} yet: run again once it completes");
        }
    }
}
