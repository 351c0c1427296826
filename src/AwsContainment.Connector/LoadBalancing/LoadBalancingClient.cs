using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
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

/// <summary>
/// One registration of a target in a group: an instance id (instance groups) or an IP address (ip groups), on a
/// port (a target may be registered on several), with the Availability Zone ELBv2 gave it when it named one.
/// </summary>
public sealed record RegisteredTarget(
    string Id,
    long? Port,
    string? State,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AvailabilityZone = null)
{
    /// <summary>The address an ip target group registered, or null for an instance (or Lambda, ALB) target.</summary>
    [JsonIgnore]
    public IPAddress? Address => IPAddress.TryParse(Id, out var address) ? address : null;

    /// <summary>The target as the result data shows it: what (de)registering it again takes.</summary>
    public JsonObject ToJson()
    {
        var target = new JsonObject { ["Id"] = Id, ["Port"] = Port };
        if (Zone is { } zone)
        {
            target["AvailabilityZone"] = zone;
        }
        return target;
    }

    /// <summary>Writes the target as (De)RegisterTargets takes it.</summary>
    internal void Write(QueryParameters entry) => entry.Add("Id", Id).Add("Port", Port).Add("AvailabilityZone", Zone);

    /// <summary>"port 80, 8080" for an instance; "10.0.1.25 on port 9100" for an address (each address, when several).</summary>
    public static string Places(IEnumerable<RegisteredTarget> targets, string port) =>
        string.Join("; ", targets.GroupBy(t => t.Address is null ? "" : t.Id + " on ").Select(at =>
            $"{at.Key}{port} {string.Join(", ", at.Select(t => t.Port?.ToString(CultureInfo.InvariantCulture) ?? "default"))}"));

    /// <summary>ELBv2 takes an Availability Zone for an address only: it refuses one for an instance target.</summary>
    private string? Zone => Address is null ? null : AvailabilityZone;
}

public sealed partial class LoadBalancingClient(IAwsCaller classic, IAwsCaller v2) : ILoadBalancingClient
{
    public async Task<IReadOnlyList<ClassicLoadBalancer>> DescribeClassicLoadBalancersAsync(string? name, CancellationToken cancellationToken)
    {
        var found = new List<ClassicLoadBalancer>();
        await foreach (var page in classic.PagesAsync("DescribeLoadBalancers", p => p.AddList("LoadBalancerNames", name is null ? [] : [name]), "Marker", "NextMarker", cancellationToken).ConfigureAwait(false))
        {
            found.AddRange(Objects(page.Body["LoadBalancerDescriptions"]).Select(lb => new ClassicLoadBalancer(
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
            found.AddRange(Objects(page.Body["TargetGroups"]).Select(g => new TargetGroup(
                (string)g["TargetGroupArn"]!,
                (string?)g["TargetGroupName"] ?? "",
                (string?)g["TargetType"] ?? "instance")));
        }
        return found;
    }

    public async Task<IReadOnlyList<RegisteredTarget>> DescribeTargetsAsync(string targetGroupArn, CancellationToken cancellationToken)
    {
        var reply = await v2.CallAsync("DescribeTargetHealth", v2.NewParameters().Add("TargetGroupArn", targetGroupArn), cancellationToken).ConfigureAwait(false);
        return Objects(reply.Body["TargetHealthDescriptions"])
            .Select(d => new RegisteredTarget((string?)d["Target"]?["Id"] ?? "", (long?)d["Target"]?["Port"], (string?)d["TargetHealth"]?["State"], (string?)d["Target"]?["AvailabilityZone"]))
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
        return reply.ToJson();
    }

    /// <summary>An ELBv2 call on some registrations of one target group: registering and deregistering write the same.</summary>
    private async Task<JsonObject> TargetsCallAsync(string action, string targetGroupArn, IReadOnlyList<RegisteredTarget> targets, CancellationToken cancellationToken)
    {
        var parameters = v2.NewParameters()
            .Add("TargetGroupArn", targetGroupArn)
            .AddList("Targets", targets, (entry, target) => target.Write(entry));
        var reply = await v2.CallAsync(action, parameters, cancellationToken).ConfigureAwait(false);
        return reply.ToJson();
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? list) => (list as JsonArray ?? []).OfType<JsonObject>();
}

public static class LoadBalancingSession
{
    /// <summary>The session's load-balancing client (classic ELB and ELBv2).</summary>
    public static ILoadBalancingClient LoadBalancing(this AwsSession session) =>
        new LoadBalancingClient(session.Caller(AwsService.Elb), session.Caller(AwsService.ElbV2));
}
