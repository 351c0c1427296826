using System.Text.Json.Nodes;

namespace AwsContainment.Tests.Containment;

/// <summary>
/// An endpoint that ignores DryRun answers a dry-run change with success: the change was made. The report says so
/// first, counts it as made, and a playbook asks that endpoint nothing more.
/// </summary>
public sealed class IgnoredDryRunTests
{
    [Fact]
    public async Task A_playbook_dry_run_answered_with_success_is_reported_as_applied_and_stops()
    {
        var recording = WithFirstDryRunAnswered(Path.Combine(TestEnvironment.FixturesDirectory, "contain_instance", "dry_run_permitted.json"), "ModifyInstanceAttribute");

        var output = await ContainmentFixtures.ReplayChangedAsync(recording);

        var result = output.Result();
        Assert.StartsWith("WARNING: AWS applied 1 change although asked for a dry run (ModifyInstanceAttribute)", (string?)result["message"], StringComparison.Ordinal);
        Assert.Contains("1 APPLIED all the same (protect_instance)", (string?)result["message"], StringComparison.Ordinal);
        Assert.Equal(1, (int)result["summary"]!["dry_run_applied"]!);
        Assert.Equal("done", (string?)ContainmentFixtures.Step(output, "protect_instance")["status"]);
        Assert.StartsWith("not started: AWS applied an earlier change", (string?)ContainmentFixtures.Step(output, "isolate_network")["message"], StringComparison.Ordinal);
        var steps = ContainmentFixtures.Steps(output);
        Assert.Equal(steps.Count, (int)result["summary"]!["steps_total"]!);
    }

    [Fact]
    public async Task A_single_action_dry_run_answered_with_success_is_reported_as_applied()
    {
        var recording = WithFirstDryRunAnswered(Path.Combine(TestEnvironment.FixturesDirectory, "add_security_group", "dry_run.json"), "ModifyNetworkInterfaceAttribute");

        var output = await ContainmentFixtures.ReplayChangedAsync(recording);

        var result = output.Result();
        Assert.StartsWith("WARNING: AWS applied 1 change although asked for a dry run (ModifyNetworkInterfaceAttribute): the endpoint ignores DryRun, so they were made.", (string?)result["message"], StringComparison.Ordinal);
        Assert.Equal(1, (int)result["summary"]!["dry_run_applied"]!);
    }

    /// <summary>The recording with its first dry-run verdict for <paramref name="action"/> replaced by the success a real change gets.</summary>
    private static JsonObject WithFirstDryRunAnswered(string path, string action)
    {
        var recording = ContainmentFixtures.Load(path);
        var verdict = recording["exchanges"]!.AsArray().OfType<JsonObject>()
            .First(e => (string?)e["request"]!["form"]!["Action"] == action && (int)e["response"]!["status"]! == 412);
        var requestId = System.Text.RegularExpressions.Regex.Match((string)verdict["response"]!["body"]!, "<RequestID>([^<]+)</RequestID>").Groups[1].Value;
        Assert.NotEmpty(requestId);
        verdict["response"]!["status"] = 200;
        verdict["response"]!["body"] = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{action}Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">\n    <requestId>{requestId}</requestId>\n    <return>true</return>\n</{action}Response>";
        return recording;
    }
}
