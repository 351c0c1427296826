namespace AwsContainment.Tests;

/// <summary>
/// The runner as it ships: published once per test run with the README's publish command (Native AOT), so a
/// behaviour that only breaks ahead-of-time compiled (trimming, reflection, code loaded by name) fails the tests.
/// </summary>
internal static class PublishedRunner
{
    private static readonly Lazy<Task<string>> Published = new(PublishAsync);

    /// <summary>The published executable's path, published on first use.</summary>
    public static Task<string> PathAsync() => Published.Value;

    private static async Task<string> PublishAsync()
    {
        var folder = Path.Combine(TestEnvironment.RepositoryRoot, "bench", "out", "runner");
        var project = Path.Combine(TestEnvironment.RepositoryRoot, "src", "AwsContainment.Host");
        var publish = await RunnerHarness.RunExecutableAsync("dotnet", null, TimeSpan.FromMinutes(30),
            "publish", project, "-p:PublishProfile=linux-x64", $"-p:PublishDir={folder}/", "-nologo", "--disable-build-servers");
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"publishing the Native AOT runner failed (it needs clang and zlib1g-dev: apt-get install -y clang zlib1g-dev):\n{publish.Stdout}\n{publish.Stderr}");
        }
        return Path.Combine(folder, "runner");
    }
}
