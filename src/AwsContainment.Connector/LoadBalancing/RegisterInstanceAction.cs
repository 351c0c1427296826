using System.Text.Json.Nodes;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Ec2;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.LoadBalancing;

/// <summary>
/// Puts an instance back into service: the undo of deregister instance. Either the registrations deregister
/// instance reported (its <c>data</c>, given as <c>deregistered</c>: each classic load balancer, and each target
/// group with the ports, addresses and zones it recorded), or one classic load balancer or target group by name or
/// ARN (with <c>port</c> for a target group). A registration already in place is left alone, so a second run changes nothing.
/// </summary>
public sealed class RegisterInstanceAction : IAwsAction<RegisterInstanceParameters>
{
    public async Task RunAsync(ActionContext context, RegisterInstanceParameters parameters, CancellationToken cancellationToken)
    {
        var instanceId = parameters.Instance;
        var (classic, groups) = Registrations(parameters, instanceId);
        var loadBalancing = context.Aws.LoadBalancing();
        var outcomes = await JournaledRegistrations.EachAsync(
            classic,
            groups,
            async name => Item(instanceId, await loadBalancing.RegisterAgainWithClassicAsync(name, instanceId, cancellationToken).ConfigureAwait(false)),
            async group => Item(instanceId, await loadBalancing.RegisterAgainAsync(group, cancellationToken).ConfigureAwait(false))).ConfigureAwait(false);
        var registered = outcomes.Of(Outcome.Changed).Select(o => o.Item).ToList();
        var already = outcomes.Of(Outcome.Unchanged).Select(o => o.Item).ToList();
        context.Result.Summary["total_registered"] = registered.Count;
        var done = registered.Count == 0
            ? $"{instanceId} is already registered with {string.Join(", ", already)}; nothing changed"
            : $"Registered {instanceId} with {string.Join(", ", registered)}" + (already.Count == 0 ? "" : $"; already registered with {string.Join(", ", already)}");
        context.Result.Finish(outcomes, done, $"Could not register {instanceId}", "load balancer");
    }

    /// <summary>What one registration did: changed, or why not, and AWS's answer's metadata when it registered.</summary>
    private static ItemResult Item(string instanceId, ItemResult registration) => registration with
    {
        Data = new JsonObject
        {
            ["InstanceId"] = instanceId,
            ["Changed"] = registration.Outcome == Outcome.Changed,
            ["ResponseMetadata"] = registration.Data?["ResponseMetadata"]?.DeepClone(),
        },
    };

    /// <summary>The registrations to restore, from deregister instance's data or from one name or ARN; never both, never neither.</summary>
    private static (IReadOnlyList<string> Classic, IReadOnlyList<TargetGroupMembership> Groups) Registrations(RegisterInstanceParameters parameters, string instanceId)
    {
        var named = parameters.ElbName;
        var recorded = parameters.Deregistered?.Value;
        var port = parameters.Port;
        if ((named is null) == (recorded is null))
        {
            throw ActionFailedException.InvalidParameters("give either elb_name (with port for a target group) or deregistered (deregister instance's data), not both or neither");
        }
        if (named is not null)
        {
            if (!named.StartsWith("arn:", StringComparison.Ordinal))
            {
                return port is null ? ([named], []) : throw ActionFailedException.InvalidParameters($"parameter 'port': a classic load balancer ({named}) registers an instance on its listeners' ports; give port for a target group only");
            }
            return ([], [new TargetGroupMembership(named, named.Split('/')[1], [new RegisteredTarget(instanceId, port, null)])]);
        }
        return port is null ? FromDeregistered(recorded!, instanceId) : throw ActionFailedException.InvalidParameters("parameter 'port': the ports come from deregistered; give port with elb_name only");
    }

    private static (IReadOnlyList<string>, IReadOnlyList<TargetGroupMembership>) FromDeregistered(JsonNode recorded, string instanceId)
    {
        var items = recorded switch { JsonArray list => list.OfType<JsonObject>().ToList(), JsonObject one => [one], _ => [] };
        var classic = new List<string>();
        var groups = new List<TargetGroupMembership>();
        foreach (var item in items)
        {
            switch ((string?)item["Type"])
            {
                case "classic" when (string?)item["LoadBalancerName"] is { } name:
                    classic.Add(name);
                    break;
                case "target-group" when (string?)item["TargetGroupArn"] is { } arn && item["Targets"] is JsonArray targets:
                    groups.Add(new TargetGroupMembership(arn, (string?)item["TargetGroupName"] ?? arn.Split('/')[1], targets.OfType<JsonObject>()
                        .Select(t => new RegisteredTarget((string?)t["Id"] ?? instanceId, (long?)t["Port"], null, (string?)t["AvailabilityZone"])).ToList()));
                    break;
                default:
                    throw ActionFailedException.InvalidParameters($"parameter 'deregistered' holds an item that is neither a classic load balancer nor a target group with targets: {item.ToJsonString()}");
            }
        }
        return classic.Count + groups.Count > 0 ? (classic, groups) : throw ActionFailedException.InvalidParameters("parameter 'deregistered' records no registration (deregister instance's data lists one item per load balancer or target group)");
    }
}
