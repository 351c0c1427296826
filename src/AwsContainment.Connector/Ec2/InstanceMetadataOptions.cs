using System.Text.Json.Nodes;
using AwsContainment.Connector.Containment;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// An instance's metadata service settings (IMDS): whether a session token is required (<c>HttpTokens</c>
/// <c>required</c> is IMDSv2 only), how many network hops its answers travel, and whether it answers at all. A
/// container or a forwarding proxy on the instance steals the role's credentials through IMDSv1 or a hop limit above 1.
/// </summary>
public sealed record InstanceMetadataOptions(string HttpTokens, long HttpPutResponseHopLimit, string HttpEndpoint)
{
    /// <summary>The options of an instance as DescribeInstances answers it (<c>MetadataOptions</c>), or null when EC2 left them out.</summary>
    public static InstanceMetadataOptions? Of(JsonNode? instance) =>
        instance?["MetadataOptions"] is JsonObject options && (string?)options["HttpTokens"] is { } tokens && (long?)options["HttpPutResponseHopLimit"] is { } hops
            ? new InstanceMetadataOptions(tokens, hops, (string?)options["HttpEndpoint"] ?? "enabled")
            : null;

    /// <summary>
    /// These options locked down: tokens required and one hop, and the endpoint off when asked. An endpoint already
    /// off stays off: locking never turns the metadata service back on.
    /// </summary>
    public InstanceMetadataOptions Locked(bool disableEndpoint) => new("required", 1, disableEndpoint ? "disabled" : HttpEndpoint);

    /// <summary>An instance's options as an undo puts them back (<see cref="UndoRules"/>).</summary>
    public static UndoSubject<InstanceMetadataOptions> Undo(string instanceId, InstanceMetadataOptions recorded, InstanceMetadataOptions current, Func<InstanceMetadataOptions, bool> isContained) =>
        new($"the metadata options of {instanceId}", recorded, current, isContained, (one, other) => one == other, options => options.ToString());

    public JsonObject ToJson() => new() { ["HttpTokens"] = HttpTokens, ["HttpPutResponseHopLimit"] = HttpPutResponseHopLimit, ["HttpEndpoint"] = HttpEndpoint };

    /// <summary>What changes from these options to <paramref name="target"/>, as "tokens optional → required, hop limit 2 → 1".</summary>
    public string ChangesTo(InstanceMetadataOptions target)
    {
        List<string> changes = [];
        if (HttpTokens != target.HttpTokens)
        {
            changes.Add($"metadata tokens {HttpTokens} → {target.HttpTokens}");
        }
        if (HttpPutResponseHopLimit != target.HttpPutResponseHopLimit)
        {
            changes.Add($"hop limit {HttpPutResponseHopLimit} → {target.HttpPutResponseHopLimit}");
        }
        if (HttpEndpoint != target.HttpEndpoint)
        {
            changes.Add($"metadata endpoint {HttpEndpoint} → {target.HttpEndpoint}");
        }
        return string.Join(", ", changes);
    }

    public override string ToString() => $"metadata tokens {HttpTokens}, hop limit {HttpPutResponseHopLimit}, endpoint {HttpEndpoint}";
}
