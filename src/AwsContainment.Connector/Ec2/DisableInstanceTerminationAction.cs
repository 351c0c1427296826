using System.Text.Json.Nodes;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// Turns on termination protection, so the instance (the evidence) cannot be terminated through the API. Reads the
/// current setting first: when it is already on nothing is changed, and the result always says what it was before.
/// </summary>
public sealed class DisableInstanceTerminationAction : IAwsAction<DisableInstanceTerminationParameters>
{
    public async Task RunAsync(ActionContext context, DisableInstanceTerminationParameters parameters, CancellationToken cancellationToken)
    {
        var ec2 = context.Aws.Ec2();
        var instanceId = parameters.Instance;
        var dryRun = parameters.DryRun;
        var before = await ec2.DescribeTerminationProtectionAsync(instanceId, cancellationToken).ConfigureAwait(false);
        // InstanceId and DisableApiTermination as EC2's DescribeInstanceAttribute shows them now; PreviousValue is the runner's.
        var about = new JsonObject
        {
            ["InstanceId"] = instanceId,
            ["DisableApiTermination"] = new JsonObject { ["Value"] = true },
            ["PreviousValue"] = before.Enabled,
        };
        if (before.Enabled)
        {
            context.Result.AddData(Reporting.Item(about, before.Metadata));
            context.Result.Finish(true, $"Termination protection was already on for {instanceId}; nothing changed");
            return;
        }
        var change = (await ec2.SetApiTerminationDisabledAsync(instanceId, disabled: true, dryRun, cancellationToken).ConfigureAwait(false)).ThrowIfNotPermitted();
        context.Result.AddData(Reporting.Item(about, change.Response));
        context.Result.Finish(true, dryRun
            ? $"Dry run: turning on termination protection for {instanceId} would succeed; nothing changed"
            : $"Termination protection turned on for {instanceId} (it was off)");
    }
}
