using System.Text.Json.Nodes;
using AwsContainment.Connector.AutoScaling;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Ec2;
using AwsContainment.Connector.Iam;
using AwsContainment.Connector.LoadBalancing;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Playbooks;

/// <summary>What a responder asked revert containment to do.</summary>
internal sealed record RevertOrder(ContainmentJournal Journal, bool RemoveQuarantineTags, bool DeleteSnapshots, bool RemoveSessionRevocation, bool Force);

/// <summary>
/// Reverts a containment to exactly what its journal recorded, in the reverse of containment's order: each
/// interface's security groups, the Auto Scaling group, load balancer and target group registrations (with ports),
/// the instance profile, the metadata options, then termination protection and shutdown behaviour last, so the
/// instance stays protected until everything else is back. Snapshots, quarantine tags and the role's session
/// revocation stay unless asked (removing the revocation lets the role's older unexpired sessions work again). Drift is state that
/// is neither what the journal recorded nor what containment set: someone changed it since; it is reported, and the
/// security groups and metadata options follow <see cref="UndoRules"/>: drifted, they are left unless <c>force</c>.
/// </summary>
internal sealed class ContainmentRevert(AwsSession aws, RevertOrder order, CancellationToken cancellationToken)
{
    public const string Capture = "capture_current_state";
    public const string RestoreNetwork = "restore_network_interfaces";
    public const string Reattach = "reattach_to_auto_scaling_group";
    public const string Reregister = "reregister_with_load_balancers";
    public const string RestoreProfile = "restore_instance_profile";
    public const string RestoreMetadata = "restore_instance_metadata";
    public const string RestoreProtection = "restore_protection";
    public const string RemoveRevocation = "remove_role_session_revocation";
    public const string RemoveTags = "remove_quarantine_tags";
    public const string DeleteSnapshots = "delete_snapshots";

    private readonly PlaybookRun _run = new(cancellationToken);
    private readonly IEc2Client _ec2 = aws.Ec2();
    private readonly List<string> _drift = [];
    private InstanceState _now = new();

    private ContainmentJournal Journal => order.Journal;

    private InstanceState Before => order.Journal.State;

    private string InstanceId => order.Journal.InstanceId;

    public async Task RunAsync(ActionResult result)
    {
        await _run.StepAsync(Capture, CaptureAsync).ConfigureAwait(false);
        _now.ThrowIfInstanceNotFound();
        if (Unbound() is { } refusal)
        {
            throw new ActionFailedException(refusal);
        }
        await WhenReadAsync(RestoreNetwork, [InstanceState.InstanceSection], RestoreNetworkAsync).ConfigureAwait(false);
        await WhenReadAsync(Reattach, [InstanceState.AutoScalingSection], ReattachAsync).ConfigureAwait(false);
        await WhenReadAsync(Reregister, [InstanceState.ClassicSection, InstanceState.TargetGroupsSection], ReregisterAsync).ConfigureAwait(false);
        await WhenReadAsync(RestoreProfile, [InstanceState.InstanceSection], RestoreProfileAsync).ConfigureAwait(false);
        await WhenReadAsync(RestoreMetadata, [InstanceState.InstanceSection], RestoreMetadataAsync).ConfigureAwait(false);
        await WhenReadAsync(RestoreProtection, [InstanceState.TerminationSection, InstanceState.ShutdownSection], RestoreProtectionAsync).ConfigureAwait(false);
        if (order.RemoveSessionRevocation)
        {
            await _run.StepAsync(RemoveRevocation, RemoveRevocationAsync).ConfigureAwait(false);
        }
        if (order.RemoveQuarantineTags)
        {
            await WhenReadAsync(RemoveTags, [InstanceState.InstanceSection], RemoveTagsAsync).ConfigureAwait(false);
        }
        if (order.DeleteSnapshots)
        {
            await _run.StepAsync(DeleteSnapshots, DeleteSnapshotsAsync).ConfigureAwait(false);
        }
        Report(result);
    }

    /// <summary>Runs a step when the journal recorded its sections and their current state was read (the read sections are the same names).</summary>
    private Task WhenReadAsync(string step, string[] sections, Func<Task<StepResult>> work)
    {
        var unknown = sections.Where(s => !Before.Has(s)).Select(s => $"the journal did not record {s}")
            .Concat(sections.Where(s => !_now.Has(s)).Select(s => $"the current {s} could not be read"))
            .ToList();
        return _run.StepUnlessAsync(step, unknown.Count == 0 ? null : string.Join("; ", unknown), work);
    }

    /// <summary>
    /// Why this journal must not be acted on, or null. Containment tags the instance with its case and its journal's
    /// digest before changing anything, and only AWS holds those tags: revert acts only on an instance so tagged, and
    /// only with that journal, so a journal anyone else wrote or changed, naming any instance, changes nothing.
    /// </summary>
    private string? Unbound()
    {
        if (!_now.Has(InstanceState.InstanceSection))
        {
            return $"The tags of {InstanceId} could not be read ({_now.NotCaptured[InstanceState.InstanceSection]}), so it is not known that containment of case {Journal.CaseId} began from this journal; nothing was changed";
        }
        var quarantine = _now.TagValue(ContainmentNames.QuarantineTag);
        if (quarantine != Journal.CaseId)
        {
            var tag = quarantine is null ? "has no quarantine tag" : $"is tagged {ContainmentNames.QuarantineTag}={quarantine}";
            return $"{InstanceId} {tag}, so containment of case {Journal.CaseId} did not begin on it from this journal; nothing was changed";
        }
        return _now.TagValue(ContainmentNames.QuarantineJournalTag) == Journal.Digest()
            ? null
            : $"{InstanceId} was contained for case {Journal.CaseId} from another journal than this one (its {ContainmentNames.QuarantineJournalTag} tag names another digest): revert with the journal containment began from, at its journal_path or in its first run's result data; nothing was changed";
    }

    private async Task<StepResult> CaptureAsync()
    {
        _now = await InstanceState.ReadAsync(aws, InstanceId, withLoadBalancers: false, cancellationToken).ConfigureAwait(false);
        if (_now.Instance is not null && Before.Instance is not null)
        {
            NoteDrift(Before.StateName != _now.StateName, $"instance state was {Before.StateName} and is now {_now.StateName}");
            var added = _now.VolumeIds.Except(Before.VolumeIds).ToList();
            var removed = Before.VolumeIds.Except(_now.VolumeIds).ToList();
            NoteDrift(added.Count > 0, $"volumes attached since containment: {string.Join(", ", added)}");
            NoteDrift(removed.Count > 0, $"volumes detached since containment: {string.Join(", ", removed)}");
            var newInterfaces = _now.NetworkInterfaces.Select(n => n.NetworkInterfaceId).Except(Before.NetworkInterfaces.Select(n => n.NetworkInterfaceId)).ToList();
            NoteDrift(newInterfaces.Count > 0, $"network interfaces attached since containment, left as they are: {string.Join(", ", newInterfaces)}");
        }
        return _now.NotCaptured.Count == 0
            ? StepResult.Done($"read {_now.StateName} instance with {Wording.Count(_now.NetworkInterfaces.Count, "network interface")}, journal of case {Journal.CaseId} captured {Journal.CapturedAt}")
            : PlaybookReport.NotRead(_now);
    }

    private async Task<StepResult> RestoreNetworkAsync()
    {
        var contained = new[] { Journal.IsolationGroup, Journal.IsolationGroup + ContainmentNames.UntrackedSuffix };
        var outcomes = new ItemOutcomes();
        await Task.WhenAll(Before.NetworkInterfaces.Select(journaled =>
        {
            var id = journaled.NetworkInterfaceId;
            var now = _now.NetworkInterfaces.FirstOrDefault(n => n.NetworkInterfaceId == id);
            if (now is null)
            {
                NoteDrift(true, $"{id} is no longer attached to the instance");
                outcomes.Reject(id, "no longer attached to the instance, so its security groups were not restored");
                return Task.CompletedTask;
            }
            var undo = Judge(SecurityGroupRef.Undo(id, journaled.Groups, now.Groups, groups => groups.Count == 1 && contained.Contains(groups[0].GroupName)));
            if (undo.Refusal is { } refusal)
            {
                outcomes.Reject(id, refusal);
                return Task.CompletedTask;
            }
            if (!undo.Restore)
            {
                return Task.CompletedTask;
            }
            var want = journaled.Groups.Select(g => g.GroupId).ToList();
            var over = undo.Drift is null ? "" : ", over a change made since containment";
            return outcomes.RunAsync($"{id} → {SecurityGroupRef.Text(journaled.Groups)}{over}", async () => (await _ec2.SetNetworkInterfaceSecurityGroupsAsync(id, want, false, cancellationToken).ConfigureAwait(false)).Response);
        })).ConfigureAwait(false);
        return ItemSteps.Result(outcomes, "restored the security groups of", "every network interface already has the security groups the journal recorded");
    }

    private async Task<StepResult> ReattachAsync()
    {
        var now = _now.AutoScalingGroup;
        if (Before.AutoScalingGroup is not { } journaled)
        {
            NoteDrift(now is not null, $"now in Auto Scaling group {now?.AutoScalingGroupName}, which the journal did not record; left there");
            return StepResult.AlreadyDone("was in no Auto Scaling group before containment");
        }
        var name = journaled.AutoScalingGroupName;
        if (now is { Leaving: false })
        {
            if (now.AutoScalingGroupName == name)
            {
                return StepResult.AlreadyDone($"already in Auto Scaling group {name}");
            }
            NoteDrift(true, $"now in Auto Scaling group {now.AutoScalingGroupName}, not {name}");
            throw new ActionFailedException($"now in Auto Scaling group {now.AutoScalingGroupName}, and an instance belongs to one group only, so it was not attached to {name}");
        }
        if (now is not null)
        {
            throw new ActionFailedException($"still leaving Auto Scaling group {now.AutoScalingGroupName} ({now.LifecycleState}); run revert again once it has left");
        }
        var standby = journaled.LifecycleState == "Standby" ? "; it was in Standby before containment and is attached InService" : "";
        var (answer, note) = await aws.AutoScaling().AttachAsync(name, InstanceId, cancellationToken).ConfigureAwait(false);
        return StepResult.Done($"attached to Auto Scaling group {name} again, which raises its desired capacity by one{standby}{note}", answer);
    }

    private async Task<StepResult> ReregisterAsync()
    {
        var loadBalancing = aws.LoadBalancing();
        var outcomes = await JournaledRegistrations.EachAsync(
            Before.ClassicLoadBalancers,
            Before.TargetGroups,
            name => loadBalancing.RegisterAgainWithClassicAsync(name, InstanceId, cancellationToken),
            group => loadBalancing.RegisterAgainAsync(group, cancellationToken)).ConfigureAwait(false);
        return ItemSteps.Result(outcomes, "registered again with", "was registered with no classic load balancer or target group before containment");
    }

    /// <summary>
    /// Puts back only the instance profile containment took away: the journal says it was asked to, and the instance
    /// has none now. Associating a profile grants its role, so any other difference is drift, reported and left.
    /// </summary>
    private async Task<StepResult> RestoreProfileAsync()
    {
        var want = Before.InstanceProfileArn;
        var have = _now.InstanceProfileArn;
        if (want == have)
        {
            return StepResult.AlreadyDone(want is null ? "had no instance profile before containment" : $"already has instance profile {want}");
        }
        if (want is null)
        {
            NoteDrift(true, $"instance profile {have} was associated since containment; left as it is");
            return StepResult.AlreadyDone("had no instance profile before containment");
        }
        NoteDrift(have != (Journal.RemoveInstanceProfile ? null : want), $"instance profile is {have ?? "none"}, neither the journal's nor what containment left");
        if (!Journal.RemoveInstanceProfile)
        {
            throw new ActionFailedException($"containment did not remove instance profile {want}, so it was not associated again: the instance has {have ?? "none"}, changed since containment");
        }
        if (have is not null)
        {
            throw new ActionFailedException($"instance profile {have} was associated since containment removed {want}, so {want} was not put back over it");
        }
        var changes = new StepChanges();
        await changes.RunAsync($"instance profile none → {want}", _ec2.AssociateInstanceProfileAsync(InstanceId, want, false, cancellationToken)).ConfigureAwait(false);
        return changes.Result("");
    }

    private async Task<StepResult> RestoreMetadataAsync()
    {
        if (InstanceMetadataOptions.Of(Before.Instance) is not { } want)
        {
            return StepResult.AlreadyDone("the journal did not record metadata options, so there are none to restore");
        }
        var have = InstanceMetadataOptions.Of(_now.Instance)
            ?? throw new ActionFailedException("EC2 did not return the instance's current metadata options, so they were not restored");
        // Contain instance locks the options and never turns the endpoint off.
        var undo = Judge(InstanceMetadataOptions.Undo(InstanceId, want, have, options => options == want.Locked(disableEndpoint: false))).ThrowIfRefused();
        if (!undo.Restore)
        {
            return StepResult.AlreadyDone($"metadata options already as the journal recorded: {want}");
        }
        var changes = new StepChanges();
        var over = undo.Drift is null ? "" : ", over a change made since containment";
        await changes.RunAsync(have.ChangesTo(want) + over, _ec2.SetMetadataOptionsAsync(InstanceId, want, false, cancellationToken)).ConfigureAwait(false);
        return changes.Result("");
    }

    /// <summary>
    /// Rules (2) and (3) of <see cref="UndoRules"/> (a journal written by a re-run was refused when it was read),
    /// with the drift found reported whether or not force overwrites it.
    /// </summary>
    private UndoVerdict Judge<T>(UndoSubject<T> subject)
    {
        var undo = UndoRules.Judge(subject, order.Force);
        if (undo.Drift is { } drift)
        {
            NoteDrift(true, drift);
        }
        return undo;
    }

    /// <summary>
    /// Takes this case's statement out of the role's revocation. Another open case whose instance shares the role
    /// keeps its own, and with it the policy: only the last owner removes it.
    /// </summary>
    private async Task<StepResult> RemoveRevocationAsync()
    {
        if (Before.InstanceProfileArn is not { } profileArn)
        {
            return StepResult.AlreadyDone("had no instance profile before containment, so no role sessions were revoked");
        }
        var iam = aws.Iam();
        if (await InstanceRoleSessions.FindAsync(iam, profileArn, cancellationToken).ConfigureAwait(false) is not { } role)
        {
            return StepResult.AlreadyDone($"instance profile {profileArn} holds no role");
        }
        var release = await InstanceRoleSessions.ReleaseAsync(iam, role.RoleName, Journal.CaseId, cancellationToken).ConfigureAwait(false);
        if (release.Removed is null)
        {
            var held = release.StillHeldFor is { } holders ? $"; {SessionRevocation.PolicyName} stays, still held for {holders}" : "";
            return StepResult.AlreadyDone($"role {role.RoleName} holds no session revocation of case {Journal.CaseId}{held}");
        }
        var cutoff = release.RevokedBefore is { } at ? SessionRevocation.Text(at) : "its cut-off";
        return release.StillHeldFor is { } others
            ? StepResult.Done($"removed the session revocation of case {Journal.CaseId} (sessions issued before {cutoff}) from role {role.RoleName}; {SessionRevocation.PolicyName} stays, still held for {others}", release.Removed)
            : StepResult.Done($"removed {SessionRevocation.PolicyName} from role {role.RoleName}: its sessions issued before {cutoff} that have not expired work again", release.Removed);
    }

    private async Task<StepResult> RestoreProtectionAsync()
    {
        var changes = new StepChanges();
        if (Before.TerminationProtection is { } protection && _now.TerminationProtection != protection)
        {
            NoteDrift(_now.TerminationProtection != true, "termination protection was turned off since containment");
            await changes.RunAsync($"termination protection {OnOff(_now.TerminationProtection)} → {OnOff(protection)}", _ec2.SetApiTerminationDisabledAsync(InstanceId, protection, false, cancellationToken)).ConfigureAwait(false);
        }
        if (Before.ShutdownBehavior is { } behavior && _now.ShutdownBehavior != behavior)
        {
            NoteDrift(_now.ShutdownBehavior != "stop", $"shutdown behaviour was set to {_now.ShutdownBehavior} since containment");
            await changes.RunAsync($"shutdown behaviour {_now.ShutdownBehavior} → {behavior}", _ec2.SetShutdownBehaviorAsync(InstanceId, behavior, false, cancellationToken)).ConfigureAwait(false);
        }
        return changes.Result("termination protection and shutdown behaviour already as the journal recorded");
    }

    /// <summary>Takes away the tags containment put on, or puts back what they replaced; a tag another case has set since is left alone.</summary>
    private async Task<StepResult> RemoveTagsAsync()
    {
        var ours = ContainmentNames.QuarantineTags(Journal).Where(t => _now.TagValue(t.Key) == t.Value).ToList();
        var restore = ours.Where(t => Before.TagValue(t.Key) is not null).Select(t => new Ec2Tag(t.Key, Before.TagValue(t.Key)!)).ToList();
        var remove = ours.Where(t => Before.TagValue(t.Key) is null).ToList();
        var changes = new StepChanges();
        if (remove.Count > 0)
        {
            await changes.RunAsync("removed " + string.Join(", ", remove.Select(t => t.Key)), _ec2.DeleteTagsAsync([InstanceId], remove, false, cancellationToken)).ConfigureAwait(false);
        }
        if (restore.Count > 0)
        {
            await changes.RunAsync("put back " + string.Join(", ", restore.Select(t => $"{t.Key}={t.Value}")), _ec2.CreateTagsAsync([InstanceId], restore, false, cancellationToken)).ConfigureAwait(false);
        }
        return changes.Result($"no quarantine tag of case {Journal.CaseId} left on the instance");
    }

    private async Task<StepResult> DeleteSnapshotsAsync()
    {
        var taken = await _ec2.FindSnapshotsByTagsAsync(ContainmentNames.EvidenceTags(Journal.CaseId, InstanceId), cancellationToken).ConfigureAwait(false);
        var outcomes = await ItemOutcomes.RunEachAsync(
            taken.Select(s => (string?)s["SnapshotId"]).OfType<string>(),
            async id =>
            {
                try
                {
                    return (await _ec2.DeleteSnapshotAsync(id, false, cancellationToken).ConfigureAwait(false)).Response;
                }
                catch (Amazon.Runtime.AmazonServiceException gone) when (gone.ErrorCode == "InvalidSnapshot.NotFound")
                {
                    // Just listed, so it is gone: Core retried the delete after a 5xx, or someone else deleted it.
                    return new JsonObject { ["AlreadyDeleted"] = true, ["RequestId"] = gone.RequestId };
                }
            }).ConfigureAwait(false);
        return ItemSteps.Result(outcomes, "deleted evidence snapshots", $"no evidence snapshot of case {Journal.CaseId} left");
    }

    private void NoteDrift(bool found, string what)
    {
        if (found)
        {
            lock (_drift) _drift.Add(what);
        }
    }

    private void Report(ActionResult result)
    {
        // Interfaces are restored in parallel; the drift they find reads the same every time.
        _drift.Sort(StringComparer.Ordinal);
        result.AddData(new JsonObject
        {
            ["InstanceId"] = InstanceId,
            ["CaseId"] = Journal.CaseId,
            ["JournalCapturedAt"] = Journal.CapturedAt,
            ["Steps"] = _run.ToJson(),
            ["Drift"] = new JsonArray(_drift.Select(d => (JsonNode)d).ToArray()),
        });
        PlaybookReport.Summarize(_run, result);
        result.Summary["drift_found"] = _drift.Count;

        var drift = _drift.Count == 0 ? "no drift found" : "drift found: " + string.Join("; ", _drift);
        var evidence = order.RemoveQuarantineTags || order.DeleteSnapshots ? "" : "; snapshots and quarantine tags kept as evidence";
        PlaybookReport.Conclude(
            _run,
            result,
            [Capture],
            incomplete: steps => $"Revert of the containment of {InstanceId} (case {Journal.CaseId}) is incomplete: {steps}; {drift}",
            unchanged: $"Nothing to revert: {InstanceId} already matches its journal of case {Journal.CaseId}; {drift}{evidence}",
            completed: steps => $"Reverted the containment of {InstanceId} (case {Journal.CaseId}) to its journal of {Journal.CapturedAt}: {steps}; {drift}{evidence}");
    }

    private static string OnOff(bool? on) => on switch { true => "on", false => "off", null => "unknown" };
}
