using System.Text.Json.Nodes;

namespace AwsContainment.Tests.Containment;

/// <summary>
/// Each containment action, then its undo: both recordings replay through the real runner (the replay fails on any
/// request a recording lacks and reports any it does not use, so the recorded calls are the calls made), the undo was
/// given what the containment reported, and the state the containment's reads found, with the containment's
/// recorded changes and then the undo's applied to it, is that state again.
/// </summary>
public sealed class UndoRoundTripTests
{
    public static TheoryData<string, string> Pairs() => new()
    {
        { "detach_instance/success.json", "attach_instance/success.json" },
        { "deregister_instance/everywhere_two_pages.json", "register_instance/success.json" },
        { "add_security_group/success.json", "restore_security_groups/success.json" },
        { "add_tag/replaces_value.json", "remove_tag/puts_back_previous_value.json" },
        { "add_tag/success.json", "remove_tag/removes_new_tag.json" },
        { "add_acl/success.json", "remove_acl/success.json" },
        { "disable_user_access/success.json", "enable_user_access/success.json" },
        { "contain_bucket/block_public_access.json", "revert_bucket_containment/success.json" },
        { "contain_bucket/existing_policy.json", "revert_bucket_containment/keeps_other_statements.json" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task The_undo_brings_back_the_state_the_containment_found(string containRecording, string undoRecording)
    {
        var contained = await ReplayAsync(containRecording);
        await ReplayAsync(undoRecording);
        var contain = Load(containRecording);
        var undo = Load(undoRecording);
        AssertGivenWhatContainmentReported(undo["parameters"]![0]!.AsObject(), contained.Result());

        var before = RecordedState.ReadBy(contain);
        var afterContainment = before.Apply(contain);
        Assert.False(before.SetEquals(afterContainment), $"{containRecording} changes nothing the reads show");
        var afterUndo = afterContainment.Apply(undo);
        Assert.Equal(before.Order(StringComparer.Ordinal), afterUndo.Order(StringComparer.Ordinal));
    }

    private static async Task<RunnerOutput> ReplayAsync(string recording)
    {
        var output = await RunnerHarness.RunAsync("--replay", Path.Combine(TestEnvironment.FixturesDirectory, recording), "--compact");
        Assert.True(output.ExitCode == 0, $"{recording}: {output.Stdout}{output.Stderr}");
        Assert.False(output.CalledAws, output.Stderr);
        Assert.DoesNotContain("never requested", output.Stderr, StringComparison.Ordinal);
        return output;
    }

    /// <summary>A JSON parameter of the undo is (part of) the containment's data; a recorded previous value or group is the one it reported.</summary>
    private static void AssertGivenWhatContainmentReported(JsonObject undoParameters, JsonObject containResult)
    {
        var data = containResult["data"]!.AsArray();
        foreach (var name in new[] { "deregistered", "previous_groups", "contain_result" }.Where(undoParameters.ContainsKey))
        {
            var given = JsonNode.Parse((string)undoParameters[name]!);
            JsonSubset.AssertContained(given is JsonArray ? given : new JsonArray(given), data);
        }
        if (undoParameters["previous_value"] is { } previous)
        {
            Assert.Equal((string?)data[0]!["PreviousValue"], (string?)previous);
        }
        if (undoParameters["autoscaling_group_name"] is { } group)
        {
            Assert.Equal((string?)containResult["summary"]!["autoscaling_group_name"], (string?)group);
        }
    }

    private static JsonObject Load(string recording) => ContainmentFixtures.Load(Path.Combine(TestEnvironment.FixturesDirectory, recording));
}
