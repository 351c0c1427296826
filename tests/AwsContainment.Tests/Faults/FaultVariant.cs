using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Aws.Transport;
using AwsContainment.Host.Serving;

namespace AwsContainment.Tests.Faults;

/// <summary>The transient faults every mutating call is put through.</summary>
public enum Fault
{
    /// <summary>AWS applies the call, then answers 503; the retry meets the changed state.</summary>
    ServerErrorAfterApplying,
    /// <summary>AWS applies the call, then the connection is cut before the answer; the retry meets the changed state.</summary>
    DropAfterApplying,
    /// <summary>The first attempt is throttled (nothing applied), the retry is answered as recorded.</summary>
    ThrottledOnce,
    /// <summary>Every attempt is throttled: nothing is applied.</summary>
    AlwaysThrottled,
}

/// <summary>
/// A recording with one fault injected on one mutating exchange, derived from the success recording: the fault on
/// the first attempt, and the retry answered the way AWS answers it (tests/fault-suite.json's <c>repeats</c>).
/// <see cref="NeverAsked"/> are answers that only a wrong runner asks for: a second snapshot of the same volume.
/// </summary>
internal sealed record FaultVariant(List<Exchange> Exchanges, List<Exchange> NeverAsked)
{
    private static readonly string[] ReadPrefixes = ["Describe", "List", "Get", "Lookup"];

    /// <summary><c>service:Operation</c>, or <c>s3:METHOD ?subresource</c> for S3's REST calls.</summary>
    public static string Operation(Exchange exchange) =>
        $"{exchange.Service}:{exchange.Form?.GetValueOrDefault("Action") ?? exchange.Target ?? $"{exchange.Method} ?{exchange.Path.Split('?').ElementAtOrDefault(1)}"}";

    /// <summary>Whether the call changes something in AWS.</summary>
    public static bool IsMutating(Exchange exchange)
    {
        var operation = Operation(exchange).Split(':')[1];
        return exchange.Form is not null || exchange.Target is not null
            ? !ReadPrefixes.Any(p => operation.StartsWith(p, StringComparison.Ordinal))
            : exchange.Method is not ("GET" or "HEAD");
    }

    public static FaultVariant Derive(IReadOnlyList<Exchange> original, int index, Fault fault, JsonObject repeats)
    {
        var target = original[index];
        var operation = Operation(target);
        var rule = repeats[operation] as JsonObject
            ?? throw new InvalidOperationException($"tests/fault-suite.json has no 'repeats' row for {operation}: say how AWS answers it when repeated");
        var exchanges = original.Take(index).ToList();
        var neverAsked = new List<Exchange>();
        switch (fault)
        {
            // A throttled call made nothing: it is repeated with no look-up, even a create without a token.
            case Fault.ThrottledOnce:
                exchanges.Add(Throttled(target));
                exchanges.Add(target);
                break;
            // The replay gives the throttle to every further attempt: the runner retries it for its time (100 ms in tests).
            case Fault.AlwaysThrottled:
                exchanges.Add(Throttled(target));
                break;
            default:
                exchanges.Add(fault == Fault.DropAfterApplying ? Dropped(target) : Unavailable(target));
                switch ((string?)rule["answer"])
                {
                    case "same":
                        exchanges.Add(target);
                        break;
                    case "duplicate":
                        // A repeated create makes a second resource: the runner must find the first one instead.
                        exchanges.Add(SnapshotLookup(target, found: true, original.Skip(index + 1)));
                        var duplicate = Answering(target, target.Status, target.Headers, Regex.Replace(target.Body, "snap-0", "snap-d"));
                        exchanges.Add(duplicate);
                        neverAsked.Add(duplicate);
                        break;
                    default:
                        exchanges.Add(RepeatRefused(target, rule));
                        exchanges.AddRange(ReadBacks(target, rule, original.Take(index)));
                        break;
                }
                break;
        }
        exchanges.AddRange(original.Skip(index + 1));
        return new FaultVariant(exchanges, neverAsked);
    }

    private static Exchange Throttled(Exchange target) => Answering(target, new FaultPlan(1, FaultKind.Throttle).Answer(target));

    private static Exchange Dropped(Exchange target) => new()
    {
        Service = target.Service, Method = target.Method, Path = target.Path, Form = target.Form, Target = target.Target, RequestBody = target.RequestBody, Fault = "drop",
    };

    private static Exchange Unavailable(Exchange target) => Answering(target, target.Service == "ec2"
        ? FaultPlan.ErrorAnswer(target, 503, "Unavailable", "The server is overloaded and can't handle the request.")
        : FaultPlan.ErrorAnswer(target, 503, "ServiceUnavailable", "Service is unable to handle request."));

    private static Exchange RepeatRefused(Exchange target, JsonObject rule)
    {
        var message = Regex.Replace((string)rule["message"]!, @"\{([^}]+)\}", m => target.Form?.GetValueOrDefault(m.Groups[1].Value) ?? m.Value);
        return Answering(target, FaultPlan.ErrorAnswer(target, (int)rule["status"]!, (string)rule["code"]!, message));
    }

    /// <summary>What the runner reads after the refused repeat, answered as AWS would after the change.</summary>
    private static IEnumerable<Exchange> ReadBacks(Exchange target, JsonObject rule, IEnumerable<Exchange> before)
    {
        if ((string?)rule["from"] is { } from)
        {
            // The same repeat recorded on its own: its read-backs follow the refused repeat there.
            var recorded = Recording.Load(Path.Combine(TestEnvironment.FixturesDirectory, from)).Exchanges;
            var refused = recorded.FindIndex(e => Operation(e) == Operation(target) && e.Status == (int)rule["status"]!);
            return recorded.Skip(refused + 1).TakeWhile(e => !IsMutating(e) && e.Service == target.Service);
        }
        var form = target.Form!;
        return (string?)rule["derive"] switch
        {
            null => [],
            "get_user" => [Answer("iam", target.Body.Replace("CreateUser", "GetUser", StringComparison.Ordinal), ("Action", "GetUser"), ("UserName", form["UserName"]))],
            "get_group" => [Answer("iam", IamBody("GetGroup", Element(target.Body, "Group") + "<Users/><IsTruncated>false</IsTruncated>"), ("Action", "GetGroup"), ("GroupName", form["GroupName"]), ("MaxItems", "1"))],
            "get_local_policy" => [
                Answer("iam",
                    IamBody("ListPolicies", $"<Policies><member>{Regex.Replace(Inner(target.Body, "Policy"), "<Description>.*?</Description>", "", RegexOptions.Singleline)}</member></Policies><IsTruncated>false</IsTruncated>"),
                    ("Action", "ListPolicies"), ("Scope", "Local"), ("OnlyAttached", "false"), ("MaxItems", "1000")),
                Answer("iam", target.Body.Replace("CreatePolicy", "GetPolicy", StringComparison.Ordinal), ("Action", "GetPolicy"), ("PolicyArn", Inner(target.Body, "Arn"))),
            ],
            "security_group_lookup" => [SecurityGroupLookup(target)],
            "auto_scaling_attached" => [
                // The instance back InService in the group the refused repeat named.
                Answer("autoscaling",
                    $"<DescribeAutoScalingInstancesResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\"><DescribeAutoScalingInstancesResult><AutoScalingInstances><member>"
                    + $"<InstanceId>{form["InstanceIds.member.1"]}</InstanceId><AutoScalingGroupName>{form["AutoScalingGroupName"]}</AutoScalingGroupName><AvailabilityZone>us-east-1a</AvailabilityZone>"
                    + $"<LifecycleState>InService</LifecycleState><HealthStatus>HEALTHY</HealthStatus><ProtectedFromScaleIn>false</ProtectedFromScaleIn></member></AutoScalingInstances>"
                    + $"</DescribeAutoScalingInstancesResult><ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata></DescribeAutoScalingInstancesResponse>",
                    ("Action", "DescribeAutoScalingInstances"), ("InstanceIds.member.1", form["InstanceIds.member.1"])),
            ],
            "auto_scaling_detaching" => [
                // The instance as read before the detach, now leaving; the group's activities hold the detach.
                Answering(
                    before.Last(e => Operation(e) == "autoscaling:DescribeAutoScalingInstances" && e.Form!.ContainsValue(form["InstanceIds.member.1"])),
                    200,
                    JsonHeaders(target),
                    Regex.Replace(before.Last(e => Operation(e) == "autoscaling:DescribeAutoScalingInstances" && e.Form!.ContainsValue(form["InstanceIds.member.1"])).Body, "<LifecycleState>[^<]*</LifecycleState>", "<LifecycleState>Detaching</LifecycleState>")),
                Answer("autoscaling",
                    $"<DescribeScalingActivitiesResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\"><DescribeScalingActivitiesResult>{Element(target.Body, "Activities")}</DescribeScalingActivitiesResult><ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata></DescribeScalingActivitiesResponse>",
                    ("Action", "DescribeScalingActivities"), ("AutoScalingGroupName", form["AutoScalingGroupName"])),
            ],
            var other => throw new InvalidOperationException($"tests/fault-suite.json names an unknown read-back '{other}'"),
        };
    }

    /// <summary>
    /// DescribeSnapshots by the create's token: the snapshots its first attempt made, or none. A copy's answer holds
    /// only its id: it is listed as the recording lists it <paramref name="after"/> the copy.
    /// </summary>
    private static Exchange SnapshotLookup(Exchange create, bool found, IEnumerable<Exchange>? after = null)
    {
        var form = create.Form!;
        var tokenKey = form.First(p => p.Value == CreationToken.TagKey).Key;
        var token = form[tokenKey[..^"Key".Length] + "Value"];
        var items = !found ? ""
            : Operation(create) switch
            {
                "ec2:CreateSnapshots" => Inner(create.Body, "snapshotSet").Replace("<state>", "<status>", StringComparison.Ordinal).Replace("</state>", "</status>", StringComparison.Ordinal),
                "ec2:CopySnapshot" => Inner(after!.First(e => Operation(e) == "ec2:DescribeSnapshots" && e.Form!.GetValueOrDefault("SnapshotId.1") == Inner(create.Body, "snapshotId")).Body, "snapshotSet"),
                _ => $"<item>{Regex.Replace(create.Body, @"(?s).*?<requestId>[^<]*</requestId>(.*)</CreateSnapshotResponse>.*", "$1")}</item>",
            };
        return Answer("ec2", Ec2Body("DescribeSnapshots", $"<snapshotSet>{items}</snapshotSet>"),
            ("Action", "DescribeSnapshots"), ("Owner.1", "self"), ("Filter.1.Name", "tag:" + CreationToken.TagKey), ("Filter.1.Value.1", token));
    }

    /// <summary>DescribeSecurityGroups by VPC and name: the group the create made, with EC2's one default rule.</summary>
    private static Exchange SecurityGroupLookup(Exchange create)
    {
        var form = create.Form!;
        var tags = string.Concat(form.Where(p => Regex.IsMatch(p.Key, @"^TagSpecification\.1\.Tag\.\d+\.Key$"))
            .Select(p => $"<item><key>{p.Value}</key><value>{form[p.Key[..^"Key".Length] + "Value"]}</value></item>"));
        var group = $"<item><ownerId>123456789012</ownerId><groupId>{Inner(create.Body, "groupId")}</groupId><groupName>{form["GroupName"]}</groupName>"
            + $"<groupDescription>{System.Security.SecurityElement.Escape(form["GroupDescription"])}</groupDescription><vpcId>{form["VpcId"]}</vpcId><ipPermissions/>"
            + "<ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item></ipPermissionsEgress>"
            + $"<tagSet>{tags}</tagSet><securityGroupArn>{Inner(create.Body, "securityGroupArn")}</securityGroupArn></item>";
        return Answer("ec2", Ec2Body("DescribeSecurityGroups", $"<securityGroupInfo>{group}</securityGroupInfo>"),
            ("Action", "DescribeSecurityGroups"), ("Filter.1.Name", "vpc-id"), ("Filter.1.Value.1", form["VpcId"]), ("Filter.2.Name", "group-name"), ("Filter.2.Value.1", form["GroupName"]));
    }

    private static Dictionary<string, string> JsonHeaders(Exchange like) => new(like.Headers) { ["x-amzn-requestid"] = Guid.NewGuid().ToString() };

    private static Exchange Answering(Exchange request, Exchange answer) => Answering(request, answer.Status, answer.Headers, answer.Body);

    private static Exchange Answering(Exchange request, int status, Dictionary<string, string> headers, string body) => new()
    {
        Service = request.Service, Method = request.Method, Path = request.Path, Form = request.Form, Target = request.Target, RequestBody = request.RequestBody,
        Status = status, Headers = headers, Body = body,
    };

    private static Exchange Answer(string service, string body, params (string Name, string Value)[] form) => new()
    {
        Service = service,
        Form = form.ToDictionary(p => p.Name, p => p.Value),
        Headers = new() { ["content-type"] = service == "ec2" ? "text/xml;charset=UTF-8" : "text/xml", ["date"] = "Tue, 24 Nov 2026 03:12:48 GMT", ["x-amzn-requestid"] = RequestIdOf(body) },
        Body = body,
    };

    private static string IamBody(string action, string result) =>
        $"<{action}Response xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><{action}Result>{result}</{action}Result><ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata></{action}Response>";

    private static string Ec2Body(string action, string result) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{action}Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>{Guid.NewGuid()}</requestId>{result}</{action}Response>";

    private static string RequestIdOf(string body) => Regex.Match(body, "<(?:RequestId|requestId)>([^<]+)<").Groups[1].Value;

    private static string Element(string xml, string name) => Regex.Match(xml, $"<{name}>.*?</{name}>", RegexOptions.Singleline).Value;

    private static string Inner(string xml, string name) => Regex.Match(xml, $"<{name}>(.*?)</{name}>", RegexOptions.Singleline).Groups[1].Value;
}
