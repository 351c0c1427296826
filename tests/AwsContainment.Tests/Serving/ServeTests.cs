using System.Text.Json.Nodes;
using AwsContainment.Connector;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Aws.Transport;
using AwsContainment.Host;
using AwsContainment.Host.Contract;
using AwsContainment.Host.Serving;
using Moq;

namespace AwsContainment.Tests.Serving;

/// <summary><c>runner serve</c>: JSON lines in, one envelope per line out, concurrently, never crashing on a bad line.</summary>
public sealed class ServeTests
{
    private static readonly string Connectivity = Path.Combine(TestEnvironment.FixturesDirectory, "test_connectivity", "success.json");

    private static List<JsonObject> Lines(RunnerOutput output) =>
        output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => (JsonObject)JsonNode.Parse(line)!).ToList();

    private static JsonObject ById(List<JsonObject> lines, string id) => lines.Single(line => line["id"]?.ToString() == id);

    [Fact]
    public async Task Every_request_gets_one_line_with_its_id_and_a_bad_line_does_not_stop_the_others()
    {
        var input = string.Join('\n',
            """{"id": "a", "action": "test connectivity", "asset": {"region": "us-east-1"}}""",
            "this is not json",
            """{"id": 7, "action": "test_connectivity", "parameters": [{}, {}], "asset": {"region": "us-east-1"}}""",
            "");

        var output = await RunnerHarness.RunWithInputAsync(input, "serve", "--replay", Connectivity);

        var lines = Lines(output);
        Assert.Equal(0, output.ExitCode);
        Assert.Equal(3, lines.Count);
        var first = ById(lines, "a");
        Assert.Equal(0, (int?)first["exit_code"]);
        Assert.Equal("test connectivity", (string?)first["action"]);
        Assert.StartsWith("Test connectivity passed. Connected to AWS account 777777777777", (string?)first["action_results"]![0]!["message"], StringComparison.Ordinal);
        Assert.Equal("2 of 2 parameter sets succeeded", (string?)ById(lines, "7")["message"]);
        var bad = lines.Single(line => line["id"] is null);
        Assert.Equal(2, (int?)bad["exit_code"]);
        Assert.Equal("failed", (string?)bad["status"]);
        Assert.StartsWith("line 2 is not valid JSON: ", (string?)bad["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id": 1, "action": "reboot everything", "asset": {"region": "us-east-1"}}""", "line 1: unknown action 'reboot everything' (runner actions lists them)")]
    [InlineData("""{"id": 1, "action": "contian instance", "asset": {"region": "us-east-1"}}""", "line 1: unknown action 'contian instance' (did you mean 'contain instance'? runner actions lists them)")]
    [InlineData("""{"id": 1, "asset": {"region": "us-east-1"}}""", "line 1: no action given: add \"action\": NAME (runner actions lists them)")]
    [InlineData("""{"id": 1, "action": "test connectivity"}""", "line 1: no asset: add \"asset\": {\"region\": ...} or start serve with --asset FILE")]
    [InlineData("""{"id": 1, "action": "test connectivity", "parameters": "x", "asset": {"region": "us-east-1"}}""", "line 1: \"parameters\" must hold a JSON object or a list of objects (parameter sets), got string")]
    [InlineData("""{"id": 1, "action": "test connectivity", "asset": {"region": "mars-1"}}""", "line 1: invalid asset configuration: ")]
    [InlineData("""{"id": 1, "action": ["test connectivity"]}""", "line 1: \"action\" must be a string (the action's name), got array")]
    [InlineData("""{"id": 1, "action": "test connectivity", "params": {}, "asset": {"region": "us-east-1"}}""", "line 1: unknown field 'params' (known: id, action, parameters, asset, progress)")]
    [InlineData("""{"action": "test connectivity", "asset": {"region": "us-east-1"}}""", "line 1: \"id\" must be a string or a number the answer carries back, got none")]
    [InlineData("[1, 2]", "line 1: a request must be a JSON object {\"id\", \"action\", \"parameters\", \"asset\"}, got array")]
    [InlineData("null", "line 1: a request must be a JSON object {\"id\", \"action\", \"parameters\", \"asset\"}, got null")]
    public async Task A_request_that_cannot_run_gets_an_error_line_naming_the_problem(string request, string message)
    {
        var output = await RunnerHarness.RunWithInputAsync(request + "\n", "serve", "--replay", RunnerHarness.EmptyRecording());

        var line = Assert.Single(Lines(output));
        Assert.Equal(2, (int?)line["exit_code"]);
        Assert.StartsWith(message, (string?)line["message"], StringComparison.Ordinal);
        Assert.Equal(0, output.ExitCode);
        Assert.False(output.CalledAws);
    }

    [Fact]
    public async Task A_refused_request_still_carries_its_id_back()
    {
        var output = await RunnerHarness.RunWithInputAsync("""{"id": "c-9", "action": "test connectivity", "asset": {"region": "us-east-1"}, "priority": 1}""" + "\n", "serve", "--replay", RunnerHarness.EmptyRecording());

        var line = Assert.Single(Lines(output));
        Assert.Equal("c-9", (string?)line["id"]);
        Assert.Equal(2, (int?)line["exit_code"]);
        Assert.Contains("'priority'", (string?)line["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_longer_than_a_request_may_be_is_skipped_unread_and_the_next_one_runs()
    {
        var input = new string('x', ServeHost.MaxRequestBytes + 1) + "\n"
            + """{"id": "after", "action": "test connectivity", "asset": {"region": "us-east-1"}}""" + "\n";

        var output = await RunnerHarness.RunWithInputAsync(input, "serve", "--replay", Connectivity);

        var lines = Lines(output);
        Assert.Equal(2, lines.Count);
        Assert.Equal("line 1 holds more than the 4 MiB a request may hold; it was skipped unread", (string?)lines.Single(l => l["id"] is null)["message"]);
        Assert.Equal("success", (string?)ById(lines, "after")["status"]);
    }

    [Fact]
    public async Task A_request_without_an_asset_uses_the_one_serve_was_started_with()
    {
        var asset = RunnerHarness.TempFile("""{"region": "us-east-1"}""");

        var output = await RunnerHarness.RunWithInputAsync("""{"id": "x", "action": "test connectivity"}""" + "\n", "serve", "--replay", Connectivity, "--asset", asset);

        Assert.Equal("success", (string?)Assert.Single(Lines(output))["status"]);
    }

    [Fact]
    public async Task Requests_run_concurrently_and_each_answer_is_written_when_it_is_ready()
    {
        var output = new StringWriter();
        var written = TextWriter.Synchronized(output);
        // The first request cannot finish before the second one's answer is out: a host that ran requests one at a
        // time, or held answers back to input order, would never get there.
        var connector = new ScriptedConnector(async (name, _) =>
        {
            if (name == "first") await ReplayServerTests.WaitUntilAsync(() => { lock (written) return output.ToString().Contains("\"id\":2", StringComparison.Ordinal); });
        });
        var host = new ServeHost(connector.Runner(), ScriptedConnector.Asset, new ServeOptions(MaxRequests: 4, new RunOptions()), written);
        var input = """{"id": 1, "action": "probe", "parameters": {"name": "first"}}""" + "\n" + """{"id": 2, "action": "probe", "parameters": {"name": "second"}}""" + "\n";

        await host.RunAsync(new StringReader(input), CancellationToken.None);

        var ids = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => (int?)JsonNode.Parse(line)!["id"]).ToList();
        Assert.Equal([2, 1], ids);
    }

    [Fact]
    public async Task Requests_for_the_same_asset_share_one_AWS_session_and_another_region_gets_its_own()
    {
        var sessions = new List<AwsSession>();
        var recorder = new Mock<IAwsAction<TestConnectivityParameters>>();
        recorder.Setup(a => a.RunAsync(It.IsAny<ActionContext>(), It.IsAny<TestConnectivityParameters>(), It.IsAny<CancellationToken>()))
            .Callback<ActionContext, TestConnectivityParameters, CancellationToken>((context, _, _) => { lock (sessions) sessions.Add(context.Aws); context.Result.Succeed("seen"); })
            .Returns(Task.CompletedTask);
        using var connector = new AwsConnector(AwsTransport.FromReplay(new ReplayBook([])), [CatalogAction.Of("test_connectivity", recorder.Object, TestConnectivityParameters.From)]);
        var runner = new ActionRunner(AppContract.Load(Path.Combine(TestEnvironment.RepositoryRoot, "app.json")), connector);
        var host = new ServeHost(runner, null, new ServeOptions(MaxRequests: 8, new RunOptions()), new StringWriter());
        var input = string.Join('\n',
            """{"id": 1, "action": "test connectivity", "asset": {"region": "us-east-1"}}""",
            """{"id": 2, "action": "test connectivity", "parameters": [{}, {}], "asset": {"region": "us-east-1"}}""",
            """{"id": 3, "action": "test connectivity", "asset": {"region": "eu-west-1"}}""");

        await host.RunAsync(new StringReader(input), CancellationToken.None);

        Assert.Equal(4, sessions.Count);
        Assert.Equal(2, sessions.Distinct().Count());
        Assert.Single(sessions.Where(s => s.Asset.Region == "eu-west-1").Distinct());
        Assert.Single(sessions.Where(s => s.Asset.Region == "us-east-1").Distinct());
    }

    [Fact]
    public async Task Ctrl_C_answers_the_requests_in_flight_as_cancelled_and_stops()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connector = new ScriptedConnector(async (_, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        var output = new StringWriter();
        var host = new ServeHost(connector.Runner(), ScriptedConnector.Asset, new ServeOptions(MaxRequests: 4, new RunOptions()), TextWriter.Synchronized(output));
        using var interrupt = new CancellationTokenSource();
        using var input = new BlockingLines("""{"id": "slow", "action": "probe", "parameters": {"name": "slow"}}""");

        var serving = host.RunAsync(input, interrupt.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await interrupt.CancelAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(60));

        var line = (JsonObject)JsonNode.Parse(output.ToString())!;
        Assert.Equal("slow", (string?)line["id"]);
        Assert.Equal(1, (int?)line["exit_code"]);
        Assert.Equal("slow cancelled", (string?)line["action_results"]![0]!["message"]);
    }

    /// <summary>stdin of a SOAR that sent its lines and keeps the pipe open: reading past them blocks.</summary>
    private sealed class BlockingLines(params string[] lines) : TextReader
    {
        private readonly Queue<string> _lines = new(lines);
        private readonly ManualResetEventSlim _never = new();

        private string _current = "";

        public override int Read()
        {
            if (_current.Length == 0 && _lines.TryDequeue(out var line))
            {
                _current = line + "\n";
            }
            if (_current.Length == 0)
            {
                _never.Wait();
                return -1;
            }
            var next = _current[0];
            _current = _current[1..];
            return next;
        }

        protected override void Dispose(bool disposing)
        {
            _never.Set();
            _never.Dispose();
            base.Dispose(disposing);
        }
    }
}
