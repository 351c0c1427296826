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
/// Reverts a containment to exactly what its journal recorded: reads the instance now, checks that containment of
/// this case began from this journal, then runs each step's undo in <see cref="InstanceSteps.Reverting"/>'s order.
/// Drift is state that is neither what the journal recorded nor what containment set: someone changed it since; it
/// is reported, and left unless <c>force</c> where <see cref="UndoRules"/> say so.
/// </summary>
internal sealed class ContainmentRevert(AwsSession aws, RevertOrder order, CancellationToken cancellationToken)
{
    public const string Capture = "capture_current_state";

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
        var scope = new UndoScope(aws, _ec2, Journal, _now, order.Force, what => NoteDrift(true, what), cancellationToken);
        foreach (var step in InstanceSteps.Reverting(order.RemoveSessionRevocation, order.RemoveQuarantineTags, order.DeleteSnapshots))
        {
            await WhenReadAsync(step.UndoName, step.UndoSections, () => step.UndoAsync(scope)).ConfigureAwait(false);
        }
        Report(result);
    }

    /// <summary>Runs a step when the journal recorded its sections and their current state was read (the read sections are the same names).</summary>
    private Task WhenReadAsync(string step, IReadOnlyList<string> sections, Func<Task<StepResult>> work)
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
}
