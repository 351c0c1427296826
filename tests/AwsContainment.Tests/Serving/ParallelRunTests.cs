using System.Text.Json.Nodes;
using AwsContainment.Connector;
using AwsContainment.Connector.Aws.Transport;
using AwsContainment.Host;
using AwsContainment.Host.Contract;

namespace AwsContainment.Tests.Serving;

/// <summary>Many parameter sets in one run: how many at once, in which order, per-set timeouts, and Ctrl-C.</summary>
public sealed class ParallelRunTests
{
    [Fact]
    public async Task Results_keep_input_order_when_later_sets_finish_first()
    {
        var released = new Dictionary<string, TaskCompletionSource>
        {
            ["first"] = new(), ["second"] = new(), ["third"] = new(),
        };
        var connector = new ScriptedConnector(async (name, _) =>
        {
            // third finishes first, then second, then first.
            if (name == "third") released["third"].SetResult();
            if (name == "second") { await released["third"].Task; released["second"].SetResult(); }
            if (name == "first") await released["second"].Task;
        });

        var outcome = await connector.Runner().RunAsync(ScriptedConnector.Probe, ScriptedConnector.Sets("first", "second", "third"), ScriptedConnector.Asset, new RunOptions(MaxParallel: 3), CancellationToken.None);

        var messages = ((JsonArray)outcome.Envelope["action_results"]!).Select(r => (string?)r!["message"]).ToList();
        Assert.Equal(["first done", "second done", "third done"], messages);
        Assert.Equal(0, outcome.ExitCode);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    public async Task No_more_sets_run_at_once_than_max_parallel_and_that_many_do(int maxParallel)
    {
        const int total = 20;
        var gate = new Lock();
        var waiting = new List<TaskCompletionSource>();
        var started = 0;
        // Each set waits until max-parallel sets are in (or no more will come), so the peak is reached exactly.
        var connector = new ScriptedConnector(async (_, _) =>
        {
            var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (gate)
            {
                started++;
                waiting.Add(mine);
                if (waiting.Count == maxParallel || started == total)
                {
                    waiting.ForEach(w => w.SetResult());
                    waiting.Clear();
                }
            }
            await mine.Task;
        });
        var sets = ScriptedConnector.Sets(Enumerable.Range(1, total).Select(i => $"set{i}").ToArray());

        var outcome = await connector.Runner().RunAsync(ScriptedConnector.Probe, sets, ScriptedConnector.Asset, new RunOptions(maxParallel), CancellationToken.None);

        Assert.Equal(maxParallel, connector.PeakParallel);
        Assert.Equal($"{total} of {total} parameter sets succeeded", (string?)outcome.Envelope["message"]);
    }

    [Fact]
    public void The_default_is_eight_sets_at_once()
    {
        Assert.Equal(8, new RunOptions().MaxParallel);
    }

    [Fact]
    public async Task A_set_past_its_timeout_fails_alone_and_the_others_still_succeed()
    {
        var connector = new ScriptedConnector((name, ct) => name == "stuck" ? Task.Delay(Timeout.Infinite, ct) : Task.CompletedTask);

        var outcome = await connector.Runner().RunAsync(ScriptedConnector.Probe, ScriptedConnector.Sets("quick", "stuck", "also quick"), ScriptedConnector.Asset,
            new RunOptions(MaxParallel: 2, PerSetTimeout: TimeSpan.FromMilliseconds(200)), CancellationToken.None);

        var results = (JsonArray)outcome.Envelope["action_results"]!;
        Assert.Equal(["success", "failed", "success"], results.Select(r => (string?)r!["status"]));
        Assert.Equal("Timed out after 0.2 s; AWS may have applied part of the action", (string?)results[1]!["message"]);
        Assert.Equal("2 of 3 parameter sets succeeded", (string?)outcome.Envelope["message"]);
        Assert.Equal(1, outcome.ExitCode);
    }

    [Fact]
    public async Task A_timeout_is_reported_in_the_seconds_given()
    {
        var connector = new ScriptedConnector((_, ct) => Task.Delay(Timeout.Infinite, ct));

        var outcome = await connector.Runner().RunAsync(ScriptedConnector.Probe, ScriptedConnector.Sets("stuck"), ScriptedConnector.Asset,
            new RunOptions(PerSetTimeout: TimeSpan.FromSeconds(0.08)), CancellationToken.None);

        Assert.Equal("Timed out after 0.08 s; AWS may have applied part of the action", (string?)outcome.Envelope["action_results"]![0]!["message"]);
    }

    [Fact]
    public async Task A_timeout_cuts_a_real_AWS_call_that_never_answers()
    {
        var recording = Recording.Load(Path.Combine(TestEnvironment.FixturesDirectory, "test_connectivity", "success.json"));
        var book = new ReplayBook(recording.Exchanges) { Latency = TimeSpan.FromMinutes(10), Reusable = true };
        using var connector = new AwsConnector(AwsTransport.FromReplay(book));
        var contract = AppContract.Load(Path.Combine(TestEnvironment.RepositoryRoot, "app.json"));
        var runner = new ActionRunner(contract, connector);

        var outcome = await runner.RunAsync(contract.Find("test connectivity")!, [new JsonObject(), new JsonObject()], runner.ValidateAsset(recording.Asset),
            new RunOptions(MaxParallel: 2, PerSetTimeout: TimeSpan.FromMilliseconds(300)), CancellationToken.None);

        var results = (JsonArray)outcome.Envelope["action_results"]!;
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal("Timed out after 0.3 s; AWS may have applied part of the action", (string?)r!["message"]));
        Assert.Equal(1, outcome.ExitCode);
    }

    [Fact]
    public async Task Ctrl_C_fails_running_and_waiting_sets_and_still_prints_the_whole_envelope()
    {
        await using var server = ReplayServerTests.StartServer(latency: TimeSpan.FromMinutes(10));
        var asset = RunnerHarness.TempFile($$"""{"region":"us-east-1","aws_access_key_id":"AKIAIOSFODNN7EXAMPLE","aws_secret_access_key":"bench-secret","endpoint_url":"{{server.Endpoint}}"}""");
        var sets = RunnerHarness.TempFile("[{}, {}, {}]");
        using var interrupt = new CancellationTokenSource();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var run = new AwsContainment.Host.Cli.RunnerCli(stdout, stderr, TextReader.Null)
            .RunAsync(["--action", "test connectivity", "--params", sets, "--asset", asset, "--max-parallel", "1", "--compact"], interrupt.Token);
        await ReplayServerTests.WaitUntilAsync(() => server.Requests >= 1);
        await interrupt.CancelAsync();
        var exitCode = await run.WaitAsync(TimeSpan.FromSeconds(60));

        var output = new RunnerOutput(exitCode, stdout.ToString(), stderr.ToString());
        Assert.Equal(1, output.ExitCode);
        Assert.Equal("0 of 3 parameter sets succeeded", (string?)output.Envelope["message"]);
        Assert.Equal("Cancelled before the action finished; AWS may have applied part of it", (string?)output.Result(0)["message"]);
        Assert.Equal("Cancelled before it started; nothing was sent to AWS", (string?)output.Result(1)["message"]);
        Assert.Equal("Cancelled before it started; nothing was sent to AWS", (string?)output.Result(2)["message"]);
    }
}
