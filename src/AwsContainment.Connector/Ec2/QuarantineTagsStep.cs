using AwsContainment.Connector.Containment;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// The quarantine tags: the case, the journal's capture time and its digest, put on before the first change (revert
/// accepts no other journal than the one they name); the undo takes them away or puts back what they replaced.
/// </summary>
internal sealed class QuarantineTagsStep() : InstanceStep("tag_instance", "remove_quarantine_tags", [InstanceState.InstanceSection])
{
    /// <summary>An instance already tagged for this case stays bound to the journal its containment began from, unless this run kept that journal (and filled it in).</summary>
    public override async Task<StepResult> ContainAsync(ContainScope scope)
    {
        var caseId = scope.Order.CaseId;
        var current = scope.Before.TagValue(ContainmentNames.QuarantineTag);
        IReadOnlyList<Ec2Tag> tags = current != caseId ? ContainmentNames.QuarantineTags(scope.Journal)
            : scope.KeptEarlierJournal ? ContainmentNames.QuarantineTags(scope.Journal).Where(t => scope.Before.TagValue(t.Key) != t.Value).ToList()
            : [];
        if (tags.Count == 0)
        {
            return StepResult.AlreadyDone($"already tagged {ContainmentNames.QuarantineTag}={caseId}");
        }
        var was = current is null || current == caseId ? "" : $" (was {current})";
        var changes = new StepChanges();
        await changes.RunAsync(string.Join(", ", tags.Select(t => $"{t.Key}={t.Value}")) + was, scope.Ec2.CreateTagsAsync([scope.InstanceId], tags, scope.Order.DryRun, scope.CancellationToken)).ConfigureAwait(false);
        return changes.Result("");
    }

    /// <summary>A tag another case has set since is left alone.</summary>
    public override async Task<StepResult> UndoAsync(UndoScope scope)
    {
        var ours = ContainmentNames.QuarantineTags(scope.Journal).Where(t => scope.Now.TagValue(t.Key) == t.Value).ToList();
        var restore = ours.Where(t => scope.Recorded.TagValue(t.Key) is not null).Select(t => new Ec2Tag(t.Key, scope.Recorded.TagValue(t.Key)!)).ToList();
        var remove = ours.Where(t => scope.Recorded.TagValue(t.Key) is null).ToList();
        var changes = new StepChanges();
        if (remove.Count > 0)
        {
            await changes.RunAsync("removed " + string.Join(", ", remove.Select(t => t.Key)), scope.Ec2.DeleteTagsAsync([scope.InstanceId], remove, false, scope.CancellationToken)).ConfigureAwait(false);
        }
        if (restore.Count > 0)
        {
            await changes.RunAsync("put back " + string.Join(", ", restore.Select(t => $"{t.Key}={t.Value}")), scope.Ec2.CreateTagsAsync([scope.InstanceId], restore, false, scope.CancellationToken)).ConfigureAwait(false);
        }
        return changes.Result($"no quarantine tag of case {scope.Journal.CaseId} left on the instance");
    }
}
