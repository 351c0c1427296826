using System.Text.Json.Nodes;
using AwsContainment.Host.Cli;

namespace AwsContainment.Tests.Foundation;

/// <summary>
/// What an analyst reads in a terminal: <c>--output table</c> summarises every parameter set's result (status,
/// message, parameters, summary, each data item's fields and the deeper ones the action documents, a playbook's
/// steps), and a run whose stderr is a terminal
/// shows its progress there.
/// </summary>
public sealed class AnalystViewTests
{
    private static string Fixture(string path) => Path.Combine(TestEnvironment.FixturesDirectory, path);

    [Fact]
    public async Task A_playbook_shows_its_outcome_and_one_line_per_step()
    {
        var output = await RunnerHarness.RunAsync("--replay", Fixture("contain_instance/asg_and_load_balancers.json"), "--output", "table");

        Assert.Equal(0, output.ExitCode);
        var lines = output.Stdout.Split('\n');
        Assert.Equal("contain instance: success (1 of 1 parameter sets succeeded)", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("[1] success  Contained i-0a1b2c3d4e5f60718 for case IR-2026-0042: 9 of 9 steps completed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("    data        InstanceId=i-0a1b2c3d4e5f60718  CaseId=IR-2026-0042  DryRun=false", StringComparison.Ordinal) && l.Contains("Steps=[9 items]", StringComparison.Ordinal));
        Assert.Equal(
            ["capture", "tag_instance", "protect_instance", "detach_from_auto_scaling_group", "deregister_from_load_balancers", "isolate_network", "lock_instance_metadata", "revoke_role_sessions", "snapshot_volumes"],
            lines.Where(l => l.Length > 6 && l.StartsWith("      ", StringComparison.Ordinal) && l[6] != ' ').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]));
        Assert.Contains(lines, l => l.StartsWith("      tag_instance", StringComparison.Ordinal) && l.Contains(" done ", StringComparison.Ordinal) && l.Contains("quarantine=IR-2026-0042, quarantine_time=2026-11-24T03:12:45Z", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_parameter_set_shows_its_status_message_and_data_without_AWS_metadata()
    {
        var output = await RunnerHarness.RunAsync("--replay", Fixture("add_tag/two_parameter_sets_one_invalid.json"), "-o", "table");

        Assert.Equal(1, output.ExitCode);
        Assert.StartsWith("add tag: failed (1 of 2 parameter sets succeeded)\n", output.Stdout, StringComparison.Ordinal);
        Assert.Contains("\n[1] success  Tagged i-0f3e2d1c0b9a89786 with Quarantine=true\n", output.Stdout, StringComparison.Ordinal);
        Assert.Contains("\n    data        InstanceId=i-0f3e2d1c0b9a89786  Key=Quarantine  Value=true  PreviousValue=null\n", output.Stdout, StringComparison.Ordinal);
        Assert.Contains("\n[2] failed  Invalid parameters, nothing was sent to AWS: parameter 'tag_key'", output.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("ResponseMetadata", output.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_deeper_fields_the_action_documents_show_under_their_data_item()
    {
        var output = await RunnerHarness.RunAsync("--replay", Fixture("describe_instance/success.json"), "--output", "table");

        Assert.Contains("\n    data        Reservations=[1 item]  Volumes=[2 items]  SecurityGroups=[1 item]  Tags=[2 items]\n", output.Stdout, StringComparison.Ordinal);
        Assert.Contains("\n                Reservations.Instances.InstanceId=i-0598c7d356eba48d7  Reservations.Instances.State.Name=running\n", output.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_is_the_default_output_and_an_unknown_output_is_a_usage_error()
    {
        var byDefault = await RunnerHarness.RunAsync("--replay", Fixture("add_tag/success.json"));
        var json = await RunnerHarness.RunAsync("--replay", Fixture("add_tag/success.json"), "--output", "json");
        var xml = await RunnerHarness.RunAsync("--replay", Fixture("add_tag/success.json"), "--output", "xml");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(byDefault.Stdout), JsonNode.Parse(json.Stdout)));
        Assert.Equal(2, xml.ExitCode);
        Assert.Contains("'xml'", xml.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Progress_shows_on_stderr_only_when_it_is_a_terminal(bool terminal)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await new RunnerCli(stdout, TextWriter.Synchronized(stderr), TextReader.Null, terminal)
            .RunAsync(["--replay", Fixture("add_tag/two_parameter_sets_one_invalid.json")], CancellationToken.None);

        Assert.Equal(1, code);
        _ = JsonNode.Parse(stdout.ToString());
        if (terminal)
        {
            Assert.Contains("\radd tag: 2 of 2 parameter sets done, 1 failed (", stderr.ToString(), StringComparison.Ordinal);
            Assert.Matches(@"\r *\r$", stderr.ToString());
        }
        else
        {
            Assert.Equal("", stderr.ToString());
        }
    }
}
