using System.Text.RegularExpressions;

namespace AwsContainment.Tests.Containment;

/// <summary>
/// The README's first set-up command contains the bundled example instance, from its recording alone: run as the
/// built runner process, so the runner's own runtime settings (reflection-free JSON, say) are what is tested.
/// </summary>
public sealed partial class ContainmentExampleTests
{
    [Fact]
    public async Task The_first_set_up_command_contains_the_example_instance()
    {
        var readme = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "README.md"));
        var recording = FirstCommand().Match(readme).Groups[1].Value;
        Assert.Equal("examples/contain-instance.json", recording);

        var output = await RunnerHarness.RunProcessAsync("--replay", Path.Combine(TestEnvironment.RepositoryRoot, recording), "--compact");

        Assert.Equal(0, output.ExitCode);
        Assert.False(output.CalledAws, output.Stderr);
        Assert.DoesNotContain("never requested", output.Stderr, StringComparison.Ordinal);
        Assert.Equal("Contained i-0a1b2c3d4e5f60718 for case IR-2026-0042: 9 of 9 steps completed; journal in the result data", (string?)output.Result()["message"]);
    }

    [GeneratedRegex(@"dotnet run --project src/AwsContainment\.Host -- --replay (\S+)")]
    private static partial Regex FirstCommand();
}
