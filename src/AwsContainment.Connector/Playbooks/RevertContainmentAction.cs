using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Playbooks;

/// <summary>
/// revert containment: restores exactly what a contain instance journal recorded, given as a file
/// (<c>journal_path</c>) or as its JSON (<c>journal</c>), and reports drift (see <see cref="ContainmentRevert"/>).
/// </summary>
public sealed class RevertContainmentAction : IAwsAction<RevertContainmentParameters>
{
    // The journal is read here, before any AWS call, and again when the action runs: it is small and read safely.
    public void CheckLocalFiles(RevertContainmentParameters parameters, ValueRules rules) => JournalOf(parameters, rules);

    public Task RunAsync(ActionContext context, RevertContainmentParameters parameters, CancellationToken cancellationToken)
    {
        var journal = JournalOf(parameters, context.Rules);
        var order = new RevertOrder(journal, parameters.RemoveQuarantineTags, parameters.DeleteSnapshots, parameters.RemoveRoleSessionRevocation);
        return new ContainmentRevert(context.Aws, order, cancellationToken).RunAsync(context.Result);
    }

    private static ContainmentJournal JournalOf(RevertContainmentParameters parameters, ValueRules rules)
    {
        var journal = (parameters.JournalPath, parameters.Journal) switch
        {
            ({ } path, null) => ContainmentJournal.Load(path, rules) ?? throw new ActionFailedException($"There is no journal at journal_path {path}; nothing was sent to AWS"),
            (null, { } json) => ContainmentJournal.Parse(json, "The journal parameter", rules),
            _ => throw new ActionFailedException("Give either journal_path or journal (the journal contain instance wrote), not both and not neither; nothing was sent to AWS"),
        };
        if (journal.AlreadyContained)
        {
            throw new ActionFailedException($"This journal of {journal.InstanceId} was written by a run on the already contained instance: it records the contained state, not the state before; revert with the journal of the first run. Nothing was sent to AWS");
        }
        return journal;
    }
}
