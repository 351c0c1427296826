using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Ec2;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Containment;

/// <summary>
/// Moves every network interface of an instance into its VPC's isolation group. Changing security groups does not
/// cut connections that are tracked, so each interface first goes to a transit group whose all-traffic rules
/// (0.0.0.0/0 and ::/0, both ways) are untracked, which turns every flow untracked, and then to the isolation
/// group, which then cuts them all at once. Both groups are created in the VPC when missing: the isolation group
/// with no egress and no ingress but from the forensics machine, the transit group open both ways.
/// </summary>
internal sealed class NetworkIsolation(IEc2Client ec2, bool dryRun, CancellationToken cancellationToken)
{
    private static readonly IReadOnlyList<string> Everywhere = ["0.0.0.0/0", "::/0"];

    private readonly StepChanges _changes = new();
    private readonly ItemOutcomes _outcomes = new();

    public async Task<StepResult> IsolateAsync(InstanceState state, string isolationName, string? forensicsMachine)
    {
        if (state.IsIsolatedIn(isolationName))
        {
            return StepResult.AlreadyDone($"every network interface is already in {isolationName} alone");
        }
        var vpcId = state.VpcId ?? throw new ActionFailedException("the instance is in no VPC, so it has no security groups to isolate it with");
        var transitName = isolationName + ContainmentNames.UntrackedSuffix;
        var lookup = ec2.FindSecurityGroupsByNamesAsync(vpcId, [isolationName, transitName], cancellationToken);
        string? forensicsCidr = null;
        // A forensics machine that cannot be found fails the step, but never holds back the isolation itself.
        var forensics = forensicsMachine is null
            ? Task.CompletedTask
            : _outcomes.RunAsync($"forensics machine {forensicsMachine}", async () => { forensicsCidr = await ForensicsCidrAsync(forensicsMachine).ConfigureAwait(false); return ItemResult.Changed(); });
        await Task.WhenAll(lookup, forensics).ConfigureAwait(false);

        var transitGroup = EnsureGroupAsync(lookup.Result, vpcId, new GroupSpec(
            transitName,
            "Containment transit group: all traffic both ways, so connections become untracked before isolation",
            "untracked-transit",
            Everywhere,
            Everywhere,
            Isolates: false,
            "containment transit: untracked"));
        var isolationGroup = EnsureGroupAsync(lookup.Result, vpcId, new GroupSpec(
            isolationName,
            "Containment isolation: no outbound traffic, inbound only from the forensics machine",
            "isolation",
            forensicsCidr is { } cidr ? [cidr] : [],
            [],
            Isolates: true,
            $"forensics machine {forensicsMachine}"));
        await Task.WhenAll(transitGroup, isolationGroup).ConfigureAwait(false);
        var transit = transitGroup.Result;
        var isolation = isolationGroup.Result;

        var interfaces = state.NetworkInterfaces.Where(n => !IsOnlyIn(n, isolation)).ToList();
        await Task.WhenAll(interfaces.Select(n => _outcomes.RunAsync(n.NetworkInterfaceId, () => MoveAsync(n, transit, isolation)))).ConfigureAwait(false);

        var data = new JsonObject
        {
            ["VpcId"] = vpcId,
            ["IsolationGroup"] = isolation.ToJson(),
            ["UntrackedGroup"] = transit.ToJson(),
        };
        if (_outcomes.Failed.Count > 0)
        {
            var failures = string.Join("; ", _outcomes.Failed.Select(f => $"{f.Item}: {f.Reason}"));
            var isolated = state.NetworkInterfaces.Count - _outcomes.Failed.Count(f => interfaces.Any(n => n.NetworkInterfaceId == f.Item));
            return new StepResult(Outcome.Failed, $"{failures}; {isolated} of {state.NetworkInterfaces.Count} network interfaces isolated in {isolationName}", data);
        }
        var result = _changes.Result($"every network interface is already in {isolationName} alone");
        data["Changes"] = result.Data;
        if (result.Status != Outcome.Changed)
        {
            return result with { Data = data };
        }
        var created = new[] { transit, isolation }.Where(g => g.Created).Select(g => g.Name).ToList();
        return StepResult.Done(
            $"{string.Join(", ", interfaces.Select(n => n.NetworkInterfaceId))} → {isolation.Name} ({isolation.Id}) through {transit.Name} ({transit.Id})"
                + (created.Count == 0 ? "" : $"; created {string.Join(" and ", created)} in {vpcId}"),
            data);
    }

    /// <summary>
    /// One interface: into the transit group, then the isolation group; never left in the transit group, which lets
    /// everything in. Once the first move is sent, both moves (or the way back into the interface's own groups) run
    /// under <see cref="Grace"/>: cancelling the run between them would leave the interface wide open. A dry run asks
    /// once, about the move into the isolation group: the same call on the same interface.
    /// </summary>
    private async Task<ItemResult> MoveAsync(Ec2NetworkInterface networkInterface, Group transit, Group isolation)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (dryRun)
        {
            await HopAsync(networkInterface, isolation, cancellationToken).ConfigureAwait(false);
            return new ItemResult(Outcome.WouldChange, null);
        }
        using var grace = Grace.Begin();
        try
        {
            if (!IsOnlyIn(networkInterface, transit))
            {
                await HopAsync(networkInterface, transit, grace.Token).ConfigureAwait(false);
            }
            await HopAsync(networkInterface, isolation, grace.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (AwsErrors.IsAwsFailure(error) || error is OperationCanceledException)
        {
            // Either move may have taken effect before it failed (a 5xx after AWS applied it, a cut connection).
            await RollBackAsync(networkInterface, transit, isolation, error).ConfigureAwait(false);
        }
        return ItemResult.Changed();
    }

    private async Task RollBackAsync(Ec2NetworkInterface networkInterface, Group transit, Group isolation, Exception error)
    {
        var own = networkInterface.Groups.Select(g => g.GroupId).ToList();
        var why = error is OperationCanceledException ? $"the move did not finish within the {Grace.Period.TotalSeconds:0} s grace period" : AwsErrors.Describe(error);
        using var grace = Grace.Begin();
        try
        {
            await ec2.SetNetworkInterfaceSecurityGroupsAsync(networkInterface.NetworkInterfaceId, own, false, grace.Token).ConfigureAwait(false);
        }
        catch (Exception rollback) when (AwsErrors.IsAwsFailure(rollback) || rollback is OperationCanceledException)
        {
            throw new ActionFailedException($"could not be moved into {isolation.Name} ({why}) nor back into {string.Join(", ", own)} ({(rollback is OperationCanceledException ? "no answer within the grace period" : AwsErrors.Describe(rollback))}): it may still be in {transit.Name}, which lets all traffic in; move it by hand now");
        }
        throw new ActionFailedException($"could not be moved into {isolation.Name} ({why}), so it was put back into {string.Join(", ", own)}");
    }

    /// <summary>Moves an interface into one group; a dry run for a group not created yet asks about the interface's own groups instead.</summary>
    private Task<Ec2Change> HopAsync(Ec2NetworkInterface networkInterface, Group group, CancellationToken token)
    {
        var what = $"{networkInterface.NetworkInterfaceId} → {group.Name}";
        var groupIds = group.Id is { } id ? [id] : networkInterface.Groups.Select(g => g.GroupId).ToList();
        return _changes.RunAsync(
            group.Id is null ? what + " (asked with its current groups: the group does not exist yet)" : what,
            ec2.SetNetworkInterfaceSecurityGroupsAsync(networkInterface.NetworkInterfaceId, groupIds, dryRun, token));
    }

    private async Task<Group> EnsureGroupAsync(IReadOnlyList<Ec2SecurityGroup> found, string vpcId, GroupSpec spec)
    {
        var group = await FindOrCreateAsync(found, vpcId, spec).ConfigureAwait(false);
        // Exactly the isolation rules, not merely no literal 0.0.0.0/0: 0.0.0.0/1 with 128.0.0.0/1, another group or
        // a prefix list let the internet in as well.
        if (spec.Isolates && group.Ingress.SelectMany(p => p.Peers).Where(peer => !spec.IngressCidrs.Contains(peer)).Distinct().ToList() is { Count: > 0 } foreign)
        {
            throw new ActionFailedException($"security group {spec.Name} ({group.Id}) in {vpcId} lets traffic in from {string.Join(", ", foreign)}, not only from the forensics machine, so it cannot isolate; remove those rules or name another isolation_group");
        }
        var missingIngress = Missing(spec.IngressCidrs, group.Ingress);
        var missingEgress = Missing(spec.EgressCidrs, group.Egress);
        var extraEgress = spec.Isolates ? group.Egress : [];
        if (group.Id is not { } id)
        {
            if (missingIngress.Count + missingEgress.Count + extraEgress.Count > 0)
            {
                _changes.NotChecked($"the rules of {spec.Name} (it does not exist yet)");
            }
            return group;
        }
        var rules = new List<Task>();
        if (missingIngress.Count > 0)
        {
            rules.Add(_changes.StartTryingAsync($"{spec.Name}: allow all inbound from {string.Join(", ", missingIngress)}", () => ec2.AuthorizeIngressAsync(id, [IpPermission.AllTraffic(missingIngress, spec.RuleDescription)], dryRun, cancellationToken), "InvalidPermission.Duplicate"));
        }
        if (missingEgress.Count > 0)
        {
            rules.Add(_changes.StartTryingAsync($"{spec.Name}: allow all outbound to {string.Join(", ", missingEgress)}", () => ec2.AuthorizeEgressAsync(id, [IpPermission.AllTraffic(missingEgress, spec.RuleDescription)], dryRun, cancellationToken), "InvalidPermission.Duplicate"));
        }
        if (extraEgress.Count > 0)
        {
            rules.Add(_changes.StartTryingAsync($"{spec.Name}: remove outbound rules to {string.Join(", ", extraEgress.SelectMany(p => p.Peers))}", () => ec2.RevokeEgressAsync(id, extraEgress, dryRun, cancellationToken), "InvalidPermission.NotFound"));
        }
        await Task.WhenAll(rules).ConfigureAwait(false);
        return group;
    }

    private async Task<Group> FindOrCreateAsync(IReadOnlyList<Ec2SecurityGroup> found, string vpcId, GroupSpec spec)
    {
        if (found.FirstOrDefault(g => g.GroupName == spec.Name) is { } existing)
        {
            return Group.From(existing);
        }
        var what = $"create {spec.Name} in {vpcId}";
        try
        {
            var created = await _changes.RunAsync(
                what,
                ec2.CreateSecurityGroupAsync(vpcId, spec.Name, spec.Description, [new(ContainmentNames.GroupRoleTag, spec.Role)], dryRun, cancellationToken)).ConfigureAwait(false);
            var id = created.Outcome == Outcome.Changed ? (string?)created.Response["GroupId"] : null;
            // EC2 gives every new VPC security group one rule: all outbound traffic to 0.0.0.0/0.
            return new Group(id, spec.Name, true, [], [IpPermission.AllTraffic(["0.0.0.0/0"])]);
        }
        catch (AmazonServiceException duplicate) when (duplicate.ErrorCode == "InvalidGroup.Duplicate")
        {
            // Created meanwhile by a parallel containment in the same VPC, or by this very call when it was repeated
            // after a transient fault: then this run created it, and says so (a revert removes what was created).
            var again = await ec2.FindSecurityGroupsByNamesAsync(vpcId, [spec.Name], cancellationToken).ConfigureAwait(false);
            var group = Group.From(again.FirstOrDefault(g => g.GroupName == spec.Name) ?? throw new ActionFailedException($"EC2 says security group {spec.Name} exists in {vpcId} but does not list it"));
            if (!AwsErrors.WasRepeated(duplicate))
            {
                return group;
            }
            // What CreateSecurityGroup answers, as the group reads now.
            var read = again.First(g => g.GroupName == spec.Name).Json;
            _changes.Applied(what, duplicate, new JsonObject
            {
                ["GroupId"] = read["GroupId"]?.DeepClone(),
                ["Tags"] = read["Tags"]?.DeepClone(),
                ["SecurityGroupArn"] = read["SecurityGroupArn"]?.DeepClone(),
            });
            return group with { Created = true };
        }
    }

    private async Task<string> ForensicsCidrAsync(string forensicsMachine)
    {
        var machine = await ec2.DescribeInstanceAsync(forensicsMachine, cancellationToken).ConfigureAwait(false);
        var address = (string?)machine.Description()?["PrivateIpAddress"]
            ?? throw new ActionFailedException($"forensics machine {forensicsMachine} has no private IP address to let into the isolation group");
        return address + "/32";
    }

    private static List<string> Missing(IReadOnlyList<string> cidrs, IReadOnlyList<IpPermission> rules) =>
        cidrs.Where(cidr => !rules.Any(r => r.IsAllTraffic && r.Peers.Contains(cidr))).ToList();

    private static bool IsOnlyIn(Ec2NetworkInterface networkInterface, Group group) =>
        group.Id is not null && networkInterface.Groups.Count == 1 && networkInterface.Groups[0].GroupId == group.Id;

    /// <summary>
    /// What a group must allow: all traffic from or to these CIDRs. A group that <paramref name="Isolates"/> keeps no
    /// other outbound rule, and is refused when it lets in traffic from anywhere.
    /// </summary>
    private sealed record GroupSpec(string Name, string Description, string Role, IReadOnlyList<string> IngressCidrs, IReadOnlyList<string> EgressCidrs, bool Isolates, string RuleDescription);

    /// <summary>A group as found or created; <paramref name="Id"/> is null for one a dry run would create.</summary>
    private sealed record Group(string? Id, string Name, bool Created, IReadOnlyList<IpPermission> Ingress, IReadOnlyList<IpPermission> Egress)
    {
        public static Group From(Ec2SecurityGroup found) =>
            new(found.GroupId, found.GroupName, false, IpPermission.ListFromJson(found.Json["IpPermissions"]), IpPermission.ListFromJson(found.Json["IpPermissionsEgress"]));

        public JsonObject ToJson() => new() { ["GroupId"] = Id, ["GroupName"] = Name, ["Created"] = Created };
    }
}
