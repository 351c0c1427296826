using System.Diagnostics;

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

    /// <summary>The published runner started with <paramref name="args"/>, its three streams redirected and stderr drained.</summary>
    public static async Task<Process> StartAsync(params string[] args)
    {
        var host = Process.Start(new ProcessStartInfo(await PathAsync(), args) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true })!;
        _ = host.StandardError.ReadToEndAsync();
        return host;
    }

    /// <summary><c>runner serve</c> with <paramref name="options"/>, answering from the <c>describe instance</c> recording (see <see cref="DescribeInstanceAsync"/>).</summary>
    public static Task<Process> StartServeAsync(params string[] options) =>
        StartAsync(["serve", "--replay", Path.Combine(TestEnvironment.FixturesDirectory, "describe_instance", "success.json"), .. options]);

    /// <summary>Asks a <see cref="StartServeAsync"/> host for <c>describe instance</c> as request <paramref name="id"/>; it must succeed.</summary>
    public static async Task DescribeInstanceAsync(Process serve, int id)
    {
        await serve.StandardInput.WriteLineAsync($$$"""{"id": {{{id}}}, "action": "describe instance", "parameters": {"instance": "i-0598c7d356eba48d7"}, "asset": {"region": "us-east-1"}}""");
        await serve.StandardInput.FlushAsync();
        var line = await serve.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Contains($$"""{"id":{{id}},"exit_code":0,""", line, StringComparison.Ordinal);
    }

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
