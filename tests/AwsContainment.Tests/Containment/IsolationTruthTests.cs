using System.Text.Json.Nodes;

namespace AwsContainment.Tests.Containment;

/// <summary>
/// Isolation is either reached or undone: an interrupted move never leaves an interface in the open transit group,
/// and a group named like the isolation group is used only when it lets in nothing but the forensics machine.
/// </summary>
public sealed class IsolationTruthTests
{
    private const string Transit = "sg-0c0ffee0c0ffee002";
    private const string Isolation = "sg-0c0ffee0c0ffee001";
    private const string Own = "sg-0b1c2d3e4f5a6b7c8";

    private static readonly string MoveDenied = Path.Combine(TestEnvironment.FixturesDirectory, "contain_instance", "isolation_move_denied_puts_interface_back.json");
    private static readonly string OpenGroup = Path.Combine(TestEnvironment.FixturesDirectory, "contain_instance", "isolation_group_lets_traffic_in.json");

    [Fact]
    public async Task A_timeout_during_the_move_into_the_transit_group_still_finishes_the_isolation()
    {
        // The recording's isolation move is refused; here it is answered, after a transit move that outlasts --timeout.
        var recording = ContainmentFixtures.Load(MoveDenied);
        var exchanges = recording["exchanges"]!.AsArray();
        Move(exchanges, Transit)["fault"] = "slow";
        var isolate = Move(exchanges, Isolation);
        isolate["response"] = Move(exchanges, Transit)["response"]!.DeepClone();
        exchanges.Remove(Move(exchanges, Own));

        var output = await ContainmentFixtures.ReplayChangedAsync(recording, "--timeout", "3");

        Assert.Equal(1, output.ExitCode);
        Assert.Contains("Timed out", output.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Isolation, UnusedRequests(output), StringComparison.Ordinal);
        Assert.Equal("done", (string?)ContainmentFixtures.Step(output, "isolate_network")["status"]);
        // No step starts once the run is cancelled, and the report still lists each one.
        Assert.Contains("ModifyInstanceMetadataOptions", UnusedRequests(output), StringComparison.Ordinal);
        Assert.StartsWith("not started: the run was cancelled", (string?)ContainmentFixtures.Step(output, "lock_instance_metadata")["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timeout_while_the_move_into_the_isolation_group_is_in_flight_waits_for_its_answer()
    {
        var recording = ContainmentFixtures.Load(MoveDenied);
        var exchanges = recording["exchanges"]!.AsArray();
        var isolate = Move(exchanges, Isolation);
        isolate["fault"] = "slow";
        isolate["response"] = Move(exchanges, Transit)["response"]!.DeepClone();
        // The run's time is up while the isolation move is in flight: its answer is awaited within the grace period,
        // so the interface ends isolated and the way back is never needed.
        var output = await ContainmentFixtures.ReplayChangedAsync(recording, "--timeout", "3");

        Assert.Equal(1, output.ExitCode);
        Assert.DoesNotContain(Isolation, UnusedRequests(output), StringComparison.Ordinal);
        Assert.Contains(Own, UnusedRequests(output), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<ipRanges><item><cidrIp>0.0.0.0/1</cidrIp></item><item><cidrIp>128.0.0.0/1</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/>", "0.0.0.0/1, 128.0.0.0/1")]
    [InlineData("<ipRanges/><ipv6Ranges><item><cidrIpv6>::/1</cidrIpv6></item><item><cidrIpv6>8000::/1</cidrIpv6></item></ipv6Ranges><prefixListIds/>", "::/1, 8000::/1")]
    [InlineData("<ipRanges/><ipv6Ranges/><prefixListIds><item><prefixListId>pl-63a5400a</prefixListId></item></prefixListIds>", "pl-63a5400a")]
    public async Task A_planted_isolation_group_open_to_the_internet_is_refused_and_no_interface_is_moved(string ingress, string named)
    {
        var recording = ContainmentFixtures.Load(OpenGroup);
        var groups = recording["exchanges"]!.AsArray().OfType<JsonObject>().Single(e => (string?)e["request"]!["form"]!["Action"] == "DescribeSecurityGroups");
        var body = (string)groups["response"]!["body"]!;
        var open = "<ipRanges>\n                            <item>\n                                <cidrIp>0.0.0.0/0</cidrIp>\n                            </item>\n                        </ipRanges>\n                        <ipv6Ranges/>\n                        <prefixListIds/>";
        var isolationGroup = body.IndexOf("<groupName>aws-containment-isolation</groupName>", StringComparison.Ordinal);
        var at = body.IndexOf(open, isolationGroup, StringComparison.Ordinal);
        Assert.True(at > 0, "the recording's isolation group has the open ingress rule this test replaces");
        groups["response"]!["body"] = body[..at] + ingress + body[(at + open.Length)..];

        var output = await ContainmentFixtures.ReplayChangedAsync(recording);

        var step = ContainmentFixtures.Step(output, "isolate_network");
        Assert.Equal("failed", (string?)step["status"]);
        Assert.Contains($"lets traffic in from {named}", (string?)step["message"], StringComparison.Ordinal);
        Assert.DoesNotContain("ModifyNetworkInterfaceAttribute", output.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, output.ExitCode);
    }

    private static JsonObject Move(JsonArray exchanges, string group) =>
        exchanges.OfType<JsonObject>().Single(e => (string?)e["request"]!["form"]!["Action"] == "ModifyNetworkInterfaceAttribute" && (string?)e["request"]!["form"]!["SecurityGroupId.1"] == group);

    private static string UnusedRequests(RunnerOutput output) =>
        string.Join("\n", output.Stderr.Split('\n').Where(l => l.Contains("never requested", StringComparison.Ordinal)));
}
