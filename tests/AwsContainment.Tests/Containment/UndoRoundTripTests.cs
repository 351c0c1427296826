using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace AwsContainment.Tests.Containment;

/// <summary>
/// Each containment action, then its undo: both recordings replay through the real runner (the replay fails on any
/// request a recording lacks and reports any it does not use, so the recorded calls are the calls made), the undo was
/// given what the containment reported, and the state the containment's reads found, with the containment's
/// recorded changes and then the undo's applied to it, is that state again.
/// </summary>
public sealed class UndoRoundTripTests
{
    public static TheoryData<string, string> Pairs() => new()
    {
        { "detach_instance/success.json", "attach_instance/success.json" },
        { "deregister_instance/everywhere_two_pages.json", "register_instance/success.json" },
        { "add_security_group/success.json", "restore_security_groups/success.json" },
        { "add_tag/replaces_value.json", "remove_tag/puts_back_previous_value.json" },
        { "add_tag/success.json", "remove_tag/removes_new_tag.json" },
        { "add_acl/success.json", "remove_acl/success.json" },
        { "disable_user_access/success.json", "enable_user_access/success.json" },
        { "contain_bucket/block_public_access.json", "revert_bucket_containment/success.json" },
        { "contain_bucket/existing_policy.json", "revert_bucket_containment/keeps_other_statements.json" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task The_undo_brings_back_the_state_the_containment_found(string containRecording, string undoRecording)
    {
        var contained = await ReplayAsync(containRecording);
        await ReplayAsync(undoRecording);
        var contain = Load(containRecording);
        var undo = Load(undoRecording);
        AssertGivenWhatContainmentReported(undo["parameters"]![0]!.AsObject(), contained.Result());

        var before = State.ReadBy(contain);
        var afterContainment = before.Apply(contain);
        Assert.False(before.SetEquals(afterContainment), $"{containRecording} changes nothing the reads show");
        var afterUndo = afterContainment.Apply(undo);
        Assert.Equal(before.Order(StringComparer.Ordinal), afterUndo.Order(StringComparer.Ordinal));
    }

    private static async Task<RunnerOutput> ReplayAsync(string recording)
    {
        var output = await RunnerHarness.RunAsync("--replay", Path.Combine(TestEnvironment.FixturesDirectory, recording), "--compact");
        Assert.True(output.ExitCode == 0, $"{recording}: {output.Stdout}{output.Stderr}");
        Assert.False(output.CalledAws, output.Stderr);
        Assert.DoesNotContain("never requested", output.Stderr, StringComparison.Ordinal);
        return output;
    }

    /// <summary>A JSON parameter of the undo is (part of) the containment's data; a recorded previous value or group is the one it reported.</summary>
    private static void AssertGivenWhatContainmentReported(JsonObject undoParameters, JsonObject containResult)
    {
        var data = containResult["data"]!.AsArray();
        foreach (var name in new[] { "deregistered", "previous_groups", "contain_result" }.Where(undoParameters.ContainsKey))
        {
            var given = JsonNode.Parse((string)undoParameters[name]!);
            JsonSubset.AssertContained(given is JsonArray ? given : new JsonArray(given), data);
        }
        if (undoParameters["previous_value"] is { } previous)
        {
            Assert.Equal((string?)data[0]!["PreviousValue"], (string?)previous);
        }
        if (undoParameters["autoscaling_group_name"] is { } group)
        {
            Assert.Equal((string?)containResult["summary"]!["autoscaling_group_name"], (string?)group);
        }
    }

    private static JsonObject Load(string recording) => ContainmentFixtures.Load(Path.Combine(TestEnvironment.FixturesDirectory, recording));

    /// <summary>
    /// What the recordings say about the resources, as facts ("tag i-… Owner=payments-team", "sg eni-… sg-…"):
    /// read from the first answer about each resource, changed by each recorded change in turn.
    /// </summary>
    private sealed class State : HashSet<string>
    {
        private State(IEnumerable<string> facts)
            : base(facts, StringComparer.Ordinal)
        {
        }

        public static State ReadBy(JsonObject recording)
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
            return new State(facts);
        }

        public State Apply(JsonObject recording)
        {
            var state = new State(this);
            foreach (var exchange in Exchanges(recording).Where(e => e.Status < 300))
            {
                state.Change(exchange);
            }
            return state;
        }

        private static IEnumerable<Recorded> Exchanges(JsonObject recording) => recording["exchanges"]!.AsArray().Select(e => new Recorded(
            (string?)e!["request"]!["method"] ?? "POST",
            (string?)e["request"]!["path"] ?? "/",
            e["request"]!["form"]?.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!) ?? [],
            (string?)e["request"]!["body"],
            (int)e["response"]!["status"]!,
            (string)e["response"]!["body"]!));

        /// <summary>The facts a read shows; a change shows none.</summary>
        private static IEnumerable<string> Facts(Recorded read)
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
                        foreach (var eni in Elements(instance, "networkInterfaceSet").Take(1).Elements())
                        {
                            foreach (var group in Elements(eni, "groupSet").Take(1).Elements())
                            {
                                yield return $"sg {Value(eni, "networkInterfaceId")} {Value(group, "groupId")}";
                            }
                        }
                    }
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

        private void Change(Recorded change)
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
                case "PutUserPolicy":
                    Add($"inline {form["UserName"]} {form["PolicyName"]}");
                    break;
                case "DeleteUserPolicy":
                    Remove($"inline {form["UserName"]} {form["PolicyName"]}");
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

    private sealed record Recorded(string Method, string Path, Dictionary<string, string> Form, string? RequestBody, int Status, string Body)
    {
        /// <summary>The form's action, or for S3 the method and subresource ("PUT ?policy").</summary>
        public string Action => Form.GetValueOrDefault("Action") ?? $"{Method} {Path[Path.IndexOf('?', StringComparison.Ordinal)..]}";

        /// <summary>Which resource a read is about: only the first answer about each is the state before.</summary>
        public string What => $"{Action} {string.Join("&", Form.Where(p => p.Key != "Action" && !p.Key.Contains("Marker", StringComparison.Ordinal)).Select(p => $"{p.Key}={p.Value}"))}{Form.GetValueOrDefault("Marker")}";

        public XDocument Xml => XDocument.Parse(Body);
    }
}
