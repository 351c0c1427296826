using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// Locks the instance metadata service (IMDSv2 tokens required, one hop; the endpoint stays on, so the instance keeps
/// working); the undo puts back the recorded options, under <see cref="UndoRules"/>.
/// </summary>
internal sealed class MetadataLockStep() : InstanceStep("lock_instance_metadata", "restore_instance_metadata", [InstanceState.InstanceSection])
{
    public override async Task<StepResult> ContainAsync(ContainScope scope)
    {
        var options = InstanceMetadataOptions.Of(scope.Before.Instance)
            ?? throw new ActionFailedException("EC2 did not return the instance's metadata options, so they were not changed (they could not be restored)");
        var locked = options.Locked(disableEndpoint: false);
        if (options == locked)
        {
            return StepResult.AlreadyDone($"metadata service already locked: {options}");
        }
        var changes = new StepChanges();
        await changes.RunAsync(options.ChangesTo(locked), scope.Ec2.SetMetadataOptionsAsync(scope.InstanceId, locked, scope.Order.DryRun, scope.CancellationToken)).ConfigureAwait(false);
        return changes.Result("");
    }

    public override async Task<StepResult> UndoAsync(UndoScope scope)
    {
        if (InstanceMetadataOptions.Of(scope.Recorded.Instance) is not { } want)
        {
            return StepResult.AlreadyDone("the journal did not record metadata options, so there are none to restore");
        }
        var have = InstanceMetadataOptions.Of(scope.Now.Instance)
            ?? throw new ActionFailedException("EC2 did not return the instance's current metadata options, so they were not restored");
        // Contain instance locks the options and never turns the endpoint off.
        var undo = scope.Judge(InstanceMetadataOptions.Undo(scope.InstanceId, want, have, options => options == want.Locked(disableEndpoint: false))).ThrowIfRefused();
        if (!undo.Restore)
        {
            return StepResult.AlreadyDone($"metadata options already as the journal recorded: {want}");
        }
        var changes = new StepChanges();
        var over = undo.Drift is null ? "" : ", over a change made since containment";
        await changes.RunAsync(have.ChangesTo(want) + over, scope.Ec2.SetMetadataOptionsAsync(scope.InstanceId, want, false, scope.CancellationToken)).ConfigureAwait(false);
        return changes.Result("");
    }
}
