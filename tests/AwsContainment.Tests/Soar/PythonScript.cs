using System.Diagnostics;

namespace AwsContainment.Tests.Soar;

/// <summary>
/// Runs a SOAR platform's Python code (the Splunk connector module, a Google SecOps action script) as the platform
/// would: python3, with the platform's API stand-in (tests/AwsContainment.Tests/Soar/standin) on PYTHONPATH and the
/// built runner as AWS_CONTAINMENT_RUNNER. Proxy settings of the machine running the tests are left out.
/// </summary>
internal static class PythonScript
{
    public static string StandIn { get; } = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "AwsContainment.Tests", "Soar", "standin");

    public static string Runner { get; } = Path.Combine(AppContext.BaseDirectory, "runner.dll");

    /// <summary>Runs <c>python3 SCRIPT ARGS</c> in the script's folder.</summary>
    public static Task<RunnerOutput> RunAsync(string script, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null) =>
        RunAsync([script, .. args], Path.GetDirectoryName(script)!, environment);

    /// <summary>Runs <c>python3 ARGS</c> in <paramref name="workingDirectory"/>, with <paramref name="stdin"/> as its input.</summary>
    public static async Task<RunnerOutput> RunAsync(IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, string? stdin = null)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = workingDirectory };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY" })
        {
            start.Environment.Remove(name);
            start.Environment.Remove(name.ToLowerInvariant());
        }
        start.Environment["PYTHONPATH"] = StandIn + Path.PathSeparator + workingDirectory;
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        start.Environment["AWS_CONTAINMENT_RUNNER"] = Runner;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        return await Shell.RunAsync(start, stdin ?? "");
    }

    /// <summary>A fresh folder holding <paramref name="files"/> (repository paths), as an installed app's folder holds them.</summary>
    public static string Package(params string[] files)
    {
        var folder = Path.Combine(Path.GetTempPath(), "awsc-app-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in files)
        {
            File.Copy(Path.Combine(TestEnvironment.RepositoryRoot, file), Path.Combine(folder, Path.GetFileName(file)));
        }
        return folder;
    }

    /// <summary>
    /// Runs a package build script (<paramref name="script"/>, a repository path) on the runner these tests built
    /// (RUNNER_DIR, so no publish) and returns the package it wrote.
    /// </summary>
    public static async Task<string> BuildAsync(string script)
    {
        var runner = Package();
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory).Select(Path.GetFileName).Where(f => f is "runner" or "System.CommandLine.dll" || f!.StartsWith("runner.", StringComparison.Ordinal) || f.StartsWith("AWSSDK.", StringComparison.Ordinal) || f.StartsWith("AwsContainment.Connector.", StringComparison.Ordinal)))
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, file!), Path.Combine(runner, file!));
        }
        var build = await Shell.RunAsync("bash", [Path.Combine(TestEnvironment.RepositoryRoot, script)], new Dictionary<string, string> { ["RUNNER_DIR"] = runner, ["OUT"] = Package() });
        Assert.True(build.ExitCode == 0, build.Stderr);
        return build.Stdout.Trim();
    }
}
