using AwsContainment.Connector.Containment;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// Keeps the instance, the evidence, from being destroyed: termination protection on and shutdown behaviour stop.
/// The undo puts back what the journal recorded, last of all, so the instance stays protected until everything else
/// is back.
/// </summary>
internal sealed class TerminationProtectionStep() : InstanceStep("protect_instance", "restore_protection", [InstanceState.TerminationSection, InstanceState.ShutdownSection])
{
    public override async Task<StepResult> ContainAsync(ContainScope scope)
    {
        var before = scope.Before;
        var changes = new StepChanges();
        if (before.TerminationProtection != true)
        {
            await changes.RunAsync("termination protection off → on", scope.Ec2.SetApiTerminationDisabledAsync(scope.InstanceId, disabled: true, scope.Order.DryRun, scope.CancellationToken)).ConfigureAwait(false);
        }
        if (before.ShutdownBehavior != "stop")
        {
            await changes.RunAsync($"shutdown behaviour {before.ShutdownBehavior} → stop", scope.Ec2.SetShutdownBehaviorAsync(scope.InstanceId, "stop", scope.Order.DryRun, scope.CancellationToken)).ConfigureAwait(false);
        }
        return changes.Result("termination protection already on and shutdown behaviour already stop");
    }

    public override async Task<StepResult> UndoAsync(UndoScope scope)
    {
        var (recorded, now) = (scope.Recorded, scope.Now);
        var changes = new StepChanges();
        if (recorded.TerminationProtection is { } protection && now.TerminationProtection != protection)
        {
            scope.NoteDrift(now.TerminationProtection != true, "termination protection was turned off since containment");
            await changes.RunAsync($"termination protection {OnOff(now.TerminationProtection)} → {OnOff(protection)}", scope.Ec2.SetApiTerminationDisabledAsync(scope.InstanceId, protection, false, scope.CancellationToken)).ConfigureAwait(false);
        }
        if (recorded.ShutdownBehavior is { } behavior && now.ShutdownBehavior != behavior)
        {
            scope.NoteDrift(now.ShutdownBehavior != "stop", $"shutdown behaviour was set to {now.ShutdownBehavior} since containment");
            await changes.RunAsync($"shutdown behaviour {now.ShutdownBehavior} → {behavior}", scope.Ec2.SetShutdownBehaviorAsync(scope.InstanceId, behavior, false, scope.CancellationToken)).ConfigureAwait(false);
        }
        return changes.Result("termination protection and shutdown behaviour already as the journal recorded");
    }

    private static string OnOff(bool? on) => on switch { true => "on", false => "off", null => "unknown" };
}
