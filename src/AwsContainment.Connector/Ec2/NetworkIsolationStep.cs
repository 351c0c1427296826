using AwsContainment.Connector.Containment;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// Isolates every network interface in the isolation group (through the untracked group, so open connections are
/// cut: <see cref="NetworkIsolation"/>); the undo puts back each interface's recorded security groups, under
/// <see cref="UndoRules"/>.
/// </summary>
internal sealed class NetworkIsolationStep() : InstanceStep("isolate_network", "restore_network_interfaces", [InstanceState.InstanceSection])
{
    public override Task<StepResult> ContainAsync(ContainScope scope) =>
        new NetworkIsolation(scope.Ec2, scope.Order.DryRun, scope.CancellationToken).IsolateAsync(scope.Before, scope.Order.IsolationGroup, scope.Aws.Asset.ForensicsMachine);

    public override async Task<StepResult> UndoAsync(UndoScope scope)
    {
        var isolation = scope.Journal.IsolationGroup;
        var contained = new[] { isolation, isolation + ContainmentNames.UntrackedSuffix };
        var outcomes = new ItemOutcomes();
        await Task.WhenAll(scope.Recorded.NetworkInterfaces.Select(journaled =>
        {
            var id = journaled.NetworkInterfaceId;
            var now = scope.Now.NetworkInterfaces.FirstOrDefault(n => n.NetworkInterfaceId == id);
            if (now is null)
            {
                scope.NoteDrift(true, $"{id} is no longer attached to the instance");
                outcomes.Reject(id, "no longer attached to the instance, so its security groups were not restored");
                return Task.CompletedTask;
            }
            var undo = scope.Judge(SecurityGroupRef.Undo(id, journaled.Groups, now.Groups, groups => groups.Count == 1 && contained.Contains(groups[0].GroupName)));
            if (undo.Refusal is { } refusal)
            {
                outcomes.Reject(id, refusal);
                return Task.CompletedTask;
            }
            if (!undo.Restore)
            {
                return Task.CompletedTask;
            }
            var want = journaled.Groups.Select(g => g.GroupId).ToList();
            var over = undo.Drift is null ? "" : ", over a change made since containment";
            return outcomes.RunAsync($"{id} → {SecurityGroupRef.Text(journaled.Groups)}{over}", async () => (await scope.Ec2.SetNetworkInterfaceSecurityGroupsAsync(id, want, false, scope.CancellationToken).ConfigureAwait(false)).Response);
        })).ConfigureAwait(false);
        return ItemSteps.Result(outcomes, "restored the security groups of", "every network interface already has the security groups the journal recorded");
    }
}
