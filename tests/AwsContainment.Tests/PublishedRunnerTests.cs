namespace AwsContainment.Tests;

/// <summary>
/// The published Native AOT runner replays every recording exactly as the tested code does: a failure that only
/// appears compiled ahead of time (a type trimmed away, code loaded by name) fails here.
/// </summary>
public sealed class PublishedRunnerTests
{
    [Theory]
    [MemberData(nameof(FixtureReplayTests.Fixtures), MemberType = typeof(FixtureReplayTests))]
    public async Task Recording_replays_as_expected_with_the_published_runner(string fixture)
    {
        var runner = await PublishedRunner.PathAsync();

        await FixtureReplayTests.AssertReplaysAsRecordedAsync(fixture, args => RunnerHarness.RunExecutableAsync(runner, null, TimeSpan.FromMinutes(2), args));
    }
}
