using System.Text;
using System.Text.Json.Nodes;
using AwsContainment.Host.Contract;

namespace AwsContainment.Tests.BadInput;

/// <summary>Where a bad input comes in.</summary>
public enum Surface
{
    CommandLine,
    ParamsFile,
    AssetFile,
    TestFile,
    ServeLine,
    ServeHttp,
}

/// <summary>
/// One bad input and the answer it must get: <see cref="ExitCode"/> (1 a failed parameter set, 2 a usage error)
/// and a message naming <see cref="Names"/> (the field, option or file at fault).
/// </summary>
internal sealed record BadInputCase(string Id, Surface Surface, int ExitCode, string Names, Func<BadInputHosts, Task<Answer>> Run);

/// <summary>
/// The table of bad inputs: derived from the contract (every action × every parameter with a rule: wrong type,
/// out of range, bad pattern or value type, too long, missing when required), so a new action is covered as soon
/// as it is in app.json, and written out for what the contract cannot say (duplicate keys, unknown fields, broken
/// text, forged journals, out-of-range options, unusable files), each on every surface it can arrive through.
/// </summary>
internal static class BadInputCases
{
    /// <summary>Bytes that are not UTF-8 (a lone continuation byte, an invalid lead byte).</summary>
    private static readonly byte[] NotUtf8 = [0x80, 0xFF];

    private static readonly Surface[] SetSurfaces = [Surface.CommandLine, Surface.ParamsFile, Surface.TestFile, Surface.ServeLine, Surface.ServeHttp];
    private static readonly Surface[] OneShotSurfaces = [Surface.CommandLine, Surface.ParamsFile, Surface.TestFile];
    private static readonly Surface[] JsonSetSurfaces = [Surface.ParamsFile, Surface.TestFile, Surface.ServeLine, Surface.ServeHttp];
    private static readonly Surface[] AssetSurfaces = [Surface.AssetFile, Surface.TestFile, Surface.ServeLine, Surface.ServeHttp];

    public static IReadOnlyDictionary<string, BadInputCase> All { get; } = Build();

    private static Dictionary<string, BadInputCase> Build()
    {
        var cases = new List<BadInputCase>();
        cases.AddRange(FromContract(AppContract.LoadDefault()));
        cases.AddRange(ParameterValues());
        cases.AddRange(ForgedJournals());
        cases.AddRange(Structures());
        cases.AddRange(Assets());
        cases.AddRange(CommandLine());
        return cases.ToDictionary(c => c.Id);
    }

    /// <summary>Every action × every parameter with a rule, each broken every way the rule can be, spread over the surfaces.</summary>
    private static IEnumerable<BadInputCase> FromContract(AppContract contract)
    {
        var turn = 0;
        foreach (var action in contract.Actions)
        {
            foreach (var parameter in action.Parameters)
            {
                foreach (var (how, value) in BadValues(parameter))
                {
                    var surfaces = value is JsonValue ? SetSurfaces : JsonSetSurfaces;
                    var surface = surfaces[turn++ % surfaces.Length];
                    var set = value is null ? new JsonObject() : new JsonObject { [parameter.Name] = value };
                    yield return Set(surface, $"{action.Identifier}.{parameter.Name} {how}", action.Name, set, 1, $"'{parameter.Name}'");
                }
            }
        }
    }

    private static IEnumerable<(string How, JsonNode? Value)> BadValues(ParameterSpec parameter)
    {
        if (parameter.Required && parameter.Default is null)
        {
            yield return ("missing", null);
        }
        switch (parameter.DataType)
        {
            case "numeric":
                yield return ("not a number", "twelve");
                yield return ("a fraction", 1.5);
                if (parameter.Minimum is { } min)
                {
                    yield return ("below its minimum", min - 1);
                }
                if (parameter.Maximum is { } max)
                {
                    yield return ("above its maximum", max + 1);
                }
                break;
            case "boolean":
                yield return ("not a boolean", "maybe");
                yield return ("a list", new JsonArray(true));
                break;
            default:
                yield return ("an object", new JsonObject { ["nested"] = "value" });
                if (parameter.ValueList.Count > 0)
                {
                    yield return ("not one of its values", "none-of-these");
                }
                else if (parameter.Pattern is not null || parameter.Contains.Count > 0)
                {
                    yield return ("breaking its rule", "\u0007bad value;rm -rf /");
                }
                if (parameter.MaxLength is { } length)
                {
                    yield return ("too long", new string('a', length + 1));
                }
                break;
        }
    }

    /// <summary>Values the contract's rules alone would not catch: the handler's own checks, still before any call.</summary>
    private static IEnumerable<BadInputCase> ParameterValues()
    {
        var acl = new JsonObject { ["network_acl_id"] = "acl-0a1b2c3d4e5f60718", ["egress_rule"] = false, ["rule_action"] = "deny", ["rule_number"] = 100 };
        foreach (var address in (string[])["[2001:db8::1]:443", "2001:db8::1%eth0", "192.168.001.010", "10.0.0.1:22", "::ffff:10.0.0.1]"])
        {
            yield return Set(Surface.CommandLine, $"add_acl.ip {address}", "add acl", With(acl, "ip", address), 1, "'ip'");
            yield return Set(Surface.ServeHttp, $"add_acl.ip {address}", "add acl", With(acl, "ip", address), 1, "'ip'");
        }
        foreach (var end in (string[])["9999-12-31", "0001-01-01", "9999-12-31T23:59:59Z", "2000-01-01"])
        {
            var lookup = new JsonObject { ["access_key_id"] = "AKIAIOSFODNN7EXAMPLE", ["end_time"] = end };
            foreach (var surface in SetSurfaces)
            {
                yield return Set(surface, $"lookup_credential_activity.end_time {end}", "lookup credential activity", lookup, 1, "end_time");
            }
        }
        foreach (var surface in SetSurfaces)
        {
            yield return Set(surface, "add_tag.tag_value replacement character", "add tag",
                new JsonObject { ["instance"] = "i-0a1b2c3d4e5f60718", ["tag_key"] = "Quarantine", ["tag_value"] = "tr\uFFFDe" }, 2, "tag_value");
            yield return Set(surface, "describe_instance.instance trailing newline inside", "describe instance",
                new JsonObject { ["instance"] = "i-0a1b2c3d\n4e5f60718" }, 1, "'instance'");
        }
    }

    /// <summary>Journals revert containment must refuse before any call: forged ids, wrong types, nulls, extra or doubled fields.</summary>
    private static IEnumerable<BadInputCase> ForgedJournals()
    {
        var forgeries = new (string How, string Names, Func<string> Journal)[]
        {
            ("group id with a shell command", "GroupId", () => Forge(j => j["state"]!["network_interfaces"]![0]!["Groups"]![0]!["GroupId"] = "sg-zzzz;rm -rf /")),
            ("Auto Scaling group with a path", "AutoScalingGroupName", () => Forge(j => j["state"]!["auto_scaling_group"]!["AutoScalingGroupName"] = "prod asg:../x")),
            ("null state", "state", () => Forge(j => j["state"] = null)),
            ("no state", "state", () => Forge(j => j.Remove("state"))),
            ("instance id with a trailing newline", "instance_id", () => Forge(j => j["instance_id"] = "i-0a1b2c3d4e5f60718\n")),
            ("instance id with a trailing space", "instance_id", () => Forge(j => j["instance_id"] = "i-0a1b2c3d4e5f60718 ")),
            ("instance id as a number", "instance_id", () => Forge(j => j["instance_id"] = 42)),
            ("null instance id", "instance_id", () => Forge(j => j["instance_id"] = null)),
            ("unknown field", "shell", () => Forge(j => j["shell"] = "rm -rf /")),
            ("unknown field in the state", "extra", () => Forge(j => j["state"]!["extra"] = 1)),
            ("region with a command", "region", () => Forge(j => j["region"] = "us-east-1; curl evil")),
            ("classic load balancer with spaces", "classic_load_balancers", () => Forge(j => j["state"]!["classic_load_balancers"]![0] = "web elb; x")),
            ("target group that is not an ARN", "TargetGroupArn", () => Forge(j => j["state"]!["target_groups"]![0]!["TargetGroupArn"] = "arn:aws:evil")),
            ("target port out of range", "Port", () => Forge(j => j["state"]!["target_groups"]![0]!["Targets"]![0]!["Port"] = 70000)),
            ("network interface id with a path", "NetworkInterfaceId", () => Forge(j => j["state"]!["network_interfaces"]![0]!["NetworkInterfaceId"] = "eni-../../x")),
            ("shutdown behaviour not stop or terminate", "shutdown_behavior", () => Forge(j => j["state"]!["shutdown_behavior"] = "explode")),
            ("instance profile that is a role", "instance_profile_arn", () => Forge(j => j["state"]!["instance_profile_arn"] = "arn:aws:iam::123456789012:role/admin")),
            ("case id with spaces", "case_id", () => Forge(j => j["case_id"] = "IR 42; x")),
            ("termination protection as text", "termination_protection", () => Forge(j => j["state"]!["termination_protection"] = "off")),
            ("captured_at not a time", "captured_at", () => Forge(j => j["captured_at"] = "yesterday")),
            ("duplicated instance id", "instance_id", () => Journal().Replace("\"instance_id\": \"i-0a1b2c3d4e5f60718\",", "\"instance_id\": \"i-0a1b2c3d4e5f60718\", \"instance_id\": \"i-0fffffffffffffff0\",", StringComparison.Ordinal)),
            ("lone surrogate", "UTF-8", () => Journal().Replace("\"IR-2026-0042\"", "\"IR-\\ud800\"", StringComparison.Ordinal)),
        };
        var turn = 0;
        foreach (var (how, names, journal) in forgeries)
        {
            var text = journal();
            yield return Set(SetSurfaces[turn % SetSurfaces.Length], $"revert_containment.journal {how}", "revert containment", new JsonObject { ["journal"] = text }, 1, names);
            // A file is refused without a word of what it holds; serve takes no path at all (see the case below).
            yield return Set(OneShotSurfaces[turn++ % OneShotSurfaces.Length], $"revert_containment.journal_path {how}", "revert containment", new JsonObject { ["journal_path"] = RunnerHarness.TempFile(text) }, 1, "what it holds is not shown");
        }
        yield return Set(Surface.CommandLine, "revert_containment.journal_path /dev/zero", "revert containment", new JsonObject { ["journal_path"] = "/dev/zero" }, 1, "/dev/zero");
        foreach (var surface in new[] { Surface.ServeLine, Surface.ServeHttp })
        {
            yield return Set(surface, "revert_containment.journal_path a path in serve", "revert containment", new JsonObject { ["journal_path"] = "/etc/shadow" }, 1, "names a file in this host's journal folder");
        }
    }

    /// <summary>Duplicate keys, unknown fields, wrong shapes and broken text in parameter sets, test files and serve requests.</summary>
    private static IEnumerable<BadInputCase> Structures()
    {
        var rawSets = new (string How, string Names, byte[] Json)[]
        {
            ("duplicate key", "instance", Utf8("""{"instance": "i-0a1b2c3d4e5f60718", "instance": "i-0fffffffffffffff0"}""")),
            ("duplicate key in the second set", "instance", Utf8("""[{"instance": "i-0a1b2c3d4e5f60718"}, {"instance": "i-0a1b2c3d4e5f60718", "instance": "i-0a1b2c3d4e5f60718"}]""")),
            ("invalid UTF-8 in a value", "UTF-8", [.. Utf8("{\"instance\": \"i-0a1b"), .. NotUtf8, .. Utf8("\"}")]),
            ("invalid UTF-8 in a key", "UTF-8", [.. Utf8("{\"inst"), .. NotUtf8, .. Utf8("\": \"i-0a1b2c3d4e5f60718\"}")]),
            ("lone surrogate escape", "UTF-8", Utf8("""{"instance": "i-0a1b\ud800"}""")),
            ("a set that is a number", "parameter set 1", Utf8("[1]")),
            ("a set that is null", "parameter set 2", Utf8("""[{"instance": "i-0a1b2c3d4e5f60718"}, null]""")),
            ("not JSON", "JSON", Utf8("""{"instance": i-0a1b2c3d4e5f60718}""")),
            ("trailing garbage", "JSON", Utf8("""{"instance": "i-0a1b2c3d4e5f60718"} {}""")),
            ("nested too deep", "JSON", Utf8(new string('[', 100) + new string(']', 100))),
        };
        foreach (var (how, names, json) in rawSets)
        {
            foreach (var surface in JsonSetSurfaces)
            {
                yield return RawSet(surface, $"parameters {how}", "describe instance", json, 2, names);
            }
        }

        var testFiles = new (string How, string Names, string Json)[]
        {
            ("action that is a number", "action", """{"action": 42, "parameters": [{}]}"""),
            ("identifier that is a list", "identifier", """{"identifier": ["test_connectivity"], "parameters": [{}]}"""),
            ("parameters that is an object", "parameters", """{"action": "test connectivity", "parameters": {"x": 1}}"""),
            ("parameters that is a string", "parameters", """{"action": "test connectivity", "parameters": "none"}"""),
            ("parameters holding a number", "parameters", """{"action": "test connectivity", "parameters": [1]}"""),
            ("config that is a string", "config", """{"action": "test connectivity", "config": "us-east-1", "parameters": [{}]}"""),
            ("unknown field", "actoin", """{"actoin": "test connectivity", "action": "test connectivity", "parameters": [{}]}"""),
            ("duplicate action", "action", """{"action": "test connectivity", "action": "delete user", "parameters": [{}]}"""),
            ("duplicate key in config", "region", """{"action": "test connectivity", "config": {"region": "us-east-1", "region": "eu-west-1"}, "parameters": [{}]}"""),
            ("unknown config field", "regoin", """{"action": "test connectivity", "config": {"region": "us-east-1", "regoin": "x"}, "parameters": [{}]}"""),
            ("a list", "object", """[{"action": "test connectivity"}]"""),
        };
        foreach (var (how, names, json) in testFiles)
        {
            yield return File(Surface.TestFile, $"test file {how}", Utf8(json), 2, names);
        }

        var requests = new (string How, string Names, string Json)[]
        {
            ("without an id", "id", """{"action": "test connectivity", "asset": {"region": "us-east-1"}}"""),
            ("with a null id", "id", """{"id": null, "action": "test connectivity", "asset": {"region": "us-east-1"}}"""),
            ("with an object id", "id", """{"id": {"n": 1}, "action": "test connectivity", "asset": {"region": "us-east-1"}}"""),
            ("with a list id", "id", """{"id": [1], "action": "test connectivity", "asset": {"region": "us-east-1"}}"""),
            ("with a boolean id", "id", """{"id": true, "action": "test connectivity", "asset": {"region": "us-east-1"}}"""),
            ("with an unknown field", "params", """{"id": 1, "action": "test connectivity", "params": {}, "asset": {"region": "us-east-1"}}"""),
            ("with a duplicate action", "action", """{"id": 1, "action": "test connectivity", "action": "delete user", "asset": {"region": "us-east-1"}}"""),
            ("with a duplicate id", "id", """{"id": 1, "id": 2, "action": "test connectivity", "asset": {"region": "us-east-1"}}"""),
            ("with an action that is a number", "action", """{"id": 1, "action": 7, "asset": {"region": "us-east-1"}}"""),
            ("with an asset that is a string", "asset", """{"id": 1, "action": "test connectivity", "asset": "us-east-1"}"""),
            ("with parameters that are a string", "parameters", """{"id": 1, "action": "test connectivity", "parameters": "x", "asset": {"region": "us-east-1"}}"""),
            ("with a parameter set that is a list", "parameter set 1", """{"id": 1, "action": "test connectivity", "parameters": [[]], "asset": {"region": "us-east-1"}}"""),
            ("that is a list", "object", """[{"id": 1}]"""),
            ("that is a number", "object", "42"),
            ("with a lone surrogate", "UTF-8", """{"id": 1, "action": "test connectivity\udc00", "asset": {"region": "us-east-1"}}"""),
            ("with a replacement character", "UTF-8", "{\"id\": 1, \"action\": \"test connectivity\", \"asset\": {\"region\": \"us-east-1\uFFFD\"}}"),
        };
        foreach (var (how, names, json) in requests)
        {
            yield return File(Surface.ServeLine, $"request {how}", Utf8(json), 2, names);
            yield return File(Surface.ServeHttp, $"request {how}", Utf8(json), 2, names);
        }
        yield return File(Surface.ServeHttp, "request with invalid UTF-8", [.. Utf8("{\"id\": 1, \"action\": \"test connectivity\", \"asset\": {\"region\": \"us-east-1"), .. NotUtf8, .. Utf8("\"}}")], 2, "UTF-8");
    }

    /// <summary>Bad asset configurations, through every surface that carries an asset.</summary>
    private static IEnumerable<BadInputCase> Assets()
    {
        var assets = new (string How, string Names, string Json)[]
        {
            ("access key id without its secret", "aws_secret_access_key", """{"region": "us-east-1", "endpoint_url": "{endpoint}", "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE"}"""),
            ("secret without its access key id", "aws_access_key_id", $$"""{"region": "us-east-1", "endpoint_url": "{endpoint}", "aws_secret_access_key": "{{BadInputHosts.Secret}}"}"""),
            ("session token without keys", "aws_session_token", $$"""{"region": "us-east-1", "endpoint_url": "{endpoint}", "aws_session_token": "{{BadInputHosts.SessionToken}}"}"""),
            ("the secret key in region", "region", $$"""{"region": "{{BadInputHosts.Secret}}", "endpoint_url": "{endpoint}", "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key": "{{BadInputHosts.Secret}}"}"""),
            ("the session token in region", "region", $$"""{"region": "{{BadInputHosts.SessionToken}}", "endpoint_url": "{endpoint}", "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key": "{{BadInputHosts.Secret}}", "aws_session_token": "{{BadInputHosts.SessionToken}}"}"""),
            ("the secret key in forensics_machine", "forensics_machine", $$"""{"region": "us-east-1", "endpoint_url": "{endpoint}", "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key": "{{BadInputHosts.Secret}}", "forensics_machine": "{{BadInputHosts.Secret}}"}"""),
            ("an emulator's placeholder key without endpoint_url", "aws_access_key_id", """{"region": "us-east-1", "aws_access_key_id": "test", "aws_secret_access_key": "test"}"""),
            ("duplicate region", "region", """{"region": "us-east-1", "region": "eu-west-1", "endpoint_url": "{endpoint}"}"""),
            ("unknown field", "regoin", """{"region": "us-east-1", "regoin": "eu-west-1", "endpoint_url": "{endpoint}"}"""),
            ("region that is a number", "region", """{"region": 1, "endpoint_url": "{endpoint}"}"""),
            ("region with a newline inside", "region", """{"region": "us-east\n-1", "endpoint_url": "{endpoint}"}"""),
            ("no region", "region", """{"endpoint_url": "{endpoint}"}"""),
            ("endpoint that is not http", "endpoint_url", """{"region": "us-east-1", "endpoint_url": "file:///etc/passwd"}"""),
            ("forensics machine that is not an instance id", "forensics_machine", """{"region": "us-east-1", "endpoint_url": "{endpoint}", "forensics_machine": "i-0abc;x"}"""),
            ("role that is not a role ARN", "role_arn", """{"region": "us-east-1", "endpoint_url": "{endpoint}", "role_arn": "arn:aws:iam::123456789012:user/admin"}"""),
            ("lone surrogate in region", "UTF-8", """{"region": "us-east-\udfff", "endpoint_url": "{endpoint}"}"""),
            ("allowed account that is not an account id", "cross_account_allowed_accounts", """{"region": "us-east-1", "endpoint_url": "{endpoint}", "cross_account_role_name": "SecurityResponseRole", "cross_account_allowed_accounts": "111122223333,*"}"""),
            ("allowed accounts that are a list", "cross_account_allowed_accounts", """{"region": "us-east-1", "endpoint_url": "{endpoint}", "cross_account_allowed_accounts": ["111122223333"]}"""),
        };
        foreach (var (how, names, json) in assets)
        {
            foreach (var surface in AssetSurfaces)
            {
                yield return RawAsset(surface, $"asset {how}", Utf8(json), names);
            }
        }
        yield return RawAsset(Surface.AssetFile, "asset with invalid UTF-8", [.. Utf8("{\"endpoint_url\": \"{endpoint}\", \"region\": \"us-east-"), .. NotUtf8, .. Utf8("\"}")], "UTF-8");
    }

    /// <summary>Options out of range, doubled or missing, and files that are not files, on the command line.</summary>
    private static IEnumerable<BadInputCase> CommandLine()
    {
        var run = new[] { "--action", "test connectivity", "--asset", BadInputHosts.AssetPlaceholder };
        var options = new (string How, string Names, string[] Args)[]
        {
            ("--timeout NaN", "--timeout", [.. run, "--timeout", "NaN"]),
            ("--timeout negative", "--timeout", [.. run, "--timeout", "-1"]),
            ("--timeout 0", "--timeout", [.. run, "--timeout", "0"]),
            ("--timeout huge", "--timeout", [.. run, "--timeout", "1e300"]),
            ("--timeout infinite", "--timeout", [.. run, "--timeout", "Infinity"]),
            ("--timeout not a number", "--timeout", [.. run, "--timeout", "soon"]),
            ("--timeout missing", "--timeout", [.. run, "--timeout"]),
            ("--max-parallel 0", "--max-parallel", [.. run, "--max-parallel", "0"]),
            ("--max-parallel negative", "--max-parallel", [.. run, "--max-parallel", "-3"]),
            ("--max-parallel huge", "--max-parallel", [.. run, "--max-parallel", "1000000"]),
            ("--max-parallel too big for an int", "--max-parallel", [.. run, "--max-parallel", "99999999999"]),
            ("--param twice", "rule_action", ["--action", "add acl", "--asset", BadInputHosts.AssetPlaceholder, "--param", "rule_action=deny", "--param", "rule_action=allow"]),
            ("--param twice with spaces", "instance", ["--action", "describe instance", "--asset", BadInputHosts.AssetPlaceholder, "--param", "instance=i-0a1b2c3d4e5f60718", "--param", " instance =i-0a1b2c3d4e5f60718"]),
            ("--param without =", "--param", [.. run, "--param", "instance"]),
            ("--param with an empty key", "--param", [.. run, "--param", "=x"]),
            ("--param with a replacement character", "--param", ["--action", "describe instance", "--asset", BadInputHosts.AssetPlaceholder, "--param", "instance=i-0a1b\uFFFD"]),
            ("--params /dev/zero", "/dev/zero", [.. run, "--params", "/dev/zero"]),
            ("--asset /dev/zero", "/dev/zero", ["--action", "test connectivity", "--asset", "/dev/zero"]),
            ("test file /dev/zero", "/dev/zero", ["/dev/zero"]),
            ("--params a directory", "folder", [.. run, "--params", Path.GetTempPath()]),
            ("--asset a directory", "folder", ["--action", "test connectivity", "--asset", Path.GetTempPath()]),
            ("--params an empty file", "JSON", [.. run, "--params", RunnerHarness.TempFile("")]),
            ("--params a missing file", "no-such-file", [.. run, "--params", Path.Combine(Path.GetTempPath(), "no-such-file.json")]),
            ("--replay /dev/zero", "/dev/zero", [.. run, "--replay", "/dev/zero"]),
            ("unknown action", "reboot everything", ["--action", "reboot everything", "--asset", BadInputHosts.AssetPlaceholder]),
            ("unknown option", "--bogus", [.. run, "--bogus"]),
            ("--output not json or table", "yaml", [.. run, "--output", "yaml"]),
            ("serve --replay /dev/zero", "/dev/zero", ["serve", "--replay", "/dev/zero"]),
            ("serve --http above 65535", "--http", ["serve", "--http", "70000", "--token-file", BadInputHosts.TokenPlaceholder]),
            ("serve --http negative", "--http", ["serve", "--http", "-1", "--token-file", BadInputHosts.TokenPlaceholder]),
            ("serve --http without a port", "--http", ["serve", "--http", "--token-file", BadInputHosts.TokenPlaceholder]),
            ("serve --http not a number", "--http", ["serve", "--http", "eighty", "--token-file", BadInputHosts.TokenPlaceholder]),
            ("serve --max-requests 0", "--max-requests", ["serve", "--max-requests", "0"]),
            ("serve --max-parallel huge", "--max-parallel", ["serve", "--max-parallel", "100000"]),
            ("serve --timeout NaN", "--timeout", ["serve", "--timeout", "NaN"]),
            ("serve --asset /dev/zero", "/dev/zero", ["serve", "--asset", "/dev/zero"]),
            ("serve --token-file /dev/zero", "/dev/zero", ["serve", "--http", "0", "--token-file", "/dev/zero"]),
            ("replay-server --port above 65535", "--port", ["replay-server", "--fixtures", BadInputHosts.EmptyRecordingPlaceholder, "--port", "65536"]),
            ("replay-server --port negative", "--port", ["replay-server", "--fixtures", BadInputHosts.EmptyRecordingPlaceholder, "--port", "-80"]),
            ("replay-server --latency-ms NaN", "--latency-ms", ["replay-server", "--fixtures", BadInputHosts.EmptyRecordingPlaceholder, "--latency-ms", "NaN"]),
            ("replay-server --latency-ms negative", "--latency-ms", ["replay-server", "--fixtures", BadInputHosts.EmptyRecordingPlaceholder, "--latency-ms", "-5"]),
            ("replay-server --fault-every negative", "--fault-every", ["replay-server", "--fixtures", BadInputHosts.EmptyRecordingPlaceholder, "--fault-every", "-1"]),
            ("replay-server --fault unknown", "--fault", ["replay-server", "--fixtures", BadInputHosts.EmptyRecordingPlaceholder, "--fault", "meteor"]),
        };
        foreach (var (how, names, args) in options)
        {
            yield return new BadInputCase($"{Surface.CommandLine}: {how}", Surface.CommandLine, 2, names, hosts => hosts.RunArgsAsync(args));
        }
        yield return new BadInputCase($"{Surface.CommandLine}: --params a FIFO", Surface.CommandLine, 2, "not a regular file", hosts => hosts.RunArgsAsync([.. run, "--params", hosts.Fifo]));
        yield return new BadInputCase($"{Surface.CommandLine}: --asset a FIFO", Surface.CommandLine, 2, "not a regular file", hosts => hosts.RunArgsAsync(["--action", "test connectivity", "--asset", hosts.Fifo]));
        yield return new BadInputCase($"{Surface.CommandLine}: test file a FIFO", Surface.CommandLine, 2, "not a regular file", hosts => hosts.RunArgsAsync([hosts.Fifo]));
        yield return new BadInputCase($"{Surface.CommandLine}: --params holding more than the input limit", Surface.CommandLine, 2, "MiB", hosts => hosts.RunArgsAsync([.. run, "--params", hosts.OversizeFile]));
    }

    private static BadInputCase Set(Surface surface, string how, string action, JsonObject parameters, int exitCode, string names) =>
        new($"{surface}: {how}", surface, exitCode, names, hosts => hosts.RunSetAsync(surface, action, parameters));

    private static BadInputCase RawSet(Surface surface, string how, string action, byte[] parameters, int exitCode, string names) =>
        new($"{surface}: {how}", surface, exitCode, names, hosts => hosts.RunRawSetAsync(surface, action, parameters));

    private static BadInputCase RawAsset(Surface surface, string how, byte[] asset, string names) =>
        new($"{surface}: {how}", surface, 2, names, hosts => hosts.RunRawAssetAsync(surface, asset));

    private static BadInputCase File(Surface surface, string how, byte[] content, int exitCode, string names) =>
        new($"{surface}: {how}", surface, exitCode, names, hosts => hosts.RunFileAsync(surface, content));

    private static JsonObject With(JsonObject set, string name, string value)
    {
        var copy = (JsonObject)set.DeepClone();
        copy[name] = value;
        return copy;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The journal contain instance wrote in the revert fixtures: real, so only the forged part is wrong.</summary>
    private static string Journal() =>
        (string)((JsonObject)JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(TestEnvironment.FixturesDirectory, "revert_containment", "after_contain.json")))!)["parameters"]![0]!["journal"]!;

    private static string Forge(Action<JsonObject> forge)
    {
        var journal = (JsonObject)JsonNode.Parse(Journal())!;
        forge(journal);
        return journal.ToJsonString();
    }
}
