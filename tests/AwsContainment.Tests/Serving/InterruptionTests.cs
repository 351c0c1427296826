using System.Diagnostics;
using System.Text.Json.Nodes;
using AwsContainment.Host;

namespace AwsContainment.Tests.Serving;

/// <summary>
/// A run told to stop (SIGTERM, Ctrl-C, its timeout): the runner process still prints every envelope, complete, and
/// exits 0, 1 or 2; a change in progress gets a bounded grace period to finish or be undone.
/// </summary>
public sealed class InterruptionTests
{
    private const int SigTerm = 15;

    [Fact]
    public async Task SIGTERM_mid_run_still_prints_the_whole_envelope_and_exits_1()
    {
        await using var server = ReplayServerTests.StartServer(latency: TimeSpan.FromMinutes(10));
        var sets = RunnerHarness.TempFile("[{}, {}, {}]");
        using var runner = StartRunner("--action", "test connectivity", "--params", sets, "--asset", AssetFor(server), "--max-parallel", "1", "--compact");
        var stdout = runner.StandardOutput.ReadToEndAsync();
        var stderr = runner.StandardError.ReadToEndAsync();

        await ReplayServerTests.WaitUntilAsync(() => server.Requests >= 1);
        var stopping = Stopwatch.StartNew();
        Signal(runner, SigTerm);
        await runner.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        var output = new RunnerOutput(runner.ExitCode, await stdout, await stderr);
        Assert.Equal(1, output.ExitCode);
        Assert.Equal("0 of 3 parameter sets succeeded", (string?)output.Envelope["message"]);
        Assert.Equal("Cancelled before the action finished; AWS may have applied part of it", (string?)output.Result(0)["message"]);
        Assert.Equal("Cancelled before it started; nothing was sent to AWS", (string?)output.Result(1)["message"]);
        Assert.Equal("Cancelled before it started; nothing was sent to AWS", (string?)output.Result(2)["message"]);
        Assert.Contains("runner: SIGTERM received: stopping; a change in progress gets up to 10 s to finish, and as long to be undone", output.Stderr, StringComparison.Ordinal);
        // The AWS call in flight took the stop at once: nothing waited out a grace.
        Assert.True(stopping.Elapsed < ActionRunner.GracePeriod, $"stopped after {stopping.Elapsed}");
    }

    [Fact]
    public async Task SIGTERM_of_serve_answers_the_requests_in_flight_as_cancelled_and_exits_0()
    {
        await using var server = ReplayServerTests.StartServer(latency: TimeSpan.FromMinutes(10));
        using var serve = StartRunner("serve", "--asset", AssetFor(server));
        var stderr = serve.StandardError.ReadToEndAsync();

        await serve.StandardInput.WriteLineAsync("""{"id": "slow", "action": "test connectivity", "parameters": [{}, {}]}""");
        await serve.StandardInput.FlushAsync();
        await ReplayServerTests.WaitUntilAsync(() => server.Requests >= 1);
        Signal(serve, SigTerm);
        var line = await serve.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await serve.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, serve.ExitCode);
        var answer = (JsonObject)JsonNode.Parse(line!)!;
        Assert.Equal("slow", (string?)answer["id"]);
        Assert.Equal(1, (int?)answer["exit_code"]);
        Assert.All((JsonArray)answer["action_results"]!, r => Assert.Equal("Cancelled before the action finished; AWS may have applied part of it", (string?)r!["message"]));
        Assert.DoesNotContain("internal error", await stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_in_progress_when_the_stop_comes_still_finishes_and_is_reported()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopSeen = false;
        var connector = new ScriptedConnector(async (_, stop) =>
        {
            started.TrySetResult();
            // The change's first call answers as the stop comes; its second runs under a grace of its own.
            await Task.Delay(Timeout.Infinite, stop).ContinueWith(_ => stopSeen = stop.IsCancellationRequested, TaskScheduler.Default);
            await Task.Delay(TimeSpan.FromMilliseconds(300), CancellationToken.None);
        });
        using var interrupt = new CancellationTokenSource();

        var run = connector.Runner().RunAsync(ScriptedConnector.Probe, ScriptedConnector.Sets("change"), ScriptedConnector.Asset, new RunOptions(), interrupt.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await interrupt.CancelAsync();
        var outcome = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(stopSeen);
        Assert.Equal("change done", (string?)outcome.Envelope["action_results"]![0]!["message"]);
        Assert.Equal(0, outcome.ExitCode);
    }

    [Fact]
    public async Task A_set_that_never_ends_is_reported_once_its_grace_is_over_and_the_envelope_still_comes()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connector = new ScriptedConnector(async (_, _) =>
        {
            started.TrySetResult();
            await new TaskCompletionSource().Task; // ignores every token
        });
        using var interrupt = new CancellationTokenSource();

        var run = connector.Runner().RunAsync(ScriptedConnector.Probe, ScriptedConnector.Sets("stuck", "queued"), ScriptedConnector.Asset, new RunOptions(MaxParallel: 1), interrupt.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var stopping = Stopwatch.StartNew();
        await interrupt.CancelAsync();
        var outcome = await run.WaitAsync(TimeSpan.FromSeconds(90));

        // A change may take the grace to finish and as long again to be undone; then the host stops waiting.
        Assert.InRange(stopping.Elapsed, 2 * ActionRunner.GracePeriod, 2 * ActionRunner.GracePeriod + TimeSpan.FromSeconds(10));
        var messages = ((JsonArray)outcome.Envelope["action_results"]!).Select(r => (string?)r!["message"]).ToList();
        Assert.Equal(["Cancelled, and the change in progress had not ended 21 s later; AWS may have applied part of the action", "Cancelled before it started; nothing was sent to AWS"], messages);
        Assert.Equal(1, outcome.ExitCode);
    }

    private static string AssetFor(Host.Serving.ReplayServer server) =>
        RunnerHarness.TempFile($$"""{"region":"us-east-1","aws_access_key_id":"AKIAIOSFODNN7EXAMPLE","aws_secret_access_key":"bench-secret","endpoint_url":"{{server.Endpoint}}"}""");

    /// <summary>The built runner as its own process (<c>dotnet runner.dll</c>), its three streams redirected.</summary>
    private static Process StartRunner(params string[] args) =>
        Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "runner.dll"), .. args])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;

    private static void Signal(Process process, int signal) => Assert.Equal(0, Kill(process.Id, signal));

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
