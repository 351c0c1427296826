using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Playbooks;

/// <summary>
/// contain instance: the whole isolation playbook for one instance in one action, with a journal of its state
/// before containment that revert containment restores exactly (see <see cref="InstanceContainment"/>).
/// </summary>
public sealed class ContainInstanceAction : IAwsAction
{
    public string Identifier => "contain_instance";

    public void CheckLocalFiles(ParameterSet parameters)
    {
        if (parameters.OptionalString("journal_path") is { } path && !parameters.Bool("dry_run"))
        {
            ContainmentJournal.CheckWritable(path, parameters.Rules);
        }
    }

    public Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var parameters = context.Parameters;
        var order = new ContainOrder(
            parameters.String("instance"),
            parameters.String("case_id"),
            parameters.String("isolation_group"),
            parameters.OptionalString("journal_path"),
            parameters.Bool("dry_run"),
            parameters.Bool("remove_instance_profile"),
            parameters.Bool("revoke_role_sessions"),
            parameters.Rules);
        return new InstanceContainment(context.Aws, order, cancellationToken).RunAsync(context.Result);
    }
}
