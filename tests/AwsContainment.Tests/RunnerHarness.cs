using System.Text.Json.Nodes;
using AwsContainment.Host.Cli;

namespace AwsContainment.Tests;

/// <summary>Runs the real command line in-process and captures what it prints.</summary>
internal static class RunnerHarness
{
    public static async Task<RunnerOutput> RunAsync(params string[] args) => await RunWithInputAsync("", args);

    public static async Task<RunnerOutput> RunWithInputAsync(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await new RunnerCli(stdout, stderr, new StringReader(stdin)).RunAsync(args, CancellationToken.None);
        return new RunnerOutput(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the built runner as its own process (<c>dotnet runner.dll</c>), as the README's commands do.</summary>
    public static Task<RunnerOutput> RunProcessAsync(params string[] args) =>
        RunExecutableAsync("dotnet", null, TimeSpan.FromMinutes(2), [Path.Combine(AppContext.BaseDirectory, "runner.dll"), .. args]);

    /// <summary>
    /// Runs a program to its end (within <paramref name="limit"/>) and captures what it prints;
    /// <paramref name="environment"/>, when given, is its whole environment.
    /// </summary>
    public static async Task<RunnerOutput> RunExecutableAsync(string executable, IReadOnlyDictionary<string, string>? environment, TimeSpan limit, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(executable, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (environment is not null)
        {
            start.Environment.Clear();
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
        }
        using var runner = System.Diagnostics.Process.Start(start)!;
        var stdout = runner.StandardOutput.ReadToEndAsync();
        var stderr = runner.StandardError.ReadToEndAsync();
        await runner.WaitForExitAsync().WaitAsync(limit);
        return new RunnerOutput(runner.ExitCode, await stdout, await stderr);
    }

    /// <summary>Writes <paramref name="content"/> to a temporary file and returns its path.</summary>
    public static string TempFile(string content, string extension = ".json")
    {
        var path = Path.Combine(Path.GetTempPath(), "awsc-" + Guid.NewGuid().ToString("N") + extension);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A recording with no exchanges: any AWS call made against it is reported as unexpected.</summary>
    public static string EmptyRecording() => TempFile("""{"asset":{"region":"us-east-1"},"exchanges":[]}""");

    /// <summary>
    /// Runs <paramref name="action"/> with <c>name=value</c> parameters against a recording with no answers and
    /// returns its message: the parameter set must have failed without asking AWS anything.
    /// </summary>
    public static Task<string> RefusedMessageAsync(string action, params string[] parameters) =>
        RefusedMessageOfAsync(action, parameters.SelectMany(p => new[] { "--param", p }));

    /// <summary>The same with the parameter set as JSON (through <c>--params</c>), so its values keep their JSON types.</summary>
    public static Task<string> RefusedJsonMessageAsync(string action, string parameters) =>
        RefusedMessageOfAsync(action, ["--params", TempFile(parameters)]);

    private static async Task<string> RefusedMessageOfAsync(string action, IEnumerable<string> parameterArgs)
    {
        var output = await RunAsync(["--replay", EmptyRecording(), "--compact", "--action", action, .. parameterArgs]);
        Assert.Equal(1, output.ExitCode);
        Assert.Equal("failed", (string?)output.Result()["status"]);
        Assert.False(output.CalledAws, output.Stderr);
        return (string)output.Result()["message"]!;
    }
}

internal sealed record RunnerOutput(int ExitCode, string Stdout, string Stderr)
{
    public JsonObject Envelope => JsonNode.Parse(Stdout) as JsonObject ?? throw new InvalidOperationException("stdout is not a JSON object: " + Stdout);

    public JsonObject Result(int index = 0) => (JsonObject)Envelope["action_results"]![index]!;

    /// <summary>Whether the run tried to reach AWS (a replay reports every request it could not answer).</summary>
    public bool CalledAws => Stderr.Contains("holds no answer", StringComparison.Ordinal);
}
