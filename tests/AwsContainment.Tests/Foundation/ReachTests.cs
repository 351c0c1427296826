namespace AwsContainment.Tests.Foundation;

/// <summary>
/// A parameter set's <c>region</c> and <c>role_arn</c> change where its calls go and who signs them. The recordings
/// pin the host, signing region and signing key, so the same recording replayed without the override finds no
/// answer: the pins hold, and the recordings' success depends on the override.
/// </summary>
public sealed class ReachTests
{
    private static readonly string OtherRegion = Path.Combine(TestEnvironment.FixturesDirectory, "add_tag", "other_region.json");

    private static readonly string ThroughRole = Path.Combine(TestEnvironment.FixturesDirectory, "add_tag", "through_role.json");

    [Fact]
    public async Task Without_the_region_override_the_calls_go_to_the_assets_region_and_the_recording_refuses_them()
    {
        var output = await RunnerHarness.RunAsync("--replay", OtherRegion, "--compact", "--param", "region=");

        Assert.Equal(1, output.ExitCode);
        Assert.True(output.CalledAws, output.Stderr);
        Assert.Contains(output.Envelope["action_results"]!.AsArray(), r => ((string?)r!["message"])!.Contains("ReplayMismatch", StringComparison.Ordinal));
        Assert.Contains("recorded exchange never requested: ec2 DescribeInstances", output.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_role_override_no_role_is_assumed_and_the_asset_signs_which_the_recording_refuses()
    {
        var output = await RunnerHarness.RunAsync("--replay", ThroughRole, "--compact", "--param", "role_arn=", "--param", "external_id=");

        Assert.Equal(1, output.ExitCode);
        Assert.True(output.CalledAws, output.Stderr);
        Assert.Contains("recorded exchange never requested: sts AssumeRole", output.Stderr, StringComparison.Ordinal);
    }
}
