using System.Text.Json.Nodes;

namespace AwsContainment.Tests.Containment;

/// <summary>
/// Contain, then revert with the journal contain wrote: the revert's state-changing calls carry exactly the state
/// the journal recorded. The replay fails on any request the recording lacks and reports any it does not use, so
/// the recorded revert calls are the calls made; this test holds them to the journal.
/// </summary>
public sealed class ContainRevertRoundTripTests
{
    public static TheoryData<string, string, string> Pairs() => new()
    {
        // contain recording, revert recording, what contain says before the journal's place
        { ContainmentFixtures.Contain, ContainmentFixtures.Revert, "Contained i-0a1b2c3d4e5f60718 for case IR-2026-0042: 10 of 10 steps completed" },
        { ContainmentFixtures.ContainIpTargetGroup, ContainmentFixtures.RevertIpTargetGroup, "Contained i-0b2c3d4e5f6071829 for case IR-2026-0042: 10 of 10 steps completed" },
        // Changes made by hand since containment, overwritten with force=true: the journal's state all the same.
        { ContainmentFixtures.Contain, Path.Combine(TestEnvironment.FixturesDirectory, "revert_containment", "drift_forced.json"), "Contained i-0a1b2c3d4e5f60718 for case IR-2026-0042: 10 of 10 steps completed" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Revert_restores_exactly_what_the_contain_journal_recorded(string containRecording, string revertRecording, string contained)
    {
        var journalPath = ContainmentFixtures.NewJournalPath();
        var contain = await ContainmentFixtures.ReplayAsync(containRecording, $"journal_path={journalPath}");
        Assert.True(contain.ExitCode == 0, contain.Stdout + contain.Stderr);
        Assert.Equal($"{contained}; journal at {journalPath}", (string?)contain.Result()["message"]);
        var journal = ContainmentFixtures.Load(journalPath);

        var recording = ContainmentFixtures.Load(revertRecording);
        var recordedJournal = JsonNode.Parse((string)recording["parameters"]![0]!["journal"]!);
        Assert.True(JsonNode.DeepEquals(journal, recordedJournal), "the revert recording was made for another journal than the one contain writes");

        var revert = await ContainmentFixtures.ReplayAsync(revertRecording, $"journal_path={journalPath}", "journal=");
        Assert.True(revert.ExitCode == 0, revert.Stdout + revert.Stderr);
        Assert.False(revert.CalledAws, revert.Stderr);
        Assert.DoesNotContain("never requested", revert.Stderr, StringComparison.Ordinal);

        var changes = recording["exchanges"]!.AsArray()
            .Select(e => e!["request"]!["form"]!.AsObject())
            .Where(form => !((string)form["Action"]!).StartsWith("Describe", StringComparison.Ordinal))
            .Select(Canonical)
            .Order(StringComparer.Ordinal);
        Assert.Equal(RestoresOf(journal).Select(Canonical).Order(StringComparer.Ordinal), changes);
    }

    /// <summary>The calls that put back each state the journal recorded, derived from the journal alone.</summary>
    private static IEnumerable<JsonObject> RestoresOf(JsonObject journal)
    {
        var instance = (string)journal["instance_id"]!;
        var state = journal["state"]!;
        foreach (var networkInterface in state["network_interfaces"]!.AsArray())
        {
            var form = new JsonObject { ["Action"] = "ModifyNetworkInterfaceAttribute", ["NetworkInterfaceId"] = (string)networkInterface!["NetworkInterfaceId"]! };
            var groups = networkInterface["Groups"]!.AsArray();
            for (var n = 0; n < groups.Count; n++)
            {
                form[$"SecurityGroupId.{n + 1}"] = (string)groups[n]!["GroupId"]!;
            }
            yield return form;
        }
        if (state["auto_scaling_group"] is { } group)
        {
            yield return new JsonObject { ["Action"] = "AttachInstances", ["InstanceIds.member.1"] = instance, ["AutoScalingGroupName"] = (string)group["AutoScalingGroupName"]! };
        }
        foreach (var name in state["classic_load_balancers"]!.AsArray())
        {
            yield return new JsonObject { ["Action"] = "RegisterInstancesWithLoadBalancer", ["LoadBalancerName"] = (string)name!, ["Instances.member.1.InstanceId"] = instance };
        }
        foreach (var targetGroup in state["target_groups"]!.AsArray())
        {
            var form = new JsonObject { ["Action"] = "RegisterTargets", ["TargetGroupArn"] = (string)targetGroup!["TargetGroupArn"]! };
            var targets = targetGroup["Targets"]!.AsArray();
            for (var n = 0; n < targets.Count; n++)
            {
                var id = (string)targets[n]!["Id"]!;
                form[$"Targets.member.{n + 1}.Id"] = id;
                form[$"Targets.member.{n + 1}.Port"] = ((long)targets[n]!["Port"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
                // An address goes back to the Availability Zone it was in; ELBv2 takes none for an instance.
                if (targets[n]!["AvailabilityZone"] is { } zone && System.Net.IPAddress.TryParse(id, out _))
                {
                    form[$"Targets.member.{n + 1}.AvailabilityZone"] = (string)zone!;
                }
            }
            yield return form;
        }
        var metadata = state["instance"]!["MetadataOptions"]!;
        yield return new JsonObject
        {
            ["Action"] = "ModifyInstanceMetadataOptions",
            ["InstanceId"] = instance,
            ["HttpTokens"] = (string)metadata["HttpTokens"]!,
            ["HttpPutResponseHopLimit"] = ((long)metadata["HttpPutResponseHopLimit"]!).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HttpEndpoint"] = (string)metadata["HttpEndpoint"]!,
        };
        yield return new JsonObject { ["Action"] = "ModifyInstanceAttribute", ["InstanceId"] = instance, ["DisableApiTermination.Value"] = (bool)state["termination_protection"]! ? "true" : "false" };
        yield return new JsonObject { ["Action"] = "ModifyInstanceAttribute", ["InstanceId"] = instance, ["InstanceInitiatedShutdownBehavior.Value"] = (string)state["shutdown_behavior"]! };
    }

    private static string Canonical(JsonObject form) => string.Join("&", form.Select(p => $"{p.Key}={p.Value}").Order(StringComparer.Ordinal));
}
