using System.Text.Json.Nodes;

namespace AwsContainment.Tests.Containment;

/// <summary>
/// Each containment action, then its undo: both recordings replay through the real runner (the replay fails on any
/// request a recording lacks and reports any it does not use, so the recorded calls are the calls made), the undo was
/// given what the containment reported, and the state the containment's reads found, with the containment's
/// recorded changes and then the undo's applied to it, is that state again. The undo rules hold too: given a
/// re-run's result, the undo is refused with a pointer to the first run's and sends no change; over a change made
/// by hand since containment, it is refused without force and puts the state before containment back with it.
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
        { "lock_instance_metadata/success.json", "unlock_instance_metadata/success.json" },
        { "disable_instance_termination/success.json", "enable_instance_termination/success.json" },
        { "revoke_user_sessions/success.json", "remove_user_session_revocation/success.json" },
        { "contain_access_key/all_keys.json", "revert_access_key_containment/success.json" },
    };

    /// <summary>A first containment run, a re-run on what it left, and the undo given the re-run's result.</summary>
    public static TheoryData<string, string, string> Reruns() => new()
    {
        { "add_security_group/two_interfaces.json", "add_security_group/already_isolated.json", "restore_security_groups/rerun_result.json" },
        { "lock_instance_metadata/success.json", "lock_instance_metadata/already_locked.json", "unlock_instance_metadata/rerun_result.json" },
        { "contain_bucket/scenario_doc_example_bucket.json", "contain_bucket/already_contained.json", "revert_bucket_containment/rerun_result.json" },
        { "disable_instance_termination/success.json", "disable_instance_termination/already_protected.json", "enable_instance_termination/rerun_result.json" },
        { "add_tag/success.json", "add_tag/already_tagged.json", "remove_tag/rerun_result.json" },
    };

    /// <summary>A containment, its undo over a change made by hand since, and the same undo with force=true.</summary>
    public static TheoryData<string, string, string> Drifts() => new()
    {
        { "add_security_group/success.json", "restore_security_groups/drift_refused.json", "restore_security_groups/drift_forced.json" },
        { "lock_instance_metadata/success.json", "unlock_instance_metadata/drift_refused.json", "unlock_instance_metadata/drift_forced.json" },
        { "contain_bucket/existing_policy.json", "revert_bucket_containment/policy_changed_since.json", "revert_bucket_containment/drift_forced.json" },
        { "revoke_user_sessions/success.json", "remove_user_session_revocation/later_revocation_refused.json", "remove_user_session_revocation/later_revocation_forced.json" },
        { "add_tag/replaces_value.json", "remove_tag/changed_since.json", "remove_tag/drift_forced.json" },
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

    [Theory]
    [MemberData(nameof(Reruns))]
    public async Task An_undo_given_a_re_run_result_is_refused_with_a_pointer_and_sends_no_change(string firstRun, string reRun, string undoRecording)
    {
        var first = Load(firstRun);
        Assert.Equal(RecordedState.ReadBy(first).Apply(first).Order(StringComparer.Ordinal), RecordedState.ReadBy(Load(reRun)).Order(StringComparer.Ordinal));
        var rerun = await ReplayAsync(reRun);
        var undo = Load(undoRecording);
        AssertGivenWhatContainmentReported(undo["parameters"]![0]!.AsObject(), rerun.Result());

        var refused = await ReplayAsync(undoRecording, exitCode: 1);
        Assert.Contains("is what containment set, so it is the result of a re-run: undo with the first run's result (or the journal)", (string)refused.Result()["message"]!, StringComparison.Ordinal);
        Assert.Empty(RecordedState.Changes(undo));
    }

    [Theory]
    [MemberData(nameof(Drifts))]
    public async Task Drift_is_refused_without_force_and_overwritten_with_it(string containRecording, string refusedRecording, string forcedRecording)
    {
        var contained = await ReplayAsync(containRecording);
        var contain = Load(containRecording);
        var refused = Load(refusedRecording);
        var forced = Load(forcedRecording);
        var given = refused["parameters"]![0]!.AsObject();
        AssertGivenWhatContainmentReported(given, contained.Result());
        var withForce = given.DeepClone().AsObject();
        withForce["force"] = true;
        Assert.True(JsonNode.DeepEquals(withForce, forced["parameters"]![0]), $"{forcedRecording} is not {refusedRecording} with force=true");

        var before = RecordedState.ReadBy(contain);
        var drifted = RecordedState.ReadBy(refused);
        Assert.False(drifted.SetEquals(before) || drifted.SetEquals(before.Apply(contain)), $"{refusedRecording} reads the state before containment or the one it left, not a change made since");
        Assert.Equal(drifted.Order(StringComparer.Ordinal), RecordedState.ReadBy(forced).Order(StringComparer.Ordinal));

        var refusal = (string)(await ReplayAsync(refusedRecording, exitCode: 1)).Result()["message"]!;
        Assert.Contains("changed since containment to neither what containment set nor the state recorded before it", refusal, StringComparison.Ordinal);
        Assert.Contains("give force=true to overwrite it", refusal, StringComparison.Ordinal);
        Assert.Empty(RecordedState.Changes(refused));

        var overwritten = (string)(await ReplayAsync(forcedRecording)).Result()["message"]!;
        Assert.Contains("which force=true overwrites", overwritten, StringComparison.Ordinal);
        Assert.Equal(before.Order(StringComparer.Ordinal), drifted.Apply(forced).Order(StringComparer.Ordinal));
    }

    private static async Task<RunnerOutput> ReplayAsync(string recording, int exitCode = 0)
    {
        var output = await RunnerHarness.RunAsync("--replay", Path.Combine(TestEnvironment.FixturesDirectory, recording), "--compact");
        Assert.True(output.ExitCode == exitCode, $"{recording}: {output.Stdout}{output.Stderr}");
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
            // A tag's previous value is a string, termination protection's a boolean.
            Assert.Equal(data[0]!["PreviousValue"]!.ToString(), previous.ToString());
        }
        if (undoParameters["previous_policy"] is { } policy)
        {
            Assert.Equal((string?)data[0]!["PreviousPolicy"], (string?)policy);
        }
        foreach (var name in new[] { "http_tokens", "http_put_response_hop_limit", "http_endpoint" }.Where(undoParameters.ContainsKey))
        {
            Assert.Equal(containResult["summary"]!["previous_" + name]!.ToJsonString(), undoParameters[name]!.ToJsonString());
        }
        if (undoParameters["revoked_before"] is { } cutoff)
        {
            Assert.Equal((string?)containResult["summary"]!["revoked_before"], (string?)cutoff);
        }
        if (undoParameters["autoscaling_group_name"] is { } group)
        {
            Assert.Equal((string?)containResult["summary"]!["autoscaling_group_name"], (string?)group);
        }
    }

    private static JsonObject Load(string recording) => ContainmentFixtures.Load(Path.Combine(TestEnvironment.FixturesDirectory, recording));
}
