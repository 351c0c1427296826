namespace AwsContainment.Tests.Containment;

/// <summary>contain instance's parameters are checked against app.json before any AWS call.</summary>
public sealed class ContainInstanceParameterTests
{
    [Theory]
    [InlineData("instance", "i-123", "parameter 'instance': \"i-123\" is not an EC2 instance id")]
    [InlineData("case_id", "IR 2026 0042", "parameter 'case_id': \"IR 2026 0042\" is not a case id of 1 to 128 letters, digits or _.:/=+@- starting with a letter or digit")]
    [InlineData("isolation_group", "sg-quarantine", "parameter 'isolation_group': \"sg-quarantine\" is not a security group name of 1 to 245")]
    [InlineData("isolation_group", "quarantine'group", "parameter 'isolation_group': \"quarantine'group\" is not a security group name")]
    [InlineData("dry_run", "perhaps", "parameter 'dry_run' must be true or false, got \"perhaps\"")]
    public async Task A_bad_value_fails_before_any_AWS_call(string name, string value, string rule)
    {
        var parameters = new Dictionary<string, string> { ["instance"] = "i-0a1b2c3d4e5f60718", ["case_id"] = "IR-2026-0042", [name] = value };

        var message = await RunnerHarness.RefusedMessageAsync("contain instance", [.. parameters.Select(p => $"{p.Key}={p.Value}")]);

        Assert.Contains(rule, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_id_longer_than_a_tag_allows_is_refused()
    {
        var message = await RunnerHarness.RefusedMessageAsync("contain instance", "instance=i-0a1b2c3d4e5f60718", "case_id=" + new string('C', 129));

        Assert.Contains("parameter 'case_id'", message, StringComparison.Ordinal);
    }
}
