using System.Text.Json.Nodes;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// How disable and enable instance termination set an instance's termination protection: read it, change it only
/// when it differs, and keep the setting before in the result (<c>PreviousValue</c>, whence the undo takes it).
/// </summary>
internal static class TerminationProtectionChange
{
    /// <param name="target">The setting wanted, from the setting now (the undo's rules may refuse here).</param>
    public static async Task RunAsync(ActionContext context, string instanceId, bool dryRun, Func<bool, bool> target, CancellationToken cancellationToken)
    {
        var ec2 = context.Aws.Ec2();
        var before = await ec2.DescribeTerminationProtectionAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var wanted = target(before.Enabled);
        // InstanceId and DisableApiTermination as EC2's DescribeInstanceAttribute shows them now; PreviousValue is the runner's.
        var about = new JsonObject
        {
            ["InstanceId"] = instanceId,
            ["DisableApiTermination"] = new JsonObject { ["Value"] = wanted },
            ["PreviousValue"] = before.Enabled,
        };
        if (before.Enabled == wanted)
        {
            context.Result.AddData(Reporting.Item(about, before.Metadata));
            context.Result.Finish(true, $"Termination protection was already {OnOff(wanted)} for {instanceId}; nothing changed");
            return;
        }
        var change = (await ec2.SetApiTerminationDisabledAsync(instanceId, wanted, dryRun, cancellationToken).ConfigureAwait(false)).ThrowIfNotPermitted();
        context.Result.AddData(Reporting.Item(about, change.Response));
        context.Result.Finish(true, dryRun
            ? $"Dry run: turning {OnOff(wanted)} termination protection for {instanceId} would succeed; nothing changed"
            : $"Termination protection turned {OnOff(wanted)} for {instanceId} (it was {OnOff(before.Enabled)})");
    }

    private static string OnOff(bool on) => on ? "on" : "off";
}
