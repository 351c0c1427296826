using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Playbooks;

/// <summary>
/// revert containment: restores exactly what a contain instance journal recorded, given as a file
/// (<c>journal_path</c>) or as its JSON (<c>journal</c>), and reports drift (see <see cref="ContainmentRevert"/>).
/// </summary>
public sealed class RevertContainmentAction : IAwsAction<RevertContainmentParameters>
{
    /// <summary>
    /// Where containment acted, read from the journal before any AWS call: its region, and the role it acted through
    /// when it recorded one. A region, role_arn or external_id parameter that says otherwise is refused.
    /// </summary>
    public CommonParameters ReachOf(RevertContainmentParameters parameters, LocalFiles files, ValueRules rules)
    {
        // The journal is read here and again when the action runs: it is small and read safely.
        var journal = JournalOf(parameters, files, rules);
        var given = parameters.Common;
        Contradicts("region", given.Region, journal.Region, journal);
        Contradicts("role_arn", given.RoleArn, journal.RoleArn, journal);
        Contradicts("external_id", given.ExternalId, journal.ExternalId, journal);
        return new CommonParameters(journal.Region, journal.RoleArn ?? given.RoleArn, journal.ExternalId ?? given.ExternalId);
    }

    public Task RunAsync(ActionContext context, RevertContainmentParameters parameters, CancellationToken cancellationToken)
    {
        var journal = JournalOf(parameters, context.Files, context.Rules);
        if (journal.Region != context.Aws.Asset.Region)
        {
            throw new ActionFailedException($"The journal changed while revert read it: it now says region {journal.Region}, not {context.Aws.Asset.Region}; nothing was sent to AWS");
        }
        var order = new RevertOrder(journal, parameters.RemoveQuarantineTags, parameters.DeleteSnapshots, parameters.RemoveRoleSessionRevocation, parameters.Force);
        return new ContainmentRevert(context.Aws, order, cancellationToken).RunAsync(context.Result);
    }

    private static void Contradicts(string parameter, string? given, string? journaled, ContainmentJournal journal)
    {
        if (given is not null && journaled is not null && given != journaled)
        {
            throw new ActionFailedException($"Parameter {parameter} is {given}, but the journal says the containment of {journal.InstanceId} was made with {parameter} {journaled}, and it is reverted as it was made: leave {parameter} out; nothing was sent to AWS");
        }
    }

    private static ContainmentJournal JournalOf(RevertContainmentParameters parameters, LocalFiles files, ValueRules rules)
    {
        var journal = (parameters.JournalPath, parameters.Journal) switch
        {
            ({ } path, null) => ContainmentJournal.Load(files.Journal("journal_path", path), rules) ?? throw new ActionFailedException($"There is no journal at journal_path {path}; nothing was sent to AWS"),
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
