namespace AwsContainment.Tests;

/// <summary>
/// The published Native AOT runner replays every recording exactly as the tested code does: a failure that only
/// appears compiled ahead of time (a type trimmed away, code loaded by name) fails here.
/// </summary>
public sealed class PublishedRunnerTests
{
    [RequiresTheory(Requirement.NativeAotToolchain)]
    [MemberData(nameof(FixtureReplayTests.Fixtures), MemberType = typeof(FixtureReplayTests))]
    public async Task Recording_replays_as_expected_with_the_published_runner(string fixture)
    {
        var runner = await PublishedRunner.PathAsync();

        await FixtureReplayTests.AssertReplaysAsRecordedAsync(fixture, args => RunnerHarness.RunExecutableAsync(runner, null, TimeSpan.FromMinutes(2), args));
    }

    /// <summary>
    /// The connector's own libc calls (SafeFiles' <c>statx</c> and <c>open</c>) are imported when the runner is
    /// linked: looked up by name at run time, "libc" was searched for under 45 file names, the runner's own folder
    /// first, on every start.
    /// </summary>
    [RequiresFact(Requirement.NativeAotToolchain)]
    public async Task The_published_runner_binds_its_libc_calls_when_it_is_linked()
    {
        var imported = new ElfFile(await PublishedRunner.PathAsync()).DynamicSymbols();

        Assert.Contains("statx", imported);
        Assert.Contains("open", imported);
    }
}
