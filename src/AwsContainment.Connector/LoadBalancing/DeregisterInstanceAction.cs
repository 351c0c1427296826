using System.Net;
using System.Text.Json.Nodes;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Ec2;

namespace AwsContainment.Connector.LoadBalancing;

/// <summary>
/// Takes an instance out of service: from the classic load balancer or target group named, or from every classic
/// load balancer and every ELBv2 target group that holds it (all pages of each listing): instance groups by its id,
/// ip groups by one of its private addresses. Each one is tried on its own, so one refusal does not keep the
/// instance in the others; the result lists each it left (with its ports, and addresses, for target groups).
/// Targets already draining are left alone, so a second run changes nothing. Undone by register instance, which
/// takes this result's data.
/// </summary>
public sealed class DeregisterInstanceAction : IAwsAction<DeregisterInstanceParameters>
{
    public async Task RunAsync(ActionContext context, DeregisterInstanceParameters parameters, CancellationToken cancellationToken)
    {
        var instanceId = parameters.Instance;
        var named = parameters.ElbName;
        var dryRun = parameters.DryRun;
        var loadBalancing = context.Aws.LoadBalancing();
        Ec2Instance? described = null;
        async Task<Ec2Instance> DescribeAsync() => described ??= await context.Aws.Ec2().DescribeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var registrations = await FindAsync(loadBalancing, instanceId, named, DescribeAsync, cancellationToken).ConfigureAwait(false);
        var active = registrations.Where(r => !r.IsDraining).ToList();
        var draining = string.Join(", ", registrations.Where(r => r.IsDraining).Select(r => r.Label));
        context.Result.Summary["total_deregistered"] = 0;
        if (active.Count == 0)
        {
            await FinishUnchangedAsync(context, instanceId, named, draining, DescribeAsync).ConfigureAwait(false);
            return;
        }

        var outcomes = new ItemOutcomes();
        foreach (var registration in active)
        {
            await outcomes.RunAsync(registration.Label, () => dryRun
                ? Task.FromResult(new ItemResult(Outcome.WouldChange, registration.ToJson(new JsonObject { ["DryRun"] = true })))
                : registration.DeregisterAsync(loadBalancing, instanceId, cancellationToken)).ConfigureAwait(false);
        }
        context.Result.Summary["total_deregistered"] = dryRun ? 0 : outcomes.Succeeded.Count;
        var left = string.Join(", ", outcomes.Succeeded.Select(o => o.Item));
        var done = dryRun
            ? $"Dry run: {instanceId} would be deregistered from {left}. Load balancing has no dry-run check, so permission was not verified; nothing changed"
            : $"Deregistered {instanceId} from {left}";
        if (draining.Length > 0)
        {
            done += $"; already draining from {draining}";
        }
        context.Result.Finish(outcomes, done, $"Could not deregister {instanceId}", "load balancer");
    }

    /// <summary>Registered nowhere (or only draining): a no-op, once EC2 has confirmed the instance exists at all.</summary>
    private static async Task FinishUnchangedAsync(ActionContext context, string instanceId, string? named, string draining, Func<Task<Ec2Instance>> describe)
    {
        if (draining.Length > 0)
        {
            context.Result.Finish(true, $"{instanceId} is already draining from {draining}; nothing changed");
            return;
        }
        var instance = await describe().ConfigureAwait(false);
        context.Result.Finish(true, $"{instanceId} ({instance.State}) is not registered with {named ?? "any classic load balancer or target group"}; nothing to deregister");
    }

    /// <summary>The instance's registrations; its description (for its addresses) is read only when a target group holds addresses.</summary>
    private static async Task<IReadOnlyList<Registration>> FindAsync(ILoadBalancingClient loadBalancing, string instanceId, string? named, Func<Task<Ec2Instance>> describe, CancellationToken cancellationToken)
    {
        if (named is not null && named.StartsWith("arn:", StringComparison.Ordinal))
        {
            // Its type is not asked for: an instance id and an address cannot be mistaken for each other.
            var group = new TargetGroup(named, named.Split('/')[1], TargetType: "");
            return await MembershipsAsync([await loadBalancing.TargetsOfAsync(group, cancellationToken).ConfigureAwait(false)], instanceId, describe).ConfigureAwait(false);
        }
        var found = (await loadBalancing.ClassicLoadBalancersAsync(instanceId, named, cancellationToken).ConfigureAwait(false))
            .Select(name => new Registration(name, null, []))
            .ToList();
        if (named is not null)
        {
            return found;
        }
        // One group at a time: parameter sets already run in parallel, and DescribeTargetHealth is throttled per account.
        var groups = await loadBalancing.TargetsOfEveryGroupAsync(maxParallel: 1, cancellationToken).ConfigureAwait(false);
        return [.. found, .. await MembershipsAsync(groups, instanceId, describe).ConfigureAwait(false)];
    }

    private static async Task<IReadOnlyList<Registration>> MembershipsAsync(IReadOnlyList<TargetGroupTargets> groups, string instanceId, Func<Task<Ec2Instance>> describe)
    {
        var addresses = groups.Any(g => g.HoldsAddresses) ? (await describe().ConfigureAwait(false)).PrivateAddresses() : new HashSet<IPAddress>();
        return groups.Select(g => g.Of(instanceId, addresses)).OfType<TargetGroupMembership>().Select(Registration.Of).ToList();
    }

    /// <summary>The instance in one classic load balancer (no ARN) or target group (its registrations, one per port).</summary>
    private sealed record Registration(string Name, string? TargetGroupArn, IReadOnlyList<RegisteredTarget> Targets)
    {
        public static Registration Of(TargetGroupMembership membership) => new(membership.TargetGroupName, membership.TargetGroupArn, membership.Targets);

        public string Label => TargetGroupArn is null
            ? $"classic load balancer {Name}"
            : $"target group {Name} ({RegisteredTarget.Places(Targets, "port")})";

        public bool IsDraining => Targets.Count > 0 && Targets.All(t => t.State == "draining");

        public async Task<ItemResult> DeregisterAsync(ILoadBalancingClient loadBalancing, string instanceId, CancellationToken cancellationToken) =>
            ToJson(TargetGroupArn is null
                ? await loadBalancing.DeregisterFromClassicAsync(Name, instanceId, cancellationToken).ConfigureAwait(false)
                : await loadBalancing.DeregisterTargetsAsync(TargetGroupArn, Targets, cancellationToken).ConfigureAwait(false));

        public JsonObject ToJson(JsonObject response) => Reporting.Item(
            TargetGroupArn is null
                ? new JsonObject { ["Type"] = "classic", ["LoadBalancerName"] = Name }
                : new JsonObject
                {
                    ["Type"] = "target-group",
                    ["TargetGroupName"] = Name,
                    ["TargetGroupArn"] = TargetGroupArn,
                    ["Targets"] = new JsonArray(Targets.Select(t => (JsonNode)t.ToJson()).ToArray()),
                },
            response);
    }
}
