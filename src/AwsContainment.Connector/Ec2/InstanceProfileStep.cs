using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// Removes the instance profile (when asked), so nothing on the instance gets its role's credentials again; the undo
/// associates it again only when containment removed it and the instance has none now.
/// </summary>
internal sealed class InstanceProfileStep() : InstanceStep("remove_instance_profile", "restore_instance_profile", [InstanceState.InstanceSection])
{
    public override async Task<StepResult> ContainAsync(ContainScope scope)
    {
        var association = scope.Before.InstanceProfileArn is null ? null : await scope.Ec2.DescribeInstanceProfileAssociationAsync(scope.InstanceId, scope.CancellationToken).ConfigureAwait(false);
        if (association is null)
        {
            return StepResult.AlreadyDone("has no instance profile");
        }
        var changes = new StepChanges();
        await changes.RunAsync($"instance profile {association.InstanceProfileArn} → none", scope.Ec2.DisassociateInstanceProfileAsync(association.AssociationId, scope.Order.DryRun, scope.CancellationToken)).ConfigureAwait(false);
        return changes.Result("");
    }

    /// <summary>Associating a profile grants its role, so any other difference is drift, reported and left.</summary>
    public override async Task<StepResult> UndoAsync(UndoScope scope)
    {
        var want = scope.Recorded.InstanceProfileArn;
        var have = scope.Now.InstanceProfileArn;
        if (want == have)
        {
            return StepResult.AlreadyDone(want is null ? "had no instance profile before containment" : $"already has instance profile {want}");
        }
        if (want is null)
        {
            scope.NoteDrift(true, $"instance profile {have} was associated since containment; left as it is");
            return StepResult.AlreadyDone("had no instance profile before containment");
        }
        var removed = scope.Journal.RemoveInstanceProfile;
        scope.NoteDrift(have != (removed ? null : want), $"instance profile is {have ?? "none"}, neither the journal's nor what containment left");
        if (!removed)
        {
            throw new ActionFailedException($"containment did not remove instance profile {want}, so it was not associated again: the instance has {have ?? "none"}, changed since containment");
        }
        if (have is not null)
        {
            throw new ActionFailedException($"instance profile {have} was associated since containment removed {want}, so {want} was not put back over it");
        }
        var changes = new StepChanges();
        await changes.RunAsync($"instance profile none → {want}", scope.Ec2.AssociateInstanceProfileAsync(scope.InstanceId, want, false, scope.CancellationToken)).ConfigureAwait(false);
        return changes.Result("");
    }
}
