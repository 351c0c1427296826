using System.Text.Json.Nodes;
using AwsContainment.Connector.LoadBalancing;

namespace AwsContainment.Connector.Containment;

/// <summary>
/// The load balancer registrations a journal (or deregister instance's result) recorded, as the items of one step:
/// contain deregisters each, revert and register instance register each again. All are handled at once and each on
/// its own, so one refusal does not keep the others.
/// </summary>
internal static class JournaledRegistrations
{
    /// <summary>"classic load balancer web-classic-elb", "target group web-tg (ports 80, 8080)", "target group metrics-ip-tg (10.0.1.17 on ports 9100)": how steps name them.</summary>
    public static IReadOnlyList<string> Labels(InstanceState state) => [.. state.ClassicLoadBalancers.Select(Classic), .. state.TargetGroups.Select(TargetGroup)];

    public static async Task<ItemOutcomes> EachAsync(
        IReadOnlyList<string> classicLoadBalancers,
        IReadOnlyList<TargetGroupMembership> targetGroups,
        Func<string, Task<ItemResult>> classic,
        Func<TargetGroupMembership, Task<ItemResult>> targetGroup)
    {
        var outcomes = new ItemOutcomes();
        await Task.WhenAll(
            classicLoadBalancers.Select(name => outcomes.RunAsync(Classic(name), () => classic(name)))
                .Concat(targetGroups.Select(group => outcomes.RunAsync(TargetGroup(group), () => targetGroup(group))))).ConfigureAwait(false);
        return outcomes;
    }

    private static string Classic(string name) => $"classic load balancer {name}";

    private static string TargetGroup(TargetGroupMembership group) => $"target group {group.TargetGroupName} ({RegisteredTarget.Places(group.Targets, "ports")})";
}
