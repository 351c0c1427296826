using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Ec2;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Containment;

/// <summary>
/// One kind of change containment makes to an instance, written once: <see cref="ContainAsync"/> plans from the
/// state read before containment and applies only what differs; <see cref="UndoAsync"/> puts back what the journal
/// recorded, under <see cref="UndoRules"/>, from the state read just before. contain instance runs these steps in
/// its order, revert containment runs their undos in its own (<see cref="InstanceSteps"/>); each step's outcome is
/// one <see cref="StepResult"/>.
/// </summary>
/// <param name="name">The step's name in contain instance's result (<c>Steps.*.step</c>).</param>
/// <param name="undoName">The undo's name in revert containment's result.</param>
/// <param name="sections">
/// The parts of <see cref="InstanceState"/> the step decides from: not read before containment, the step is not
/// attempted (its change could not be reverted); not recorded, or not read now, its undo is not attempted.
/// </param>
internal abstract class InstanceStep(string name, string undoName, IReadOnlyList<string> sections)
{
    public string Name => name;

    public string UndoName => undoName;

    public IReadOnlyList<string> Sections => sections;

    /// <summary>What the undo decides from, when it differs from what the change does.</summary>
    public virtual IReadOnlyList<string> UndoSections => Sections;

    public abstract Task<StepResult> ContainAsync(ContainScope scope);

    public abstract Task<StepResult> UndoAsync(UndoScope scope);

    /// <summary>A dry run that cannot ask AWS (Auto Scaling, Elastic Load Balancing and IAM have no dry run).</summary>
    protected static StepResult NotChecked(string message) => new(Outcome.NotStarted, "dry run, not checked: " + message);
}

/// <summary>What a responder asked contain instance to do, with the role the set acts through (for revert to act through again).</summary>
internal sealed record ContainOrder(string InstanceId, string CaseId, string IsolationGroup, string? JournalPath, bool DryRun, bool RemoveInstanceProfile, bool RevokeRoleSessions, string? RoleArn, string? ExternalId, ValueRules Rules);

/// <summary>What a containing step acts on: the instance as read before containment, the order, and the journal of this run.</summary>
internal sealed record ContainScope(AwsSession Aws, IEc2Client Ec2, ContainOrder Order, InstanceState Before, ContainmentJournal Journal, bool KeptEarlierJournal, CancellationToken CancellationToken)
{
    public string InstanceId => Order.InstanceId;
}

/// <summary>
/// What an undo acts on: the journal (its <see cref="Recorded"/> state before containment), the instance as read now,
/// whether drift may be overwritten, and where drift found is reported.
/// </summary>
internal sealed record UndoScope(AwsSession Aws, IEc2Client Ec2, ContainmentJournal Journal, InstanceState Now, bool Force, Action<string> Drift, CancellationToken CancellationToken)
{
    public InstanceState Recorded => Journal.State;

    public string InstanceId => Journal.InstanceId;

    public void NoteDrift(bool found, string what)
    {
        if (found)
        {
            Drift(what);
        }
    }

    /// <summary>
    /// Rules (2) and (3) of <see cref="UndoRules"/> (a journal written by a re-run was refused when it was read), with
    /// the drift found reported whether or not force overwrites it.
    /// </summary>
    public UndoVerdict Judge<T>(UndoSubject<T> subject)
    {
        var undo = UndoRules.Judge(subject, Force);
        NoteDrift(undo.Drift is not null, undo.Drift!);
        return undo;
    }
}
