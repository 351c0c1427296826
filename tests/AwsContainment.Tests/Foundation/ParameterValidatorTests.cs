using System.Text.Json.Nodes;
using AwsContainment.Host.Contract;

namespace AwsContainment.Tests.Foundation;

/// <summary>The host's checks of a parameter set against the contract, on a small contract of every rule kind.</summary>
public sealed class ParameterValidatorTests
{
    private static readonly AppContract Contract = AppContract.Parse("""
        {
          "contains_types": {
            "aws ge instance id": { "description": "an EC2 instance id", "pattern": "^i-([0-9a-f]{8}|[0-9a-f]{17})$" },
            "ip": { "description": "an IP address or CIDR", "kind": "ip_or_cidr" }
          },
          "actions": [ {
            "action": "sample", "identifier": "sample",
            "parameters": {
              "instance": { "description": "Instance ID", "data_type": "string", "required": true, "contains": ["aws ge instance id"] },
              "rule_number": { "description": "Rule number", "data_type": "numeric", "minimum": 1, "maximum": 32766 },
              "egress": { "description": "Egress", "data_type": "boolean", "default": false },
              "scope": { "description": "Scope", "data_type": "string", "value_list": ["All", "AWS", "Local"], "default": "All" },
              "volumes": { "description": "Volumes", "data_type": "string", "allow_list": true, "pattern": "^vol-[0-9a-f]{8,17}$", "pattern_description": "a volume id" },
              "ip": { "description": "IP", "data_type": "string", "contains": ["ip"] },
              "name": { "description": "Name", "data_type": "string", "max_length": 5 }
            }
          } ]
        }
        """);

    private static readonly ParameterSpec[] Specs = [.. Contract.Find("sample")!.Parameters];

    private static (JsonObject Values, IReadOnlyList<string> Problems) Validate(string json) =>
        new ParameterValidator(Contract).Validate(JsonNode.Parse(json), Specs);

    [Fact]
    public void Converts_strings_to_declared_types_and_fills_defaults()
    {
        var (values, problems) = Validate("""{"instance":"i-0abc1234def567890","rule_number":"100","egress":"True","scope":"local"}""");
        Assert.Empty(problems);
        Assert.Equal(100L, values["rule_number"]!.GetValue<long>());
        Assert.True(values["egress"]!.GetValue<bool>());
        Assert.Equal("Local", values["scope"]!.GetValue<string>());
        Assert.False(values.ContainsKey("ip"));
    }

    [Theory]
    [InlineData("""{"instance":"i-12345678","egress":true}""", true)]
    [InlineData("""{"instance":"i-12345678","egress":"false"}""", false)]
    [InlineData("""{"instance":"i-12345678"}""", false)]
    public void Accepts_the_boolean_spellings_SOAR_platforms_send(string json, bool expected)
    {
        var (values, problems) = Validate(json);
        Assert.Empty(problems);
        Assert.Equal(expected, values["egress"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("""{}""", "missing required parameter 'instance' (Instance ID)")]
    [InlineData("""{"instance":""}""", "missing required parameter 'instance' (Instance ID)")]
    [InlineData("""{"instance":"i-xyz"}""", "parameter 'instance': \"i-xyz\" is not an EC2 instance id")]
    [InlineData("""{"instance":"i-123"}""", "parameter 'instance': \"i-123\" is not an EC2 instance id")]
    [InlineData("""{"instance":"i-12345678","bogus":1}""", "unknown parameter 'bogus' (known: instance, rule_number, egress, scope, volumes, ip, name)")]
    [InlineData("""{"instance":"i-12345678","rule_number":"abc"}""", "parameter 'rule_number' must be a whole number, got \"abc\"")]
    [InlineData("""{"instance":"i-12345678","rule_number":1.5}""", "parameter 'rule_number' must be a whole number, got 1.5")]
    [InlineData("""{"instance":"i-12345678","rule_number":32767}""", "parameter 'rule_number' must be between 1 and 32766, got 32767")]
    [InlineData("""{"instance":"i-12345678","egress":"maybe"}""", "parameter 'egress' must be true or false, got \"maybe\"")]
    [InlineData("""{"instance":"i-12345678","scope":"Everything"}""", "parameter 'scope' must be one of All, AWS, Local, got \"Everything\"")]
    [InlineData("""{"instance":"i-12345678","volumes":"vol-0abc1234,vol-nothex"}""", "parameter 'volumes': \"vol-nothex\" is not a volume id")]
    [InlineData("""{"instance":"i-12345678","ip":"10.0.0.300"}""", "parameter 'ip': \"10.0.0.300\" is not an IP address or CIDR")]
    [InlineData("""{"instance":"i-12345678","ip":"10.0.0.0/33"}""", "parameter 'ip': \"10.0.0.0/33\" is not an IP address or CIDR")]
    // .NET's IPAddress reads a zero-padded octet as octal (192.168.001.010 is 192.168.1.8) and accepts hex and
    // IPv6 zone ids: an ACL rule must never block an address other than the one the responder typed.
    [InlineData("""{"instance":"i-12345678","ip":"192.168.001.010"}""", "parameter 'ip': \"192.168.001.010\" is not an IP address or CIDR")]
    [InlineData("""{"instance":"i-12345678","ip":"010.0.0.1/32"}""", "parameter 'ip': \"010.0.0.1/32\" is not an IP address or CIDR")]
    [InlineData("""{"instance":"i-12345678","ip":"0x0a.0.0.1"}""", "parameter 'ip': \"0x0a.0.0.1\" is not an IP address or CIDR")]
    [InlineData("""{"instance":"i-12345678","ip":"fe80::1%eth0"}""", "parameter 'ip': \"fe80::1%eth0\" is not an IP address or CIDR")]
    [InlineData("""{"instance":"i-12345678","name":"toolong"}""", "parameter 'name' must be at most 5 characters, got 7: \"toolong\"")]
    [InlineData("""{"instance":{"id":"i-12345678"}}""", "parameter 'instance' must be a string, got an object")]
    public void Rejects_bad_values_naming_parameter_value_and_rule(string json, string problem)
    {
        var (_, problems) = Validate(json);
        Assert.Contains(problem, problems);
    }

    [Theory]
    [InlineData("192.0.2.10")]
    [InlineData("198.51.100.0/24")]
    [InlineData("2001:db8::1")]
    [InlineData("2001:db8::/32")]
    [InlineData("0.0.0.0/0")]
    [InlineData("10.0.0.0/8")]
    public void Accepts_addresses_and_cidr_blocks_of_both_families(string ip) =>
        Assert.Empty(Validate($$"""{"instance":"i-12345678","ip":"{{ip}}"}""").Problems);

    [Fact]
    public void Cuts_a_huge_value_short_in_the_message()
    {
        var junk = new string('x', 10_240);
        var (_, problems) = Validate($$"""{"instance":"{{junk}}"}""");
        var problem = Assert.Single(problems);
        Assert.Contains("(10240 characters)", problem);
        Assert.True(problem.Length < 200, problem);
    }

    [Fact]
    public void A_parameter_set_that_is_not_an_object_is_one_problem()
    {
        var (_, problems) = Validate("\"instance\"");
        Assert.Equal(["the parameters must be a JSON object, got \"instance\""], problems);
    }

    [Fact]
    public void Never_shows_a_password_value()
    {
        var contract = AppContract.Parse("""{"configuration":{"key":{"data_type":"password","pattern":"^AKIA[A-Z0-9]{16}$","pattern_description":"an access key id"}}}""");
        var (_, problems) = new ParameterValidator(contract).Validate(JsonNode.Parse("""{"key":"SENTINEL-secret-value"}"""), contract.Configuration, "asset field");
        var problem = Assert.Single(problems);
        Assert.DoesNotContain("SENTINEL", problem);
        Assert.Equal("asset field 'key': the given value is not an access key id", problem);
    }
}
