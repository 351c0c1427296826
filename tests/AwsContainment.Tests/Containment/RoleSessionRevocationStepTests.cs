using System.Text.Json.Nodes;

namespace AwsContainment.Tests.Containment;

/// <summary>
/// contain instance's revoke_role_sessions step on the full recording: a revocation already on the role counts as
/// done only when its cut-off is not earlier than this containment; an older one is replaced, or sessions stolen
/// since it was written would stay alive. Asked not to, the step does not run and IAM is not called.
/// </summary>
public sealed class RoleSessionRevocationStepTests
{
    [Fact]
    public async Task An_older_revocation_on_the_role_is_moved_to_now()
    {
        var recording = ContainmentFixtures.Load(ContainmentFixtures.Contain);
        var policy = ContainmentFixtures.Exchange(recording, "GetRolePolicy");
        policy["response"] = new JsonObject
        {
            ["status"] = 200,
            ["headers"] = new JsonObject { ["content-type"] = "text/xml", ["date"] = "Tue, 24 Nov 2026 03:12:47 GMT" },
            ["body"] = "<GetRolePolicyResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetRolePolicyResult><PolicyName>AWSRevokeOlderSessions</PolicyName><RoleName>web-role</RoleName>"
                + "<PolicyDocument>" + Uri.EscapeDataString("""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"],"Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-11-20T09:00:00Z"}}}]}""")
                + "</PolicyDocument></GetRolePolicyResult><ResponseMetadata><RequestId>5e1c5b0e-8e3d-4a51-9a7e-2f1f0f6c2a11</RequestId></ResponseMetadata></GetRolePolicyResponse>",
        };
        recording.Remove("expected");

        var output = await RunnerHarness.RunAsync("--replay", RunnerHarness.TempFile(recording.ToJsonString()), "--compact");

        Assert.Equal(0, output.ExitCode);
        Assert.DoesNotContain("never requested", output.Stderr, StringComparison.Ordinal);
        var step = ContainmentFixtures.Step(output, "revoke_role_sessions");
        Assert.Equal("done", (string?)step["status"]);
        Assert.Equal("sessions of role web-role issued before 2026-11-24T03:12:47Z revoked (inline policy AWSRevokeOlderSessions)", (string?)step["message"]);
    }

    [Fact]
    public async Task Asked_not_to_the_step_does_not_run_and_iam_is_not_called()
    {
        var recording = ContainmentFixtures.Load(ContainmentFixtures.Contain);
        var exchanges = recording["exchanges"]!.AsArray();
        foreach (var iam in exchanges.Where(e => (string?)e!["service"] == "iam").ToList())
        {
            exchanges.Remove(iam);
        }
        // The journal records the choice, so the instance is tagged with another journal's digest.
        ContainmentFixtures.Exchange(recording, "CreateTags")["request"]!["form"]!["Tag.3.Value"] = ContainmentFixtures.Digest(ContainmentFixtures.Journal(j => j["revoke_role_sessions"] = false));
        recording.Remove("expected");

        var output = await RunnerHarness.RunAsync("--replay", RunnerHarness.TempFile(recording.ToJsonString()), "--compact", "--param", "revoke_role_sessions=false");

        Assert.Equal(0, output.ExitCode);
        Assert.False(output.CalledAws, output.Stderr);
        Assert.DoesNotContain(ContainmentFixtures.Steps(output), s => (string?)s!["step"] == "revoke_role_sessions");
        Assert.Equal("done", (string?)ContainmentFixtures.Step(output, "lock_instance_metadata")["status"]);
        Assert.False((bool)output.Result()["data"]![0]!["Journal"]!["revoke_role_sessions"]!);
    }
}
