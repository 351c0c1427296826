namespace AwsContainment.Connector.Ec2;

/// <summary>
/// Turns on termination protection, so the instance (the evidence) cannot be terminated through the API. Reads the
/// current setting first: when it is already on nothing is changed, and the result always says what it was before;
/// enable instance termination undoes it.
/// </summary>
public sealed class DisableInstanceTerminationAction : IAwsAction<DisableInstanceTerminationParameters>
{
    public Task RunAsync(ActionContext context, DisableInstanceTerminationParameters parameters, CancellationToken cancellationToken) =>
        TerminationProtectionChange.RunAsync(context, parameters.Instance, parameters.DryRun, _ => true, cancellationToken);
}
