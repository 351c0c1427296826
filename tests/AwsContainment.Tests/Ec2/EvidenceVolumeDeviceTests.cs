using System.Text.Json.Nodes;

namespace AwsContainment.Tests.Ec2;

/// <summary>
/// attach evidence volumes picks a device name the forensics machine does not use: Linux sees /dev/sdX and
/// /dev/xvdX as the same device, so a machine with /dev/xvdf and /dev/sdg gets the volume at /dev/sdh.
/// </summary>
public sealed class EvidenceVolumeDeviceTests
{
    [Fact]
    public async Task A_device_taken_under_its_other_name_is_not_given_again()
    {
        var text = File.ReadAllText(Path.Combine(TestEnvironment.FixturesDirectory, "attach_evidence_volumes", "success.json"))
            .Replace("/dev/sdg", "/dev/sdh", StringComparison.Ordinal)
            .Replace("<deviceName>/dev/sdf</deviceName>", "<deviceName>/dev/xvdf</deviceName>", StringComparison.Ordinal)
            .Replace("<deviceName>/dev/xvda</deviceName>", "<deviceName>/dev/sdg</deviceName>", StringComparison.Ordinal);
        var recording = JsonNode.Parse(text)!.AsObject();
        recording.Remove("expected");

        var output = await RunnerHarness.RunAsync("--replay", RunnerHarness.TempFile(recording.ToJsonString()), "--compact");

        Assert.Equal(0, output.ExitCode);
        Assert.False(output.CalledAws, output.Stderr);
        Assert.Equal("/dev/sdh", (string?)output.Result()["data"]![0]!["Device"]);
    }
}
