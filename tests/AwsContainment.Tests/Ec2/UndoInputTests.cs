namespace AwsContainment.Tests.Ec2;

/// <summary>
/// The undo actions take another action's result data as JSON; data that is not JSON, or not that action's, and
/// choices that contradict each other fail the parameter set before any AWS call, naming the parameter and the rule.
/// </summary>
public sealed class UndoInputTests
{
    private const string Instance = "i-0598c7d356eba48d7";

    [Theory]
    [InlineData("register instance", $$"""{"instance":"{{Instance}}"}""", "give either elb_name (with port for a target group) or deregistered (deregister instance's data), not both or neither")]
    [InlineData("register instance", $$"""{"instance":"{{Instance}}","elb_name":"legacy-web","port":80}""", "parameter 'port': a classic load balancer (legacy-web) registers an instance on its listeners' ports; give port for a target group only")]
    [InlineData("register instance", $$"""{"instance":"{{Instance}}","deregistered":"[{\"Type\":\"classic\""}""", "parameter 'deregistered' is not valid JSON")]
    [InlineData("register instance", $$"""{"instance":"{{Instance}}","deregistered":"[]"}""", "parameter 'deregistered' records no registration")]
    [InlineData("register instance", $$"""{"instance":"{{Instance}}","deregistered":"[{\"Type\":\"target-group\"}]"}""", "parameter 'deregistered' holds an item that is neither a classic load balancer nor a target group with targets")]
    [InlineData("restore security groups", $$"""{"instance":"{{Instance}}","previous_groups":"sg-0fe2a4bbe0a1b2c3d"}""", "parameter 'previous_groups' is not valid JSON")]
    [InlineData("restore security groups", $$"""{"instance":"{{Instance}}","previous_groups":"[{\"NetworkInterfaceId\":\"eni-0b6f1ba4e1c2d3e4f\",\"NetworkInterfaceId\":\"eni-0aaaaaaaaaaaaaaaa\"}]"}""", "parameter 'previous_groups' is not valid JSON: Duplicate property 'NetworkInterfac")]
    [InlineData("restore security groups", $$"""{"instance":"{{Instance}}","previous_groups":"[{\"NetworkInterfaceId\":\"eni-0b6f1ba4e1c2d3e4f\",\"PreviousGroups\":[]}]"}""", "parameter 'previous_groups': every item needs NetworkInterfaceId, PreviousGroups and Groups with GroupIds")]
    [InlineData("revert bucket containment", """{"bucket":"DOC-EXAMPLE-BUCKET","previous_policy":"{}","contain_result":"{}"}""", "give previous_policy or contain_result, not both")]
    [InlineData("revert bucket containment", """{"bucket":"DOC-EXAMPLE-BUCKET","previous_policy":"[1]"}""", "parameter 'previous_policy' must be a bucket policy (a JSON object)")]
    [InlineData("revert bucket containment", """{"bucket":"DOC-EXAMPLE-BUCKET","contain_result":"{\"Bucket\":\"DOC-EXAMPLE-BUCKET\"}"}""", "parameter 'contain_result' must be contain bucket's data item (with PreviousPolicy")]
    [InlineData("revert bucket containment", """{"bucket":"DOC-EXAMPLE-BUCKET","previous_policy":"{\"Version\":\"2012-10-17\",\"Statement\":[],\"Statement\":[{}]}"}""", "parameter 'previous_policy' is not valid JSON: Duplicate property 'Statement'")]
    [InlineData("revert bucket containment", """{"bucket":"DOC-EXAMPLE-BUCKET","contain_result":"{\"PreviousPolicy\":null,\"PreviousPolicy\":\"{}\"}"}""", "parameter 'contain_result' is not valid JSON: Duplicate property 'PreviousPolicy'")]
    [InlineData("revert bucket containment", """{"bucket":"DOC-EXAMPLE-BUCKET","contain_result":"{\"PreviousPolicy\":\"{\\\"Id\\\":1,\\\"Id\\\":2}\"}"}""", "parameter 'contain_result': its PreviousPolicy is not valid JSON: Duplicate property 'Id'")]
    [InlineData("remove acl", """{"network_acl_id":"acl-0ba4c8e2f6a1d3b5c","rule_number":90}""", "missing required parameter 'ip'")]
    [InlineData("add tag", $$"""{"instance":"{{Instance}}","tag_key":"Quarantine","tag_value":"true","region":"us-east-1a"}""", "parameter 'region': \"us-east-1a\" is not an AWS region name such as us-east-1")]
    public async Task Bad_undo_input_fails_before_any_AWS_call(string action, string parameters, string expected)
    {
        var message = await RunnerHarness.RefusedJsonMessageAsync(action, parameters);
        Assert.StartsWith("Invalid parameters, nothing was sent to AWS: ", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }
}
