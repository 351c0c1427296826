using System.Text.Json.Nodes;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Ec2;
using AwsContainment.Connector.LoadBalancing;
using AwsContainment.Tests.Foundation;

namespace AwsContainment.Tests.Containment;

/// <summary>The journal is the only record of the state before containment: it is never lost or overwritten.</summary>
public sealed class ContainmentJournalTests
{
    [Fact]
    public async Task A_rerun_of_the_same_case_keeps_the_journal_of_the_first_run()
    {
        var journalPath = ContainmentFixtures.NewJournalPath();
        Assert.Equal(0, (await ContainmentFixtures.ReplayAsync(ContainmentFixtures.Contain, $"journal_path={journalPath}")).ExitCode);
        var first = File.ReadAllText(journalPath);

        var rerun = await ContainmentFixtures.ReplayAsync(ContainmentFixtures.AlreadyContained, $"journal_path={journalPath}");

        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(first, File.ReadAllText(journalPath));
        Assert.Equal("already_done", (string?)ContainmentFixtures.Step(rerun, "save_journal")["status"]);
        Assert.Equal($"Instance i-0a1b2c3d4e5f60718 was already contained for case IR-2026-0042: nothing was changed; journal at {journalPath}", (string?)rerun.Result()["message"]);
        var returned = rerun.Result()["data"]![0]!["Journal"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(first), returned), "the re-run returned its own reading of the contained instance, not the first run's journal");
        Assert.Equal("web-servers", (string?)returned["state"]!["network_interfaces"]![0]!["Groups"]![0]!["GroupName"]);
    }

    [Fact]
    public async Task A_journal_of_another_case_is_left_as_it_is_and_containment_goes_on()
    {
        var journalPath = ContainmentFixtures.NewJournalPath();
        var other = ContainmentFixtures.Load(ContainmentFixtures.Revert)["parameters"]![0]!["journal"]!.ToString().Replace("IR-2026-0042", "IR-2025-0007", StringComparison.Ordinal);
        File.WriteAllText(journalPath, other);

        var output = await ContainmentFixtures.ReplayAsync(ContainmentFixtures.Contain, $"journal_path={journalPath}");

        Assert.Equal(1, output.ExitCode);
        Assert.Equal(other, File.ReadAllText(journalPath));
        var save = ContainmentFixtures.Step(output, "save_journal");
        Assert.Equal("failed", (string?)save["status"]);
        Assert.Equal($"{journalPath} holds the journal of i-0a1b2c3d4e5f60718 for case IR-2025-0007; it was left as it is and this run's journal is only in the result data", (string?)save["message"]);
        Assert.All(ContainmentFixtures.Steps(output).OfType<JsonObject>().Where(s => (string?)s["step"] != "save_journal"), s => Assert.Equal("done", (string?)s["status"]));
        Assert.Equal("IR-2026-0042", (string?)output.Result()["data"]![0]!["Journal"]!["case_id"]);
    }

    [Theory]
    [InlineData("link", "is a symbolic link: the runner neither follows nor writes through links; nothing was sent to AWS")]
    [InlineData("folder", "is a folder, not a file; nothing was sent to AWS")]
    [InlineData("fifo", "is a FIFO (named pipe), not a regular file; nothing was sent to AWS")]
    [InlineData("device", "is a device, not a regular file; nothing was sent to AWS")]
    [InlineData("missing-folder", "is in a folder that does not exist")]
    [InlineData("not-a-journal", "does not hold a containment journal as contain instance writes them (what it holds is not shown)")]
    public async Task A_journal_path_that_cannot_be_written_safely_fails_the_set_before_any_AWS_call(string kind, string refusal)
    {
        var folder = Directory.CreateTempSubdirectory("awsc-journal-path-");
        var victim = Path.Combine(folder.FullName, "authorized_keys");
        File.WriteAllText(victim, "ssh-ed25519 AAAA... admin\n");
        var path = kind == "not-a-journal" ? victim : SafeFilesTests.Plant(kind, Path.Combine(folder.FullName, "journal.json"), victim);

        var message = await RunnerHarness.RefusedMessageAsync("contain instance", "instance=i-0a1b2c3d4e5f60718", "case_id=IR-2026-0042", $"journal_path={path}")
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Contains($"{path} {refusal}", message, StringComparison.Ordinal);
        Assert.Equal("ssh-ed25519 AAAA... admin\n", File.ReadAllText(victim));
        Assert.DoesNotContain(folder.EnumerateFiles("*", SearchOption.AllDirectories), f => f.Name.EndsWith(".writing", StringComparison.Ordinal));
        folder.Delete(recursive: true);
    }

    [Theory]
    [InlineData("link", "is a symbolic link")]
    [InlineData("fifo", "is a FIFO (named pipe), not a regular file")]
    [InlineData("device", "is a device, not a regular file")]
    [InlineData("big", "is larger than 4 MiB")]
    public async Task Revert_refuses_a_journal_path_that_is_not_a_small_plain_file_without_waiting_on_it(string kind, string refusal)
    {
        var folder = Directory.CreateTempSubdirectory("awsc-revert-path-");
        var journal = Path.Combine(folder.FullName, "real-journal.json");
        File.WriteAllText(journal, ContainmentFixtures.Load(ContainmentFixtures.Revert)["parameters"]![0]!["journal"]!.ToString());
        var path = SafeFilesTests.Plant(kind, Path.Combine(folder.FullName, "journal.json"), journal);
        if (kind == "big")
        {
            File.Copy(journal, path);
            using var file = File.OpenWrite(path);
            file.SetLength(5 * 1024 * 1024);
        }

        var message = await RunnerHarness.RefusedMessageAsync("revert containment", $"journal_path={path}").WaitAsync(TimeSpan.FromSeconds(60));

        Assert.StartsWith($"Could not read journal_path: {path} {refusal}", message, StringComparison.Ordinal);
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task A_dry_run_writes_no_journal()
    {
        var journalPath = ContainmentFixtures.NewJournalPath();

        var output = await ContainmentFixtures.ReplayAsync(ContainmentFixtures.DryRun, $"journal_path={journalPath}");

        Assert.Equal(0, output.ExitCode);
        Assert.False(File.Exists(journalPath));
        Assert.DoesNotContain(ContainmentFixtures.Steps(output), s => (string?)s!["step"] == "save_journal");
    }

    [Fact]
    public void A_kept_journal_takes_only_the_sections_it_could_not_read_from_a_later_run()
    {
        var first = new InstanceState
        {
            NetworkInterfaces = [new Ec2NetworkInterface("eni-0f1e2d3c4b5a69788", 0, [new SecurityGroupRef("sg-0123456789abcdef0", "web-servers")])],
            ShutdownBehavior = "terminate",
            TargetGroups = [],
            NotCaptured = new Dictionary<string, string> { [InstanceState.TargetGroupsSection] = "AccessDenied: not authorized" },
        };
        var later = new InstanceState
        {
            NetworkInterfaces = [new Ec2NetworkInterface("eni-0f1e2d3c4b5a69788", 0, [new SecurityGroupRef("sg-0c0ffee0c0ffee001", "aws-containment-isolation")])],
            ShutdownBehavior = "stop",
            TargetGroups = [new TargetGroupMembership("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/73e2d6bc24d8a067", "web-tg", [])],
        };

        var merged = first.FillGapsFrom(later);

        Assert.Empty(merged.NotCaptured);
        Assert.Equal("web-tg", Assert.Single(merged.TargetGroups).TargetGroupName);
        Assert.Equal("sg-0123456789abcdef0", merged.NetworkInterfaces[0].Groups[0].GroupId);
        Assert.Equal("terminate", merged.ShutdownBehavior);
    }

    [Fact]
    public void A_kept_journal_that_could_not_search_ip_target_groups_takes_only_their_registrations_from_a_later_run()
    {
        var byId = new TargetGroupMembership(WebTg, "web-tg", [new RegisteredTarget("i-0a1b2c3d4e5f60718", 80, "healthy")]);
        var byAddress = new TargetGroupMembership(MetricsTg, "metrics-ip-tg", [new RegisteredTarget("10.0.1.17", 9100, "healthy", "us-east-1a")]);
        var first = new InstanceState
        {
            TargetGroups = [byId],
            NotCaptured = new Dictionary<string, string> { [InstanceState.IpTargetGroupsSection] = "addresses unknown" },
        };
        // Containment left the group by id, so the later reading no longer holds it there.
        var later = new InstanceState { TargetGroups = [byAddress] };

        var merged = first.FillGapsFrom(later);

        Assert.Empty(merged.NotCaptured);
        Assert.Equal([byId, byAddress], merged.TargetGroups);
    }

    [Fact]
    public void Target_groups_taken_from_a_later_run_that_could_not_search_ip_groups_stay_incomplete()
    {
        var first = new InstanceState { NotCaptured = new Dictionary<string, string> { [InstanceState.TargetGroupsSection] = "AccessDenied: not authorized" } };
        var later = new InstanceState
        {
            TargetGroups = [new TargetGroupMembership(WebTg, "web-tg", [new RegisteredTarget("i-0a1b2c3d4e5f60718", 80, "healthy")])],
            NotCaptured = new Dictionary<string, string> { [InstanceState.IpTargetGroupsSection] = "addresses unknown" },
        };

        var merged = first.FillGapsFrom(later);

        Assert.Equal("addresses unknown", Assert.Single(merged.NotCaptured, s => s.Key == InstanceState.IpTargetGroupsSection).Value);
        Assert.False(merged.Has(InstanceState.IpTargetGroupsSection));
        Assert.True(merged.Has(InstanceState.TargetGroupsSection));
        Assert.Equal("web-tg", Assert.Single(merged.TargetGroups).TargetGroupName);
    }

    private const string WebTg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/73e2d6bc24d8a067";

    private const string MetricsTg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/metrics-ip-tg/09e6e0e1c9b1e3a2";

    [Theory]
    [InlineData("{\"journal_version\": 1}", "The journal parameter is not a containment journal: ")]
    [InlineData("{\"journal_version\": 2, \"instance_id\": \"i-0a1b2c3d4e5f60718\", \"case_id\": \"c\", \"region\": \"us-east-1\", \"captured_at\": \"t\", \"isolation_group\": \"g\", \"state\": {}}", "The journal parameter is not a containment journal of version 1")]
    [InlineData("{ not json }", "The journal parameter is not a containment journal: ")]
    public async Task Revert_refuses_what_is_not_a_journal_before_calling_AWS(string journal, string refusal)
    {
        Assert.StartsWith(refusal, await RunnerHarness.RefusedMessageAsync("revert containment", "journal=" + journal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revert_refuses_the_journal_of_a_run_on_an_already_contained_instance()
    {
        var rerun = await ContainmentFixtures.ReplayAsync(ContainmentFixtures.AlreadyContained);
        var journal = rerun.Result()["data"]![0]!["Journal"]!.ToJsonString();

        var message = await RunnerHarness.RefusedMessageAsync("revert containment", "journal=" + journal);

        Assert.Equal("This journal of i-0a1b2c3d4e5f60718 was written by a run on the already contained instance: it records the contained state, not the state before; revert with the journal of the first run. Nothing was sent to AWS", message);
    }

    [Fact]
    public async Task Revert_needs_exactly_one_of_journal_path_and_journal()
    {
        var neither = await RunnerHarness.RefusedMessageAsync("revert containment");
        var missing = await RunnerHarness.RefusedMessageAsync("revert containment", "journal_path=" + ContainmentFixtures.NewJournalPath());

        Assert.Equal("Give either journal_path or journal (the journal contain instance wrote), not both and not neither; nothing was sent to AWS", neither);
        Assert.StartsWith("There is no journal at journal_path ", missing, StringComparison.Ordinal);
    }
}
