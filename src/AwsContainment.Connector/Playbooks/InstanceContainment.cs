using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector.AutoScaling;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Ec2;
using AwsContainment.Connector.Iam;
using AwsContainment.Connector.LoadBalancing;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Playbooks;

/// <summary>What a responder asked contain instance to do, with the role the set acts through (for revert to act through again).</summary>
internal sealed record ContainOrder(string InstanceId, string CaseId, string IsolationGroup, string? JournalPath, bool DryRun, bool RemoveInstanceProfile, bool RevokeRoleSessions, string? RoleArn, string? ExternalId, ValueRules Rules);

/// <summary>
/// The contain instance playbook, in AWS's order: read and journal the state, tag the instance with the case and the
/// journal's digest, protect it from termination, detach it from its Auto Scaling group, deregister it from its load
/// balancers, isolate its network, lock its metadata service and revoke its role's sessions (once nothing on it can
/// reach AWS with fresh ones), snapshot its volumes. A step that fails is reported and the next one still runs; a step whose state
/// could not be read first is not attempted (its change could not be reverted); the snapshot is always attempted.
/// </summary>
internal sealed class InstanceContainment(AwsSession aws, ContainOrder order, CancellationToken cancellationToken)
{
    public const string Capture = "capture";
    public const string SaveJournal = "save_journal";
    public const string Protect = "protect_instance";
    public const string Detach = "detach_from_auto_scaling_group";
    public const string Deregister = "deregister_from_load_balancers";
    public const string Isolate = "isolate_network";
    public const string LockMetadata = "lock_instance_metadata";
    public const string RevokeSessions = "revoke_role_sessions";
    public const string Snapshot = "snapshot_volumes";
    public const string Tag = "tag_instance";
    public const string RemoveProfile = "remove_instance_profile";

    private readonly PlaybookRun _run = new(cancellationToken);
    private readonly IEc2Client _ec2 = aws.Ec2();
    private InstanceState _before = new();
    private ContainmentJournal? _journal;
    private bool _keptEarlierJournal;
    private JsonArray _snapshots = [];
    private JsonNode? _isolation;

    private string InstanceId => order.InstanceId;

    public async Task RunAsync(ActionResult result)
    {
        await _run.StepAsync(Capture, CaptureAsync).ConfigureAwait(false);
        _before.ThrowIfInstanceNotFound();
        if (_before.StateName is "terminated" or "shutting-down")
        {
            throw new ActionFailedException($"Instance {InstanceId} is {_before.StateName}: there is nothing left to contain");
        }
        _journal = NewJournal();
        if (order.JournalPath is { } path && !order.DryRun)
        {
            await _run.StepAsync(SaveJournal, () => Task.FromResult(Save(path))).ConfigureAwait(false);
        }
        // Tagged before the first change: the tags name this journal, and revert accepts no other.
        await WhenReadAsync(Tag, [InstanceState.InstanceSection], TagAsync).ConfigureAwait(false);
        await WhenReadAsync(Protect, [InstanceState.TerminationSection, InstanceState.ShutdownSection], ProtectAsync).ConfigureAwait(false);
        await WhenReadAsync(Detach, [InstanceState.AutoScalingSection], DetachAsync).ConfigureAwait(false);
        await WhenReadAsync(Deregister, [InstanceState.ClassicSection, InstanceState.TargetGroupsSection], DeregisterAsync).ConfigureAwait(false);
        await WhenReadAsync(Isolate, [InstanceState.InstanceSection], IsolateAsync).ConfigureAwait(false);
        await WhenReadAsync(LockMetadata, [InstanceState.InstanceSection], LockMetadataAsync).ConfigureAwait(false);
        if (order.RevokeRoleSessions)
        {
            await WhenReadAsync(RevokeSessions, [InstanceState.InstanceSection], RevokeSessionsAsync).ConfigureAwait(false);
        }
        await _run.StepAsync(Snapshot, SnapshotAsync).ConfigureAwait(false);
        if (order.RemoveInstanceProfile)
        {
            await WhenReadAsync(RemoveProfile, [InstanceState.InstanceSection], RemoveProfileAsync).ConfigureAwait(false);
        }
        Report(result);
    }

    /// <summary>Runs a step only when the state it changes was read: a change whose previous state is unknown could not be reverted.</summary>
    private Task WhenReadAsync(string step, string[] sections, Func<Task<StepResult>> work)
    {
        var unread = sections.Where(s => !_before.Has(s)).ToList();
        return _run.StepUnlessAsync(step, unread.Count == 0 ? null : $"its state before containment could not be read ({string.Join(", ", unread)}), so the change could not be reverted", work);
    }

    private async Task<StepResult> CaptureAsync()
    {
        _before = await InstanceState.ReadAsync(aws, InstanceId, withLoadBalancers: true, cancellationToken).ConfigureAwait(false);
        if (_before.NotCaptured.Count > 0)
        {
            return PlaybookReport.NotRead(_before);
        }
        var group = _before.AutoScalingGroup is { } membership ? $"Auto Scaling group {membership.AutoScalingGroupName}" : "no Auto Scaling group";
        return StepResult.Done(
            $"read {_before.StateName} instance with {Wording.Count(_before.NetworkInterfaces.Count, "network interface")}, {Wording.Count(_before.Volumes?.Count ?? 0, "volume")}, {group}, "
            + $"{Wording.Count(_before.ClassicLoadBalancers.Count, "classic load balancer")}, {Wording.Count(_before.TargetGroups.Count, "target group")}, "
            + $"termination protection {(_before.TerminationProtection == true ? "on" : "off")}, shutdown behaviour {_before.ShutdownBehavior}");
    }

    private ContainmentJournal NewJournal() => new()
    {
        InstanceId = InstanceId,
        CaseId = order.CaseId,
        Region = aws.Asset.Region,
        RoleArn = order.RoleArn,
        ExternalId = order.ExternalId,
        CapturedAt = (_before.AnsweredAt ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        IsolationGroup = order.IsolationGroup,
        RemoveInstanceProfile = order.RemoveInstanceProfile,
        RevokeRoleSessions = order.RevokeRoleSessions,
        AlreadyContained = _before.IsIsolatedIn(order.IsolationGroup),
        State = _before,
    };

    /// <summary>
    /// Saves the journal before the first change. A journal already there for this instance and case is the state
    /// before the first run when the instance carries its digest (the tags an earlier run put on before changing
    /// anything): it is kept, only its unread sections filled in. Any other file there is left alone: a journal no
    /// containment began from is not a record of the state before, whoever wrote it.
    /// </summary>
    private StepResult Save(string path)
    {
        var earlier = ContainmentJournal.Load(path, order.Rules);
        if (earlier is null)
        {
            _journal!.Save(path);
            return StepResult.Done($"journal saved to {path}");
        }
        if (earlier.InstanceId != InstanceId || earlier.CaseId != order.CaseId)
        {
            throw new ActionFailedException($"{path} holds the journal of {earlier.InstanceId} for case {earlier.CaseId}; it was left as it is and this run's journal is only in the result data");
        }
        var unbound = !_before.Has(InstanceState.InstanceSection) ? "the instance's tags, which name the journal its containment began from, could not be read"
            : _before.TagValue(ContainmentNames.QuarantineTag) != order.CaseId || _before.TagValue(ContainmentNames.QuarantineJournalTag) != earlier.Digest() ? $"the instance's {ContainmentNames.QuarantineJournalTag} tag does not name it, so no containment of this case began from it"
            : null;
        if (unbound is not null)
        {
            throw new ActionFailedException($"{path} holds a journal of {InstanceId} for case {order.CaseId} that was not used because {unbound}; it was left as it is and this run's journal is only in the result data");
        }
        _journal = earlier with { State = earlier.State.FillGapsFrom(_before) };
        _keptEarlierJournal = true;
        var filled = earlier.State.NotCaptured.Keys.Where(_before.Has).ToList();
        if (filled.Count == 0)
        {
            return StepResult.AlreadyDone($"{path} already holds this case's journal, captured {earlier.CapturedAt}; kept as it is");
        }
        _journal.Save(path);
        return StepResult.Done($"{path} already held this case's journal, captured {earlier.CapturedAt}; filled in what it lacked: {string.Join(", ", filled)}");
    }

    private async Task<StepResult> ProtectAsync()
    {
        var changes = new StepChanges();
        if (_before.TerminationProtection != true)
        {
            await changes.RunAsync("termination protection off → on", _ec2.SetApiTerminationDisabledAsync(InstanceId, disabled: true, order.DryRun, cancellationToken)).ConfigureAwait(false);
        }
        if (_before.ShutdownBehavior != "stop")
        {
            await changes.RunAsync($"shutdown behaviour {_before.ShutdownBehavior} → stop", _ec2.SetShutdownBehaviorAsync(InstanceId, "stop", order.DryRun, cancellationToken)).ConfigureAwait(false);
        }
        return changes.Result("termination protection already on and shutdown behaviour already stop");
    }

    private async Task<StepResult> DetachAsync()
    {
        if (_before.AutoScalingGroup is not { } group)
        {
            return StepResult.AlreadyDone("in no Auto Scaling group");
        }
        var name = group.AutoScalingGroupName;
        if (group.Leaving)
        {
            return StepResult.AlreadyDone($"already leaving Auto Scaling group {name} ({group.LifecycleState})");
        }
        if (order.DryRun)
        {
            return NotChecked($"Auto Scaling has no dry run: would detach from {name} without decrementing its desired capacity");
        }
        var answer = await aws.AutoScaling().DetachInstanceAsync(name, InstanceId, shouldDecrementDesiredCapacity: false, cancellationToken).ConfigureAwait(false);
        return StepResult.Done($"detached from Auto Scaling group {name} without decrementing its desired capacity, so the group launches a replacement", answer);
    }

    private async Task<StepResult> DeregisterAsync()
    {
        var names = JournaledRegistrations.Labels(_before);
        if (order.DryRun && names.Count > 0)
        {
            return NotChecked($"Elastic Load Balancing has no dry run: would deregister from {string.Join(", ", names)}");
        }
        var loadBalancing = aws.LoadBalancing();
        var outcomes = await JournaledRegistrations.EachAsync(
            _before.ClassicLoadBalancers,
            _before.TargetGroups,
            name => DeregisterFromClassicAsync(loadBalancing, name),
            async group => await loadBalancing.DeregisterTargetsAsync(group.TargetGroupArn, group.Targets, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        if (_before.NotCaptured.GetValueOrDefault(InstanceState.IpTargetGroupsSection) is { } unsearched)
        {
            // Its registrations by id are gone; any by address may still take traffic, so the step does not complete.
            outcomes.Reject("ip target groups", unsearched);
        }
        return ItemSteps.Result(outcomes, "deregistered from", "registered with no classic load balancer or target group");
    }

    private async Task<ItemResult> DeregisterFromClassicAsync(ILoadBalancingClient loadBalancing, string name)
    {
        try
        {
            return await loadBalancing.DeregisterFromClassicAsync(name, InstanceId, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException gone) when (gone.ErrorCode == "InvalidInstance")
        {
            // Leaving the Auto Scaling group deregisters the instance from the group's own load balancers.
            return ItemResult.Unchanged($"already deregistered ({AwsErrors.Describe(gone)})");
        }
    }

    private async Task<StepResult> IsolateAsync()
    {
        var result = await new NetworkIsolation(_ec2, order.DryRun, cancellationToken).IsolateAsync(_before, order.IsolationGroup, aws.Asset.ForensicsMachine).ConfigureAwait(false);
        _isolation = result.Data?.DeepClone();
        return result;
    }

    private async Task<StepResult> LockMetadataAsync()
    {
        var options = InstanceMetadataOptions.Of(_before.Instance)
            ?? throw new ActionFailedException("EC2 did not return the instance's metadata options, so they were not changed (they could not be restored)");
        var locked = options.Locked(disableEndpoint: false);
        if (options == locked)
        {
            return StepResult.AlreadyDone($"metadata service already locked: {options}");
        }
        var changes = new StepChanges();
        await changes.RunAsync(options.ChangesTo(locked), _ec2.SetMetadataOptionsAsync(InstanceId, locked, order.DryRun, cancellationToken)).ConfigureAwait(false);
        return changes.Result("");
    }

    /// <summary>
    /// Revokes the role's sessions issued before now with this case's own statement, beside any other case's. This
    /// case's cut-off when later than the start of its containment (its quarantine time) already covers every stolen
    /// session: a re-run leaves it as it is, so the sessions the role's other instances fetched since keep working.
    /// </summary>
    private async Task<StepResult> RevokeSessionsAsync()
    {
        if (_before.InstanceProfileArn is not { } profileArn)
        {
            return StepResult.AlreadyDone("skipped: the instance has no instance profile, so it has no role sessions to revoke");
        }
        if (order.DryRun)
        {
            return NotChecked($"IAM has no dry run: would revoke the sessions of the role of {profileArn} issued before now");
        }
        var iam = aws.Iam();
        if (await InstanceRoleSessions.FindAsync(iam, profileArn, cancellationToken).ConfigureAwait(false) is not { } role)
        {
            return StepResult.AlreadyDone($"skipped: instance profile {profileArn} holds no role, so there are no role sessions to revoke");
        }
        var revocation = await InstanceRoleSessions.RevokeAsync(iam, role, order.CaseId, ContainmentBegan(), cancellationToken).ConfigureAwait(false);
        var others = revocation.AlsoHeldFor is { } held ? $"; it also holds the revocation of {held}" : "";
        return revocation.Written
            ? StepResult.Done($"sessions of role {role.RoleName} issued before {revocation.Result["RevokedBefore"]} revoked for case {order.CaseId} (inline policy {SessionRevocation.PolicyName}){others}", revocation.Result)
            : StepResult.AlreadyDone($"sessions of role {role.RoleName} issued before {SessionRevocation.Text(revocation.Previous!.Value)} were already revoked since containment of case {order.CaseId} began{others}", revocation.Result);
    }

    /// <summary>When this case's containment of the instance began: its quarantine time, or this journal's capture.</summary>
    private DateTimeOffset ContainmentBegan()
    {
        var tagged = _before.TagValue(ContainmentNames.QuarantineTag) == order.CaseId ? _before.TagValue(ContainmentNames.QuarantineTimeTag) : null;
        return new[] { tagged, _journal!.CapturedAt }
            .Select(t => DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.MaxValue)
            .Min();
    }

    private async Task<StepResult> SnapshotAsync()
    {
        var tags = ContainmentNames.EvidenceTags(order.CaseId, InstanceId);
        if (_before.TagValue(ContainmentNames.QuarantineTag) == order.CaseId && _before.VolumeIds.Count > 0)
        {
            var taken = await _ec2.FindSnapshotsByTagsAsync(tags, cancellationToken).ConfigureAwait(false);
            var covered = taken.Where(s => (string?)s["State"] != "error").Select(s => (string?)s["VolumeId"]).ToHashSet();
            if (_before.VolumeIds.All(covered.Contains))
            {
                _snapshots = new JsonArray(taken.Select(s => (JsonNode)s.DeepClone()).ToArray());
                return StepResult.AlreadyDone($"every volume already has an evidence snapshot for case {order.CaseId}: {Describe(_snapshots)}");
            }
        }
        var changes = new StepChanges();
        var change = await changes.RunAsync(
            $"crash-consistent snapshots of every volume of {InstanceId}",
            _ec2.CreateSnapshotsOfInstanceAsync(InstanceId, $"Evidence for case {order.CaseId}: crash-consistent snapshot of {InstanceId}", tags, order.DryRun, cancellationToken)).ConfigureAwait(false);
        if (change.Outcome != Outcome.Changed)
        {
            return changes.Result("");
        }
        _snapshots = change.Response["Snapshots"]?.DeepClone() as JsonArray ?? [];
        return StepResult.Done($"{Wording.Count(_snapshots.Count, "crash-consistent snapshot")} started: {Describe(_snapshots)}", change.Response);
    }

    /// <summary>
    /// Tags the instance with the case, the journal's capture time and its digest. An instance already tagged for this
    /// case stays bound to the journal its containment began from, unless this run kept that journal (and filled it in).
    /// </summary>
    private async Task<StepResult> TagAsync()
    {
        var current = _before.TagValue(ContainmentNames.QuarantineTag);
        IReadOnlyList<Ec2Tag> tags = current != order.CaseId ? ContainmentNames.QuarantineTags(_journal!)
            : _keptEarlierJournal ? ContainmentNames.QuarantineTags(_journal!).Where(t => _before.TagValue(t.Key) != t.Value).ToList()
            : [];
        if (tags.Count == 0)
        {
            return StepResult.AlreadyDone($"already tagged {ContainmentNames.QuarantineTag}={order.CaseId}");
        }
        var was = current is null || current == order.CaseId ? "" : $" (was {current})";
        var changes = new StepChanges();
        await changes.RunAsync(string.Join(", ", tags.Select(t => $"{t.Key}={t.Value}")) + was, _ec2.CreateTagsAsync([InstanceId], tags, order.DryRun, cancellationToken)).ConfigureAwait(false);
        return changes.Result("");
    }

    private async Task<StepResult> RemoveProfileAsync()
    {
        var association = _before.InstanceProfileArn is null ? null : await _ec2.DescribeInstanceProfileAssociationAsync(InstanceId, cancellationToken).ConfigureAwait(false);
        if (association is null)
        {
            return StepResult.AlreadyDone("has no instance profile");
        }
        var changes = new StepChanges();
        await changes.RunAsync($"instance profile {association.InstanceProfileArn} → none", _ec2.DisassociateInstanceProfileAsync(association.AssociationId, order.DryRun, cancellationToken)).ConfigureAwait(false);
        return changes.Result("");
    }

    private void Report(ActionResult result)
    {
        var steps = _run.Steps;
        result.AddData(new JsonObject
        {
            ["InstanceId"] = InstanceId,
            ["CaseId"] = order.CaseId,
            ["DryRun"] = order.DryRun,
            ["AlreadyContained"] = _journal!.AlreadyContained,
            ["Steps"] = _run.ToJson(),
            ["Snapshots"] = _snapshots.DeepClone(),
            ["Isolation"] = _isolation?.DeepClone(),
            ["JournalPath"] = order.JournalPath,
            ["Journal"] = _journal.ToJson(),
        });
        PlaybookReport.Summarize(_run, result);
        result.Summary["already_contained"] = _journal.AlreadyContained;
        result.Summary["snapshots"] = _snapshots.Count;
        result.Summary["dry_run"] = order.DryRun;

        if (order.DryRun)
        {
            var refused = steps.Where(s => s.Status == Outcome.Failed).Select(s => s.Name).ToList();
            // An endpoint that ignores DryRun applies the change: such a step is counted as made, never as "nothing changed".
            var applied = steps.Where(s => s.Status == Outcome.Changed && s.Name is not (Capture or SaveJournal)).Select(s => s.Name).ToList();
            PlaybookReport.Conclude(result, refused.Count == 0, $"Dry run for {InstanceId}, {(applied.Count == 0 ? "nothing was changed" : $"{Listed(applied, "APPLIED all the same")}")}: {Wording.Count(steps.Count(s => s.Status == Outcome.WouldChange), "step")} would succeed, "
                + $"{steps.Count(s => s.Status == Outcome.Unchanged)} need no change, {Listed(refused, "not permitted")}, "
                + Listed(steps.Where(s => s.Status == Outcome.NotStarted).Select(s => s.Name).ToList(), "not checked"));
            return;
        }
        var journalAt = steps.Any(s => s.Name == SaveJournal && s.Status != Outcome.Failed) ? $"journal at {order.JournalPath}"
            : _journal.AlreadyContained ? "the journal in the result data records the contained state, so revert with the journal of the first run"
            : "journal in the result data";
        PlaybookReport.Conclude(
            _run,
            result,
            [Capture, SaveJournal],
            incomplete: steps => $"Containment of {InstanceId} for case {order.CaseId} is incomplete: {steps}; {journalAt}",
            unchanged: $"Instance {InstanceId} was already contained for case {order.CaseId}: nothing was changed; {journalAt}",
            completed: steps => $"Contained {InstanceId} for case {order.CaseId}: {steps}; {journalAt}");
    }

    private static string Listed(IReadOnlyList<string> steps, string what) => steps.Count == 0 ? $"0 {what}" : $"{steps.Count} {what} ({string.Join(", ", steps)})";

    private static StepResult NotChecked(string message) => new(Outcome.NotStarted, "dry run, not checked: " + message);

    private static string Describe(JsonArray snapshots) =>
        string.Join(", ", snapshots.Select(s => $"{(string?)s?["SnapshotId"]} of {(string?)s?["VolumeId"]}"));
}
