using System.Text.Json.Nodes;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Kms;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// Lets a forensics account create volumes from the case's evidence snapshots. A snapshot encrypted under the
/// default EBS key (alias/aws/ebs, an AWS managed key) cannot be shared: it is copied re-encrypted under
/// <c>kms_key_id</c> and the copy is shared (once EC2 has completed it), or the snapshot fails with that sentence.
/// Sharing is read first: an account already allowed is not asked again, and a re-run finds the earlier copy.
/// </summary>
public sealed class ShareEvidenceSnapshotsAction : IAwsAction<ShareEvidenceSnapshotsParameters>
{
    public async Task RunAsync(ActionContext context, ShareEvidenceSnapshotsParameters parameters, CancellationToken cancellationToken)
    {
        var share = new Sharing(context, parameters.AccountId, parameters.KmsKeyId, parameters.DryRun, cancellationToken);
        var snapshots = await EvidenceSnapshots.FindAsync(share.Ec2, parameters.SnapshotIds, parameters.CaseId, parameters.Instance, cancellationToken).ConfigureAwait(false);
        var outcomes = new ItemOutcomes();
        foreach (var snapshot in snapshots)
        {
            await outcomes.RunAsync((string)snapshot["SnapshotId"]!, () => share.OneAsync(snapshot)).ConfigureAwait(false);
        }
        var done = outcomes.Succeeded.Select(o => (string?)o.Data!["Outcome"]).ToList();
        context.Result.Summary["shared_snapshot_ids"] = string.Join(",", outcomes.Succeeded.Select(o => (string?)o.Data!["SharedSnapshotId"]).OfType<string>());
        var message = share.DryRun
            ? $"Dry run for account {share.AccountId}, nothing was changed: {string.Join("; ", done)}"
            : $"Shared with account {share.AccountId}: {string.Join("; ", done)}";
        context.Result.Finish(outcomes, message, $"No evidence snapshot was shared with account {share.AccountId}", "snapshot");
    }

    private sealed class Sharing(ActionContext context, string accountId, string? kmsKeyId, bool dryRun, CancellationToken cancellationToken)
    {
        public IEc2Client Ec2 { get; } = context.Aws.Ec2();

        public string AccountId => accountId;

        public bool DryRun => dryRun;

        public async Task<ItemResult> OneAsync(JsonObject snapshot)
        {
            var id = (string)snapshot["SnapshotId"]!;
            var target = snapshot;
            string? copied = null;
            if ((bool?)snapshot["Encrypted"] == true && await IsAwsManagedKeyAsync((string?)snapshot["KmsKeyId"]).ConfigureAwait(false))
            {
                if (kmsKeyId is null)
                {
                    throw new Soar.ActionFailedException($"{id} is encrypted under the default EBS key (alias/aws/ebs), which cannot be shared with another account: give kms_key_id to share a copy re-encrypted under a customer managed key");
                }
                var (copy, verdict) = await CopyOnceAsync(snapshot).ConfigureAwait(false);
                if (copy is null)
                {
                    return Reporting.Item(Item(id, null, "would_copy", $"{id}: copying it re-encrypted under {kmsKeyId} would succeed (the copy's sharing is checked once it exists)"), verdict!);
                }
                target = copy;
                copied = $" (its copy {copy["SnapshotId"]}, re-encrypted under {kmsKeyId}: {id} is under the default EBS key)";
            }
            var targetId = (string)target["SnapshotId"]!;
            EvidenceSnapshots.ThrowUnlessCompleted(target, copied is null ? targetId : $"{targetId}, the copy of {id} re-encrypted under {kmsKeyId},", "cannot be shared");
            var sharing = await Ec2.DescribeSnapshotSharingAsync(targetId, cancellationToken).ConfigureAwait(false);
            if (sharing.Accounts.Contains(accountId))
            {
                return Reporting.Item(Item(id, targetId, "already_shared", $"{id}{copied} was already shared"), sharing.Metadata);
            }
            var change = (await Ec2.ShareSnapshotAsync(targetId, accountId, dryRun, cancellationToken).ConfigureAwait(false)).ThrowIfNotPermitted();
            return Reporting.Item(Item(id, targetId, dryRun ? "would_share" : "shared", $"{id}{copied}{(dryRun ? ": sharing would succeed" : "")}"), change.Response);
        }

        private async Task<bool> IsAwsManagedKeyAsync(string? keyId) =>
            keyId is not null && (string?)(await context.Aws.Kms().DescribeKeyAsync(keyId, cancellationToken).ConfigureAwait(false))["KeyManager"] == "AWS";

        /// <summary>
        /// The copy of this snapshot under the asked key: the one an earlier run made (found by its tags and key),
        /// or a new one. CopySnapshot takes no idempotency token: the earlier copy keeps a re-run from making another,
        /// and the copy's creation token a retry. In a dry run nothing is copied: there is only EC2's verdict on the copy.
        /// </summary>
        private async Task<(JsonObject? Copy, JsonObject? DryRunVerdict)> CopyOnceAsync(JsonObject snapshot)
        {
            var id = (string)snapshot["SnapshotId"]!;
            // The key as its ARN (a copy names its key so) and never an AWS managed key, whose copy could not be shared either.
            var key = await context.Aws.Kms().DescribeKeyAsync(kmsKeyId!, cancellationToken).ConfigureAwait(false);
            if ((string?)key["KeyManager"] == "AWS")
            {
                throw new Soar.ActionFailedException($"kms_key_id {kmsKeyId} is an AWS managed key, whose snapshots cannot be shared either: give a customer managed key the forensics account may use");
            }
            var keyArn = (string?)key["Arn"] ?? kmsKeyId!;
            var marks = new Ec2Tag(ContainmentNames.SourceSnapshotTag, id);
            var earlier = (await Ec2.FindSnapshotsByTagsAsync([marks], cancellationToken).ConfigureAwait(false))
                .Where(s => (string?)s["State"] != "error" && (string?)s["KmsKeyId"] == keyArn)
                .OrderBy(s => (string?)s["SnapshotId"], StringComparer.Ordinal)
                .FirstOrDefault();
            if (earlier is not null)
            {
                return (earlier, null);
            }
            List<Ec2Tag> tags = [marks];
            tags.AddRange(new[] { ContainmentNames.CaseIdTag, ContainmentNames.SourceInstanceTag }
                .Select(key => EvidenceSnapshots.Tag(snapshot, key) is { } value ? new Ec2Tag(key, value) : null).OfType<Ec2Tag>());
            var change = (await Ec2.CopySnapshotAsync(id, context.Aws.Asset.Region, keyArn, $"Evidence copy of {id} re-encrypted to share with account {accountId}", tags, dryRun, cancellationToken).ConfigureAwait(false)).ThrowIfNotPermitted();
            if (dryRun)
            {
                return (null, change.Response);
            }
            var copyId = (string)change.Response["SnapshotId"]!;
            return await Ec2.DescribeSnapshotsAsync([copyId], cancellationToken).ConfigureAwait(false) is [var copy, ..]
                ? (copy, null)
                : throw new Soar.ActionFailedException($"{id} was copied to {copyId}, which EC2 does not list yet: run again to share it");
        }

        private JsonObject Item(string snapshotId, string? sharedSnapshotId, string outcome, string sentence) => new()
        {
            ["SnapshotId"] = snapshotId,
            ["SharedSnapshotId"] = sharedSnapshotId,
            ["AccountId"] = accountId,
            ["Outcome"] = sentence,
            ["Change"] = outcome,
        };
    }
}
