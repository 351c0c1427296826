using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;

namespace AwsContainment.Connector.LoadBalancing;

/// <summary>
/// The load-balancing calls containment needs: classic load balancers (query protocol, API 2012-06-01) and ELBv2
/// target groups (API 2015-12-01), behind one interface so the official AWSSDK.ElasticLoadBalancing(V2) packages
/// could replace <see cref="LoadBalancingClient"/> here alone. Listings walk every page.
/// </summary>
public partial interface ILoadBalancingClient
{
    /// <summary>DescribeLoadBalancers (classic): every one, or only <paramref name="name"/> (AWS's <c>LoadBalancerNotFound</c> when unknown).</summary>
    Task<IReadOnlyList<ClassicLoadBalancer>> DescribeClassicLoadBalancersAsync(string? name, CancellationToken cancellationToken);

    /// <summary>DeregisterInstancesFromLoadBalancer for one instance; the answer lists the instances still registered.</summary>
    Task<JsonObject> DeregisterFromClassicAsync(string loadBalancerName, string instanceId, CancellationToken cancellationToken);

    /// <summary>DescribeTargetGroups: every target group of the region.</summary>
    Task<IReadOnlyList<TargetGroup>> DescribeTargetGroupsAsync(CancellationToken cancellationToken);

    /// <summary>DescribeTargetHealth: every target registered in the group (AWS's <c>TargetGroupNotFound</c> when unknown).</summary>
    Task<IReadOnlyList<RegisteredTarget>> DescribeTargetsAsync(string targetGroupArn, CancellationToken cancellationToken);

    /// <summary>DeregisterTargets: the given registrations (id and port) leave the group.</summary>
    Task<JsonObject> DeregisterTargetsAsync(string targetGroupArn, IReadOnlyList<RegisteredTarget> targets, CancellationToken cancellationToken);
}

public sealed record ClassicLoadBalancer(string Name, IReadOnlyList<string> InstanceIds);

/// <summary>An ELBv2 target group; <paramref name="TargetType"/> is <c>instance</c>, <c>ip</c>, <c>lambda</c> or <c>alb</c>.</summary>
public sealed record TargetGroup(string Arn, string Name, string TargetType);

/// <summary>One registration of a target in a group: an instance may be registered on several ports.</summary>
public sealed record RegisteredTarget(string Id, long? Port, string? State);

public sealed partial class LoadBalancingClient(IAwsCaller classic, IAwsCaller v2) : ILoadBalancingClient
{
    private static readonly XmlShape Shape = new(
        numbers: ["Port", "LoadBalancerPort", "InstancePort", "Interval", "Timeout", "HealthyThreshold", "UnhealthyThreshold",
            "HealthCheckIntervalSeconds", "HealthCheckTimeoutSeconds", "HealthyThresholdCount", "UnhealthyThresholdCount"],
        booleans: ["HealthCheckEnabled"],
        lists: ["LoadBalancerDescriptions", "Instances", "ListenerDescriptions", "AvailabilityZones", "Subnets", "SecurityGroups",
            "TargetGroups", "LoadBalancerArns", "TargetHealthDescriptions"]);

    public async Task<IReadOnlyList<ClassicLoadBalancer>> DescribeClassicLoadBalancersAsync(string? name, CancellationToken cancellationToken)
    {
        var found = new List<ClassicLoadBalancer>();
        await foreach (var page in classic.PagesAsync("DescribeLoadBalancers", p => p.AddList("LoadBalancerNames", name is null ? [] : [name]), "Marker", "NextMarker", cancellationToken).ConfigureAwait(false))
        {
            found.AddRange(Objects(page.ToJson(Shape)["LoadBalancerDescriptions"]).Select(lb => new ClassicLoadBalancer(
                (string)lb["LoadBalancerName"]!,
                Objects(lb["Instances"]).Select(i => (string?)i["InstanceId"]).OfType<string>().ToList())));
        }
        return found;
    }

    public Task<JsonObject> DeregisterFromClassicAsync(string loadBalancerName, string instanceId, CancellationToken cancellationToken) =>
        ClassicInstanceCallAsync("DeregisterInstancesFromLoadBalancer", loadBalancerName, instanceId, cancellationToken);

    public async Task<IReadOnlyList<TargetGroup>> DescribeTargetGroupsAsync(CancellationToken cancellationToken)
    {
        var found = new List<TargetGroup>();
        await foreach (var page in v2.PagesAsync("DescribeTargetGroups", _ => { }, "Marker", "NextMarker", cancellationToken).ConfigureAwait(false))
        {
            found.AddRange(Objects(page.ToJson(Shape)["TargetGroups"]).Select(g => new TargetGroup(
                (string)g["TargetGroupArn"]!,
                (string?)g["TargetGroupName"] ?? "",
                (string?)g["TargetType"] ?? "instance")));
        }
        return found;
    }

    public async Task<IReadOnlyList<RegisteredTarget>> DescribeTargetsAsync(string targetGroupArn, CancellationToken cancellationToken)
    {
        var reply = await v2.CallAsync("DescribeTargetHealth", v2.NewParameters().Add("TargetGroupArn", targetGroupArn), cancellationToken).ConfigureAwait(false);
        return Objects(reply.ToJson(Shape)["TargetHealthDescriptions"])
            .Select(d => new RegisteredTarget((string?)d["Target"]?["Id"] ?? "", (long?)d["Target"]?["Port"], (string?)d["TargetHealth"]?["State"]))
            .ToList();
    }

    public Task<JsonObject> DeregisterTargetsAsync(string targetGroupArn, IReadOnlyList<RegisteredTarget> targets, CancellationToken cancellationToken) =>
        TargetsCallAsync("DeregisterTargets", targetGroupArn, targets, cancellationToken);

    /// <summary>A classic call on one instance of one load balancer: registering and deregistering write the same.</summary>
    private async Task<JsonObject> ClassicInstanceCallAsync(string action, string loadBalancerName, string instanceId, CancellationToken cancellationToken)
    {
        var parameters = classic.NewParameters()
            .Add("LoadBalancerName", loadBalancerName)
            .AddList("Instances", [instanceId], (entry, id) => entry.Add("InstanceId", id));
        var reply = await classic.CallAsync(action, parameters, cancellationToken).ConfigureAwait(false);
        return reply.ToJson(Shape);
    }

    /// <summary>An ELBv2 call on some registrations of one target group: registering and deregistering write the same.</summary>
    private async Task<JsonObject> TargetsCallAsync(string action, string targetGroupArn, IReadOnlyList<RegisteredTarget> targets, CancellationToken cancellationToken)
    {
        var parameters = v2.NewParameters()
            .Add("TargetGroupArn", targetGroupArn)
            .AddList("Targets", targets, (entry, target) => entry.Add("Id", target.Id).Add("Port", target.Port));
        var reply = await v2.CallAsync(action, parameters, cancellationToken).ConfigureAwait(false);
        return reply.ToJson(Shape);
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? list) => (list as JsonArray ?? []).OfType<JsonObject>();
}

public static class LoadBalancingSession
{
    /// <summary>The session's load-balancing client (classic ELB and ELBv2).</summary>
    public static ILoadBalancingClient LoadBalancing(this AwsSession session) =>
        new LoadBalancingClient(session.Caller(AwsService.Elb), session.Caller(AwsService.ElbV2));
}
