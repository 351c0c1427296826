namespace AwsContainment.Tests.Ec2;

/// <summary>
/// Bad inputs to the containment actions fail their parameter set before any AWS call, with a message naming the
/// parameter, the value and the rule: app.json's rules through the host, the rest (a port range's order, protocol
/// and ports together) in the handler.
/// </summary>
public sealed class ContainmentInputTests
{
    private const string Instance = "i-0598c7d356eba48d7";

    [Theory]
    [InlineData("describe instance", """{"instance":"i-123"}""", "parameter 'instance': \"i-123\" is not an EC2 instance id (i- and 8 or 17 lower-case hex digits)")]
    [InlineData("describe instance", """{"instance":"I-0598C7D356EBA48D7"}""", "parameter 'instance': \"I-0598C7D356EBA48D7\" is not an EC2 instance id")]
    [InlineData("detach instance", $$"""{"instance":"{{Instance}}","autoscaling_group_name":"web:asg"}""", "parameter 'autoscaling_group_name': \"web:asg\" is not an Auto Scaling group name (printable ASCII without spaces or colons)")]
    [InlineData("detach instance", $$"""{"instance":"{{Instance}}","should_decrement_desired_capacity":"yes"}""", "parameter 'should_decrement_desired_capacity' must be true or false, got \"yes\"")]
    [InlineData("deregister instance", $$"""{"instance":"{{Instance}}","elb_name":"-payments"}""", "parameter 'elb_name': \"-payments\" is not a classic load balancer name (1 to 32 letters, digits or inner hyphens) or a target group ARN")]
    [InlineData("deregister instance", $$"""{"instance":"{{Instance}}","elb_name":"payments-classic-load-balancer-eu1"}""", "parameter 'elb_name': \"payments-classic-load-balancer-eu1\" is not a classic load balancer name")]
    [InlineData("deregister instance", $$"""{"instance":"{{Instance}}","elb_name":"arn:aws:elasticloadbalancing:us-east-1:777777777777:loadbalancer/app/payments-alb/50dc6c495c0c9188"}""", "is not a classic load balancer name (1 to 32 letters, digits or inner hyphens) or a target group ARN")]
    [InlineData("disable instance termination", $$"""{"instance":"{{Instance}}","dry_run":"perhaps"}""", "parameter 'dry_run' must be true or false, got \"perhaps\"")]
    [InlineData("snapshot volumes", """{"attached_vols":"vol-0a1b2c3d4e5f60718, snap-066877671789bd71b"}""", "parameter 'attached_vols': \"snap-066877671789bd71b\" is not an EBS volume id (vol- and 8 or 17 lower-case hex digits)")]
    [InlineData("snapshot volumes", """{"attached_vols":" , "}""", "parameter 'attached_vols' must list at least one value")]
    [InlineData("add security group", $$"""{"instance":"{{Instance}}","sg_name":"sg-quarantine"}""", "parameter 'sg_name': \"sg-quarantine\" is not a security group id (sg- and 8 or 17 hex digits) or name (not starting with sg-;")]
    [InlineData("add security group", $$"""{"instance":"{{Instance}}","sg_name":"quarantine%"}""", "parameter 'sg_name': \"quarantine%\" is not a security group id")]
    [InlineData("add security group", $$"""{"instance":"{{Instance}}","sg_name":"quarantine","keep_existing":"sometimes"}""", "parameter 'keep_existing' must be true or false, got \"sometimes\"")]
    [InlineData("add tag", $$"""{"instance":"{{Instance}}","tag_key":"aws:quarantine","tag_value":"true"}""", "parameter 'tag_key': \"aws:quarantine\" is not a tag key of 1 to 128 letters, digits, spaces or _.:/=+-@ that does not start with aws:")]
    [InlineData("add tag", $$"""{"instance":"{{Instance}}","tag_key":"Quarantine<script>","tag_value":"true"}""", "parameter 'tag_key': \"Quarantine<script>\" is not a tag key")]
    [InlineData("add tag", $$"""{"instance":"{{Instance}}","tag_key":"Quarantine","tag_value":"yes;rm"}""", "parameter 'tag_value': \"yes;rm\" is not a tag value of up to 256 letters, digits, spaces or _.:/=+-@")]
    [InlineData("add acl", """{"network_acl_id":"acl-xyz","egress_rule":false,"ip":"203.0.113.7","rule_action":"deny","rule_number":90}""", "parameter 'network_acl_id': \"acl-xyz\" is not a network ACL id (acl- and 8 or 17 lower-case hex digits)")]
    [InlineData("add acl", """{"network_acl_id":"acl-0ba4c8e2f6a1d3b5c","egress_rule":"maybe","ip":"203.0.113.7","rule_action":"deny","rule_number":90}""", "parameter 'egress_rule' must be true or false, got \"maybe\"")]
    [InlineData("add acl", """{"network_acl_id":"acl-0ba4c8e2f6a1d3b5c","egress_rule":false,"ip":"203.0.113.300","rule_action":"deny","rule_number":90}""", "parameter 'ip': \"203.0.113.300\" is not an IPv4 or IPv6 address or CIDR block")]
    [InlineData("add acl", """{"network_acl_id":"acl-0ba4c8e2f6a1d3b5c","egress_rule":false,"ip":"10.0.0.0/33","rule_action":"deny","rule_number":90}""", "parameter 'ip': \"10.0.0.0/33\" is not an IPv4 or IPv6 address or CIDR block")]
    [InlineData("add acl", """{"network_acl_id":"acl-0ba4c8e2f6a1d3b5c","egress_rule":false,"ip":"203.0.113.7","rule_action":"block","rule_number":90}""", "parameter 'rule_action' must be one of allow, deny, got \"block\"")]
    [InlineData("add acl", """{"network_acl_id":"acl-0ba4c8e2f6a1d3b5c","egress_rule":false,"ip":"203.0.113.7","rule_action":"deny","rule_number":0}""", "parameter 'rule_number' must be between 1 and 32766, got 0")]
    [InlineData("add acl", """{"network_acl_id":"acl-0ba4c8e2f6a1d3b5c","egress_rule":false,"ip":"203.0.113.7","rule_action":"deny","rule_number":"32767"}""", "parameter 'rule_number' must be between 1 and 32766, got 32767")]
    [InlineData("add acl", """{"network_acl_id":"acl-0ba4c8e2f6a1d3b5c","egress_rule":false,"ip":"203.0.113.7","rule_action":"deny","rule_number":90,"port_range":"0"}""", "parameter 'port_range': \"0\" is not a port N or range N-M with 1 <= N <= M <= 65535")]
    [InlineData("add acl", """{"network_acl_id":"acl-0ba4c8e2f6a1d3b5c","egress_rule":false,"ip":"203.0.113.7","rule_action":"deny","rule_number":90,"port_range":"443-65536"}""", "parameter 'port_range': \"443-65536\" is not a port N or range N-M")]
    [InlineData("add acl", """{"network_acl_id":"acl-0ba4c8e2f6a1d3b5c","egress_rule":false,"ip":"203.0.113.7","rule_action":"deny","rule_number":90,"port_range":"22-"}""", "parameter 'port_range': \"22-\" is not a port N or range N-M")]
    [InlineData("add acl", """{"network_acl_id":"acl-0ba4c8e2f6a1d3b5c","egress_rule":false,"ip":"203.0.113.7","rule_action":"deny","rule_number":90,"port_range":"8080-80"}""", "Invalid parameters, nothing was sent to AWS: parameter 'port_range': \"8080-80\" starts after it ends (write the lower port first)")]
    [InlineData("add acl", """{"network_acl_id":"acl-0ba4c8e2f6a1d3b5c","egress_rule":false,"ip":"203.0.113.7","rule_action":"deny","rule_number":90,"protocol":"icmp"}""", "parameter 'protocol' must be one of tcp, udp, all, got \"icmp\"")]
    [InlineData("add acl", """{"network_acl_id":"acl-0ba4c8e2f6a1d3b5c","egress_rule":false,"ip":"203.0.113.7","rule_action":"deny","rule_number":90,"port_range":"22","protocol":"all"}""", "Invalid parameters, nothing was sent to AWS: parameter 'port_range': \"22\" cannot apply to every protocol (give protocol tcp or udp, or no port range)")]
    [InlineData("add acl", """{"network_acl_id":"acl-0ba4c8e2f6a1d3b5c","egress_rule":false,"ip":"203.0.113.7","rule_action":"deny","rule_number":90,"protocol":"udp"}""", "Invalid parameters, nothing was sent to AWS: parameter 'protocol': udp needs a port_range (1-65535 for every port)")]
    public async Task Bad_input_fails_before_any_AWS_call(string action, string parameters, string expected)
    {
        var message = await RunnerHarness.RefusedJsonMessageAsync(action, parameters);

        Assert.StartsWith("Invalid parameters, nothing was sent to AWS: ", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tag_key", 129)]
    [InlineData("tag_value", 257)]
    public async Task Tag_longer_than_AWS_allows_fails_before_any_AWS_call(string parameter, int length)
    {
        var values = new System.Text.Json.Nodes.JsonObject { ["instance"] = Instance, ["tag_key"] = "Quarantine", ["tag_value"] = "true" };
        values[parameter] = new string('q', length);
        var message = await RunnerHarness.RefusedJsonMessageAsync("add tag", values.ToJsonString());

        Assert.Contains($"parameter '{parameter}' must be at most {length - 1} characters, got {length}", message, StringComparison.Ordinal);
    }
}
