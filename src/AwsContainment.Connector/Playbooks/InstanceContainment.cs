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

/// <summary>
/// The contain instance playbook: reads and journals the instance's state, then runs <see cref="InstanceSteps.Containing"/>
/// in order. A step that fails is reported and the next one still runs; a step whose state could not be read first is
/// not attempted (its change could not be reverted).
/// </summary>
internal sealed class InstanceContainment(AwsSession aws, ContainOrder order, CancellationToken cancellationToken)
{
    public const string Capture = "capture";
    public const string SaveJournal = "save_journal";

    private readonly PlaybookRun _run = new(cancellationToken);
    private readonly IEc2Client _ec2 = aws.Ec2();
    private InstanceState _before = new();
    private ContainmentJournal? _journal;
    private bool _keptEarlierJournal;
    private readonly Dictionary<InstanceStep, StepResult> _results = [];

    private string InstanceId => order.InstanceId;

    private JsonArray Snapshots => ((_results.GetValueOrDefault(InstanceSteps.Snapshots)?.Data as JsonObject)?["Snapshots"] as JsonArray)?.DeepClone() as JsonArray ?? [];

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
        var scope = new ContainScope(aws, _ec2, order, _before, _journal, _keptEarlierJournal, cancellationToken);
        foreach (var step in InstanceSteps.Containing(order.RevokeRoleSessions, order.RemoveInstanceProfile))
        {
            var done = await WhenReadAsync(step.Name, step.Sections, async () => _results[step] = await step.ContainAsync(scope).ConfigureAwait(false)).ConfigureAwait(false);
            if (step == InstanceSteps.Network && done && !order.DryRun)
            {
                // Contained on the network: this set's later calls let other sets' containment go first.
                result.MarkIsolated();
                RateGovernor.DeferRestOfFlow();
            }
        }
        Report(result);
    }

    /// <summary>Runs a step only when the state it changes was read: a change whose previous state is unknown could not be reverted.</summary>
    private Task<bool> WhenReadAsync(string step, IReadOnlyList<string> sections, Func<Task<StepResult>> work)
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
            ["Snapshots"] = Snapshots,
            ["Isolation"] = _results.GetValueOrDefault(InstanceSteps.Network)?.Data?.DeepClone(),
            ["JournalPath"] = order.JournalPath,
            ["Journal"] = _journal.ToJson(),
        });
        PlaybookReport.Summarize(_run, result);
        result.Summary["already_contained"] = _journal.AlreadyContained;
        result.Summary["snapshots"] = Snapshots.Count;
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
}
