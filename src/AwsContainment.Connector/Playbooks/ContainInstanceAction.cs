using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Playbooks;

/// <summary>
/// contain instance: the whole isolation playbook for one instance in one action, with a journal of its state
/// before containment that revert containment restores exactly (see <see cref="InstanceContainment"/>).
/// </summary>
public sealed class ContainInstanceAction : IAwsAction<ContainInstanceParameters>
{
    public void CheckLocalFiles(ContainInstanceParameters parameters, LocalFiles files, ValueRules rules)
    {
        if (JournalPath(parameters, files) is { } path && !parameters.DryRun)
        {
            ContainmentJournal.CheckWritable(path, rules);
        }
    }

    public Task RunAsync(ActionContext context, ContainInstanceParameters parameters, CancellationToken cancellationToken)
    {
        var order = new ContainOrder(
            parameters.Instance,
            parameters.CaseId,
            parameters.IsolationGroup,
            JournalPath(parameters, context.Files),
            parameters.DryRun,
            parameters.RemoveInstanceProfile,
            parameters.RevokeRoleSessions,
            parameters.Common.RoleArn,
            parameters.Common.ExternalId,
            context.Rules);
        return new InstanceContainment(context.Aws, order, cancellationToken).RunAsync(context.Result);
    }

    private static string? JournalPath(ContainInstanceParameters parameters, LocalFiles files) =>
        parameters.JournalPath is { } path ? files.Journal("journal_path", path) : null;
}
