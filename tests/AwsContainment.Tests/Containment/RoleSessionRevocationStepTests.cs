using System.Text.Json.Nodes;

namespace AwsContainment.Tests.Containment;

/// <summary>
/// contain instance's revoke_role_sessions step on the full recording: this case's revocation already on the role
/// counts as done only when its cut-off is not earlier than this containment; an older one is replaced, or sessions
/// stolen since it was written would stay alive. Another case's revocation is kept beside this case's own. Asked
/// not to, the step does not run and IAM is not called.
/// </summary>
public sealed class RoleSessionRevocationStepTests
{
    [Fact]
    public async Task An_older_revocation_of_this_case_is_moved_to_now()
    {
        var recording = WithRevocation(ContainmentFixtures.Load(ContainmentFixtures.Contain), Statement(OurCase, "2026-11-20T09:00:00Z"));

        var output = await RunnerHarness.RunAsync("--replay", RunnerHarness.TempFile(recording.ToJsonString()), "--compact");

        Assert.Equal(0, output.ExitCode);
        Assert.DoesNotContain("never requested", output.Stderr, StringComparison.Ordinal);
        var step = ContainmentFixtures.Step(output, "revoke_role_sessions");
        Assert.Equal("done", (string?)step["status"]);
        Assert.Equal("sessions of role web-role issued before 2026-11-24T03:12:47Z revoked for case IR-2026-0042 (inline policy AWSRevokeOlderSessions)", (string?)step["message"]);
    }

    [Fact]
    public async Task Another_open_cases_revocation_on_the_role_is_kept_beside_this_cases()
    {
        // Case IR-2026-0051 contained another instance of web-role later: its cut-off covers this case's stolen
        // sessions too, but this case still writes its own, or reverting the other case would take the revocation with it.
        var theirs = Statement("AwsContainmentCaseIRZ2D2026Z2D0051", "2026-11-25T09:30:02Z");
        var recording = WithRevocation(ContainmentFixtures.Load(ContainmentFixtures.Contain), theirs);
        var put = ContainmentFixtures.Exchange(recording, "PutRolePolicy")["request"]!["form"]!;
        put["PolicyDocument"] = Document(theirs, Statement(OurCase, "2026-11-24T03:12:47Z"));

        var output = await RunnerHarness.RunAsync("--replay", RunnerHarness.TempFile(recording.ToJsonString()), "--compact");

        Assert.Equal(0, output.ExitCode);
        Assert.False(output.CalledAws, output.Stderr);
        Assert.DoesNotContain("never requested", output.Stderr, StringComparison.Ordinal);
        Assert.Equal("sessions of role web-role issued before 2026-11-24T03:12:47Z revoked for case IR-2026-0042 (inline policy AWSRevokeOlderSessions); it also holds the revocation of case IR-2026-0051", (string?)ContainmentFixtures.Step(output, "revoke_role_sessions")["message"]);
    }

    private const string OurCase = "AwsContainmentCaseIRZ2D2026Z2D0042";

    private static string Statement(string sid, string cutoff) =>
        "{\"Sid\":\"" + sid + "\",\"Effect\":\"Deny\",\"Action\":[\"*\"],\"Resource\":[\"*\"],\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + cutoff + "\"}}}";

    private static string Document(params string[] statements) => "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", statements) + "]}";

    /// <summary>The contain recording with the role already holding a revocation of these statements.</summary>
    private static JsonObject WithRevocation(JsonObject recording, params string[] statements)
    {
        ContainmentFixtures.Exchange(recording, "GetRolePolicy")["response"] = new JsonObject
        {
            ["status"] = 200,
            ["headers"] = new JsonObject { ["content-type"] = "text/xml", ["date"] = "Tue, 24 Nov 2026 03:12:47 GMT" },
            ["body"] = "<GetRolePolicyResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetRolePolicyResult><PolicyName>AWSRevokeOlderSessions</PolicyName><RoleName>web-role</RoleName>"
                + "<PolicyDocument>" + Uri.EscapeDataString(Document(statements))
                + "</PolicyDocument></GetRolePolicyResult><ResponseMetadata><RequestId>5e1c5b0e-8e3d-4a51-9a7e-2f1f0f6c2a11</RequestId></ResponseMetadata></GetRolePolicyResponse>",
        };
        recording.Remove("expected");
        return recording;
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
