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

    public static async Task<RunnerOutput> RunAsync(string script, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(script)! };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY" })
        {
            start.Environment.Remove(name);
            start.Environment.Remove(name.ToLowerInvariant());
        }
        start.Environment["PYTHONPATH"] = StandIn;
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        start.Environment["AWS_CONTAINMENT_RUNNER"] = Runner;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        return await Shell.RunAsync(start);
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
}
