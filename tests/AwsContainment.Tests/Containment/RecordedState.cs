using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace AwsContainment.Tests.Containment;

/// <summary>
/// What the recordings say about the resources, as facts ("tag i-… Owner=payments-team", "sg eni-… sg-…"):
/// read from the first answer about each resource, changed by each recorded change in turn.
/// </summary>
internal sealed class RecordedState : HashSet<string>
{
    private RecordedState(IEnumerable<string> facts)
        : base(facts, StringComparer.Ordinal)
    {
    }

    public static RecordedState ReadBy(JsonObject recording)
    {
        var facts = new List<string>();
        var read = new HashSet<string>(StringComparer.Ordinal);
        foreach (var exchange in Exchanges(recording).Where(e => e.Status < 300 || e.Path.Contains("?policy", StringComparison.Ordinal)))
        {
            if (read.Add(exchange.What))
            {
                facts.AddRange(Facts(exchange));
            }
        }
        return new RecordedState(facts);
    }

    /// <summary>
    /// What a fact is about: an interface's security groups, one tag of one resource, an instance's Auto Scaling
    /// group or metadata options, a bucket's policy or its public access block; any other fact (a registration, an
    /// ACL entry, an inline policy) is about itself.
    /// </summary>
    public static string ResourceOf(string fact)
    {
        var words = fact.Split(' ');
        return words[0] switch
        {
            "sg" or "asg" or "imds" => $"{words[0]} {words[1]}",
            "key" => $"key {words[1]} {words[2]}",
            "tag" => $"tag {words[1]} {words[2].Split('=')[0]}",
            "policy" or "block" => words[0],
            _ => fact,
        };
    }

    /// <summary>The calls of a recording that change something (neither a read nor a failed call).</summary>
    public static IEnumerable<string> Changes(JsonObject recording) =>
        Exchanges(recording).Where(e => e.Status < 300 && !new[] { "Describe", "Get", "List", "GET " }.Any(read => e.Action.StartsWith(read, StringComparison.Ordinal))).Select(e => e.Action);

    public RecordedState Apply(JsonObject recording)
    {
        var state = new RecordedState(this);
        foreach (var exchange in Exchanges(recording).Where(e => e.Status < 300))
        {
            state.Change(exchange);
        }
        return state;
    }

    private static IEnumerable<RecordedExchange> Exchanges(JsonObject recording) => recording["exchanges"]!.AsArray().Select(e => new RecordedExchange(
        (string?)e!["request"]!["method"] ?? "POST",
        (string?)e["request"]!["path"] ?? "/",
        e["request"]!["form"]?.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!) ?? [],
        e["request"]!["body"] is JsonValue text ? (string)text! : e["request"]!["body"]?.ToJsonString(),
        (int)e["response"]!["status"]!,
        (string)e["response"]!["body"]!));

    /// <summary>The facts a read shows; a change shows none.</summary>
    private static IEnumerable<string> Facts(RecordedExchange read)
    {
        switch (read.Action)
        {
            case "DescribeInstances":
                foreach (var instance in Elements(read.Xml, "instancesSet").Elements().Where(i => i.Name.LocalName == "item"))
                {
                    var id = Value(instance, "instanceId");
                    foreach (var tag in Elements(instance, "tagSet").Take(1).Elements())
                    {
                        yield return $"tag {id} {Value(tag, "key")}={Value(tag, "value")}";
                    }
                    foreach (var options in Elements(instance, "metadataOptions").Take(1))
                    {
                        yield return $"imds {id} {Value(options, "httpTokens")} {Value(options, "httpPutResponseHopLimit")} {Value(options, "httpEndpoint")}";
                    }
                    foreach (var eni in Elements(instance, "networkInterfaceSet").Take(1).Elements())
                    {
                        foreach (var group in Elements(eni, "groupSet").Take(1).Elements())
                        {
                            yield return $"sg {Value(eni, "networkInterfaceId")} {Value(group, "groupId")}";
                        }
                    }
                }
                break;
            case "DescribeInstanceAttribute" when read.Form["Attribute"] == "disableApiTermination":
                yield return $"protect {read.Form["InstanceId"]} {Value(Elements(read.Xml, "disableApiTermination").First(), "value")}";
                break;
            case "ListAccessKeys":
                foreach (var key in Elements(read.Xml, "member"))
                {
                    yield return $"key {Value(key, "UserName")} {Value(key, "AccessKeyId")} {Value(key, "Status")}";
                }
                break;
            case "ListAttachedUserPolicies":
                foreach (var policy in Elements(read.Xml, "member"))
                {
                    yield return $"attached {read.Form["UserName"]} {Value(policy, "PolicyArn")}";
                }
                break;
            case "GetUserPolicy" when read.Status == 200:
                yield return $"inline {read.Form["UserName"]} {read.Form["PolicyName"]} {JsonNode.Parse(Uri.UnescapeDataString(Value(read.Xml, "PolicyDocument")!))!.ToJsonString()}";
                break;
            case "DescribeAutoScalingInstances":
                foreach (var member in Elements(read.Xml, "member").Where(m => Value(m, "LifecycleState") is "InService" or "Standby"))
                {
                    yield return $"asg {Value(member, "InstanceId")} {Value(member, "AutoScalingGroupName")}";
                }
                break;
            case "DescribeNetworkAcls":
                foreach (var acl in Elements(read.Xml, "networkAclSet").Elements())
                {
                    foreach (var entry in Elements(acl, "entrySet").Elements())
                    {
                        yield return $"acl {Value(acl, "networkAclId")} {Value(entry, "egress")} {Value(entry, "ruleNumber")} {Value(entry, "cidrBlock") ?? Value(entry, "ipv6CidrBlock")}";
                    }
                }
                break;
            case "DescribeLoadBalancers":
                foreach (var lb in Elements(read.Xml, "LoadBalancerDescriptions").Elements())
                {
                    foreach (var instance in Elements(lb, "Instances").Take(1).Elements())
                    {
                        yield return $"elb {Value(lb, "LoadBalancerName")} {Value(instance, "InstanceId")}";
                    }
                }
                break;
            case "DescribeTargetHealth":
                foreach (var target in Elements(read.Xml, "TargetHealthDescriptions").Elements().Where(t => Value(t, "State") != "draining"))
                {
                    yield return $"tg {read.Form["TargetGroupArn"]} {Value(target, "Id")}:{Value(target, "Port")}";
                }
                break;
            case "GET ?policy" when read.Status == 200:
                yield return $"policy {JsonNode.Parse(read.Body)!.ToJsonString()}";
                break;
            case "GET ?publicAccessBlock":
                yield return $"block {string.Join(",", read.Xml.Root!.Elements().OrderBy(e => e.Name.LocalName, StringComparer.Ordinal).Select(e => $"{e.Name.LocalName}={e.Value}"))}";
                break;
        }
    }

    private void Change(RecordedExchange change)
    {
        var form = change.Form;
        switch (change.Action)
        {
            case "CreateTags" or "DeleteTags":
                foreach (var tag in Members(form, "Tag.", ".Key"))
                {
                    var key = form[tag + ".Key"];
                    RemoveWhere(f => f.StartsWith($"tag {form["ResourceId.1"]} {key}=", StringComparison.Ordinal));
                    if (change.Action == "CreateTags")
                    {
                        Add($"tag {form["ResourceId.1"]} {key}={form[tag + ".Value"]}");
                    }
                }
                break;
            case "ModifyNetworkInterfaceAttribute":
                RemoveWhere(f => f.StartsWith($"sg {form["NetworkInterfaceId"]} ", StringComparison.Ordinal));
                UnionWith(form.Where(p => p.Key.StartsWith("SecurityGroupId.", StringComparison.Ordinal)).Select(p => $"sg {form["NetworkInterfaceId"]} {p.Value}"));
                break;
            case "ModifyInstanceMetadataOptions" when this.FirstOrDefault(f => f.StartsWith($"imds {form["InstanceId"]} ", StringComparison.Ordinal)) is { } options:
                var was = options.Split(' ');
                Remove(options);
                Add($"imds {form["InstanceId"]} {form.GetValueOrDefault("HttpTokens", was[2])} {form.GetValueOrDefault("HttpPutResponseHopLimit", was[3])} {form.GetValueOrDefault("HttpEndpoint", was[4])}");
                break;
            case "ModifyInstanceAttribute" when form.TryGetValue("DisableApiTermination.Value", out var protect):
                RemoveWhere(f => f.StartsWith($"protect {form["InstanceId"]} ", StringComparison.Ordinal));
                Add($"protect {form["InstanceId"]} {protect}");
                break;
            case "DetachInstances":
                Remove($"asg {form["InstanceIds.member.1"]} {form["AutoScalingGroupName"]}");
                break;
            case "AttachInstances":
                Add($"asg {form["InstanceIds.member.1"]} {form["AutoScalingGroupName"]}");
                break;
            case "CreateNetworkAclEntry":
                Add($"acl {form["NetworkAclId"]} {form["Egress"]} {form["RuleNumber"]} {form.GetValueOrDefault("CidrBlock") ?? form["Ipv6CidrBlock"]}");
                break;
            case "DeleteNetworkAclEntry":
                RemoveWhere(f => f.StartsWith($"acl {form["NetworkAclId"]} {form["Egress"]} {form["RuleNumber"]} ", StringComparison.Ordinal));
                break;
            case "DeregisterInstancesFromLoadBalancer":
                Remove($"elb {form["LoadBalancerName"]} {form["Instances.member.1.InstanceId"]}");
                break;
            case "RegisterInstancesWithLoadBalancer":
                Add($"elb {form["LoadBalancerName"]} {form["Instances.member.1.InstanceId"]}");
                break;
            case "DeregisterTargets" or "RegisterTargets":
                foreach (var target in Members(form, "Targets.member.", ".Id"))
                {
                    var fact = $"tg {form["TargetGroupArn"]} {form[target + ".Id"]}:{form[target + ".Port"]}";
                    _ = change.Action == "RegisterTargets" ? Add(fact) : Remove(fact);
                }
                break;
            case "UpdateAccessKey":
                RemoveWhere(f => f.StartsWith($"key {form["UserName"]} {form["AccessKeyId"]} ", StringComparison.Ordinal));
                Add($"key {form["UserName"]} {form["AccessKeyId"]} {form["Status"]}");
                break;
            case "AttachUserPolicy":
                Add($"attached {form["UserName"]} {form["PolicyArn"]}");
                break;
            case "DetachUserPolicy":
                Remove($"attached {form["UserName"]} {form["PolicyArn"]}");
                break;
            case "PutUserPolicy":
                RemoveWhere(f => f.StartsWith($"inline {form["UserName"]} {form["PolicyName"]} ", StringComparison.Ordinal));
                Add($"inline {form["UserName"]} {form["PolicyName"]} {JsonNode.Parse(form["PolicyDocument"])!.ToJsonString()}");
                break;
            case "DeleteUserPolicy":
                RemoveWhere(f => f.StartsWith($"inline {form["UserName"]} {form["PolicyName"]} ", StringComparison.Ordinal));
                break;
            case "PUT ?policy":
                RemoveWhere(f => f.StartsWith("policy ", StringComparison.Ordinal));
                Add($"policy {JsonNode.Parse(change.RequestBody!)!.ToJsonString()}");
                break;
            case "DELETE ?policy":
                RemoveWhere(f => f.StartsWith("policy ", StringComparison.Ordinal));
                break;
            case "PUT ?publicAccessBlock":
                RemoveWhere(f => f.StartsWith("block ", StringComparison.Ordinal));
                Add($"block {string.Join(",", XDocument.Parse(change.RequestBody!).Root!.Elements().OrderBy(e => e.Name.LocalName, StringComparer.Ordinal).Select(e => $"{e.Name.LocalName}={e.Value}"))}");
                break;
            case "DELETE ?publicAccessBlock":
                RemoveWhere(f => f.StartsWith("block ", StringComparison.Ordinal));
                break;
        }
    }

    /// <summary>"Tag.1", "Tag.2": the numbered members of a form list.</summary>
    private static IEnumerable<string> Members(Dictionary<string, string> form, string prefix, string suffix) =>
        form.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.EndsWith(suffix, StringComparison.Ordinal)).Select(k => k[..^suffix.Length]);

    private static IEnumerable<XElement> Elements(XContainer node, string name) => node.Descendants().Where(e => e.Name.LocalName == name);

    private static string? Value(XContainer node, string name) => Elements(node, name).FirstOrDefault()?.Value;
}

internal sealed record RecordedExchange(string Method, string Path, Dictionary<string, string> Form, string? RequestBody, int Status, string Body)
{
    /// <summary>The form's action, for S3 the method and subresource ("PUT ?policy"), else the method and path.</summary>
    public string Action => Form.GetValueOrDefault("Action") ?? (Path.Contains('?', StringComparison.Ordinal) ? $"{Method} {Path[Path.IndexOf('?', StringComparison.Ordinal)..]}" : $"{Method} {Path}");

    /// <summary>Which resource a read is about: only the first answer about each is the state before.</summary>
    public string What => $"{Action} {string.Join("&", Form.Where(p => p.Key != "Action" && !p.Key.Contains("Marker", StringComparison.Ordinal)).Select(p => $"{p.Key}={p.Value}"))}{Form.GetValueOrDefault("Marker")}";

    public XDocument Xml => XDocument.Parse(Body);
}
