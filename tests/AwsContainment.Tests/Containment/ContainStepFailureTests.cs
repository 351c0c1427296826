using System.Text.Json.Nodes;

namespace AwsContainment.Tests.Containment;

/// <summary>
/// Each step of the playbook failing in turn with access denied, on the full recording: the failed step says why,
/// the steps that do not depend on it still complete, the evidence snapshot is always taken unless it is the step
/// denied, and the result names exactly the steps that did not complete.
/// </summary>
public sealed class ContainStepFailureTests
{
    public static TheoryData<string, string, string, string[], string[]> Denials() => new()
    {
        // step, denied call, error code, the steps it takes with it: not attempted (their state was not read), or
        // failed (done only in part: without the instance's addresses its ip target groups cannot be searched)
        { "capture", "DescribeInstances", "UnauthorizedOperation", ["isolate_network", "lock_instance_metadata", "revoke_role_sessions", "tag_instance"], ["deregister_from_load_balancers"] },
        { "protect_instance", "ModifyInstanceAttribute", "UnauthorizedOperation", [], [] },
        { "detach_from_auto_scaling_group", "DetachInstances", "AccessDenied", [], [] },
        { "deregister_from_load_balancers", "DeregisterTargets", "AccessDenied", [], [] },
        { "isolate_network", "CreateSecurityGroup", "UnauthorizedOperation", [], [] },
        { "lock_instance_metadata", "ModifyInstanceMetadataOptions", "UnauthorizedOperation", [], [] },
        { "revoke_role_sessions", "PutRolePolicy", "AccessDenied", [], [] },
        { "snapshot_volumes", "CreateSnapshots", "UnauthorizedOperation", [], [] },
        { "tag_instance", "CreateTags", "UnauthorizedOperation", [], [] },
    };

    [Theory]
    [MemberData(nameof(Denials))]
    public async Task A_denied_step_fails_alone_and_the_evidence_is_still_taken(string step, string deniedCall, string code, string[] notAttempted, string[] alsoFailed)
    {
        var recording = ContainmentFixtures.Load(ContainmentFixtures.Contain);
        var denied = 0;
        foreach (var exchange in recording["exchanges"]!.AsArray().OfType<JsonObject>())
        {
            var form = exchange["request"]!["form"]!.AsObject();
            if ((string?)form["Action"] == deniedCall && (string?)form["InstanceId.1"] != "i-0fedcba9876543210")
            {
                exchange["response"] = Denial((string)exchange["service"]!, code);
                denied++;
            }
        }
        Assert.True(denied > 0, $"the recording makes no {deniedCall} call");
        recording.Remove("expected");

        var output = await RunnerHarness.RunAsync("--replay", RunnerHarness.TempFile(recording.ToJsonString()), "--compact");

        Assert.Equal(1, output.ExitCode);
        Assert.False(output.CalledAws, output.Stderr);
        var failed = ContainmentFixtures.Step(output, step);
        Assert.Equal("failed", (string?)failed["status"]);
        Assert.Contains(code, (string?)failed["message"], StringComparison.Ordinal);
        foreach (var other in ContainmentFixtures.Steps(output).OfType<JsonObject>().Where(s => (string?)s["step"] != step))
        {
            var expected = notAttempted.Contains((string?)other["step"]) ? "skipped" : alsoFailed.Contains((string?)other["step"]) ? "failed" : "done";
            Assert.True(expected == (string?)other["status"], $"{other["step"]} is {other["status"]}, expected {expected}: {other["message"]}");
        }
        var message = (string)output.Result()["message"]!;
        Assert.StartsWith("Containment of i-0a1b2c3d4e5f60718 for case IR-2026-0042 is incomplete: ", message, StringComparison.Ordinal);
        Assert.Contains($"{step} failed (", message, StringComparison.Ordinal);
        Assert.Equal(string.Join(", ", new[] { step }.Concat(notAttempted).Concat(alsoFailed).OrderBy(StepOrder)), (string?)output.Result()["summary"]!["incomplete_steps"]);
    }

    private static readonly string[] Order =
        ["capture", "tag_instance", "protect_instance", "detach_from_auto_scaling_group", "deregister_from_load_balancers", "isolate_network", "lock_instance_metadata", "revoke_role_sessions", "snapshot_volumes"];

    private static int StepOrder(string step) => Array.IndexOf(Order, step);

    /// <summary>AWS's access-denied answer: EC2's UnauthorizedOperation, or the query services' AccessDenied.</summary>
    private static JsonObject Denial(string service, string code)
    {
        var body = service == "ec2"
            ? "<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>0f5b2a5e-6c7d-4e8f-9a0b-1c2d3e4f5a6b</RequestID></Response>"
            : $"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>User: arn:aws:iam::123456789012:user/SecurityResponder is not authorized</Message></Error><RequestId>0f5b2a5e-6c7d-4e8f-9a0b-1c2d3e4f5a6b</RequestId></ErrorResponse>";
        return new JsonObject
        {
            ["status"] = 403,
            ["headers"] = new JsonObject { ["content-type"] = "text/xml", ["date"] = "Tue, 24 Nov 2026 03:12:45 GMT" },
            ["body"] = body,
        };
    }
}
