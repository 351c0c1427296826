using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Playbooks;

/// <summary>
/// revert containment: restores exactly what a contain instance journal recorded, given as a file
/// (<c>journal_path</c>) or as its JSON (<c>journal</c>), and reports drift (see <see cref="ContainmentRevert"/>).
/// </summary>
public sealed class RevertContainmentAction : IAwsAction
{
    public string Identifier => "revert_containment";

    // The journal is read here, before any AWS call, and again when the action runs: it is small and read safely.
    public void CheckLocalFiles(ParameterSet parameters) => JournalOf(parameters);

    public Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var parameters = context.Parameters;
        var journal = JournalOf(parameters);
        var order = new RevertOrder(journal, parameters.Bool("remove_quarantine_tags"), parameters.Bool("delete_snapshots"), parameters.Bool("remove_role_session_revocation"));
        return new ContainmentRevert(context.Aws, order, cancellationToken).RunAsync(context.Result);
    }

    private static ContainmentJournal JournalOf(ParameterSet parameters)
    {
        var journal = (parameters.OptionalString("journal_path"), parameters.OptionalString("journal")) switch
        {
            ({ } path, null) => ContainmentJournal.Load(path, parameters.Rules) ?? throw new ActionFailedException($"There is no journal at journal_path {path}; nothing was sent to AWS"),
            (null, { } json) => ContainmentJournal.Parse(json, "The journal parameter", parameters.Rules),
            _ => throw new ActionFailedException("Give either journal_path or journal (the journal contain instance wrote), not both and not neither; nothing was sent to AWS"),
        };
        if (journal.AlreadyContained)
        {
            throw new ActionFailedException($"This journal of {journal.InstanceId} was written by a run on the already contained instance: it records the contained state, not the state before; revert with the journal of the first run. Nothing was sent to AWS");
        }
        return journal;
    }
}
