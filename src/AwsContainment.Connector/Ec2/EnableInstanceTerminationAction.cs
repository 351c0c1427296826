using AwsContainment.Connector.Containment;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// Undoes disable instance termination: turns termination protection off again, under <see cref="UndoRules"/>. A
/// recorded <c>previous_value</c> of true (it was already on) is a re-run's result and is refused; protection that is
/// off already is left alone. On or off, there is no third state for a change made since to be.
/// </summary>
public sealed class EnableInstanceTerminationAction : IAwsAction<EnableInstanceTerminationParameters>
{
    public Task RunAsync(ActionContext context, EnableInstanceTerminationParameters parameters, CancellationToken cancellationToken)
    {
        var instanceId = parameters.Instance;
        var recorded = parameters.PreviousValue;
        // A re-run's result is refused before any call: what it recorded is all there is to judge.
        UndoRules.RefuseRerun(Subject(instanceId, recorded, recorded));
        return TerminationProtectionChange.RunAsync(context, instanceId, parameters.DryRun, current =>
            UndoRules.Judge(Subject(instanceId, recorded, current), force: false).Restore ? recorded : current, cancellationToken);
    }

    private static UndoSubject<bool> Subject(string instanceId, bool recorded, bool current) =>
        new($"the termination protection of {instanceId}", recorded, current, on => on, (one, other) => one == other, on => on ? "on" : "off");
}
