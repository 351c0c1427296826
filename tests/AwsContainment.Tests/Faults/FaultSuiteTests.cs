using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws.Transport;
using AwsContainment.Host.Contract;
using AwsContainment.Host.Serving;

namespace AwsContainment.Tests.Faults;

/// <summary>
/// Every mutating action (app.json: contain, correct or generic, not read-only) × every <see cref="Fault"/>, run
/// through the real runner against the replay server: each mutating call of the action's success recording gets the
/// fault in turn (<see cref="FaultVariant"/>). After a fault the action's report equals the report of the run
/// without it (the true state), no duplicate is made, and every recorded exchange is asked for, nothing else;
/// when every attempt is throttled the run fails clearly, naming AWS's throttling error, and claims no success.
/// A new action is picked up from app.json; it needs a success recording, a re-run recording (or a reason) and, for
/// a new AWS call, a row in tests/fault-suite.json.
/// </summary>
public sealed class FaultSuiteTests
{
    private static readonly JsonObject Suite = JsonNode.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "tests", "fault-suite.json")))!.AsObject();

    private static readonly string[] ThrottlingCodes = ["RequestLimitExceeded", "Throttling", "ThrottlingException", "SlowDown"];

    public static TheoryData<string, Fault> Cases()
    {
        var contract = AppContract.Load(Path.Combine(TestEnvironment.RepositoryRoot, "app.json"));
        var cases = new TheoryData<string, Fault>();
        foreach (var action in contract.Actions.Where(IsFaulted))
        {
            foreach (var fault in Enum.GetValues<Fault>())
            {
                cases.Add(action.Identifier, fault);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_mutating_call_survives_the_fault(string identifier, Fault fault)
    {
        foreach (var recording in Recordings(identifier))
        {
            await EveryMutatingCallSurvivesAsync(identifier, Path.Combine(TestEnvironment.FixturesDirectory, identifier, recording), fault);
        }
    }

    /// <summary>Whether the suite faults an action: every mutating one (app.json: contain, correct or generic, not read-only).</summary>
    internal static bool IsFaulted(ActionSpec action) => action.Type is "contain" or "correct" or "generic" && !action.ReadOnly;

    /// <summary>
    /// Every exchange the suite answers a faulted action's calls with, over every variant of every recording it
    /// faults: the recorded calls and the retries and read-backs the faults add (not what only a wrong runner asks for).
    /// </summary>
    internal static IEnumerable<Exchange> FaultedExchanges(string identifier) =>
        from recording in Recordings(identifier)
        let exchanges = Recording.Load(Path.Combine(TestEnvironment.FixturesDirectory, identifier, recording)).Exchanges
        from index in Enumerable.Range(0, exchanges.Count).Where(i => IsAppliedChange(exchanges[i]))
        from fault in Enum.GetValues<Fault>()
        let variant = FaultVariant.Derive(exchanges, index, fault, (JsonObject)Suite["repeats"]!)
        from exchange in variant.Exchanges.Except(variant.NeverAsked)
        select exchange;

    /// <summary>The recordings an action is faulted from: tests/fault-suite.json's 'recordings' (one name or a list), or success.json.</summary>
    internal static IEnumerable<string> Recordings(string identifier) => Suite["recordings"]?[identifier] switch
    {
        null => ["success.json"],
        JsonArray names => names.Select(n => (string)n!),
        var name => [(string)name!],
    };

    private static async Task EveryMutatingCallSurvivesAsync(string identifier, string path, Fault fault)
    {
        Assert.True(File.Exists(path), $"{identifier} has no success recording at {path}: add one, or name it in tests/fault-suite.json 'recordings'");
        var scenario = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var exchanges = Recording.Load(path).Exchanges;
        var targets = Enumerable.Range(0, exchanges.Count).Where(i => IsAppliedChange(exchanges[i])).ToList();
        Assert.NotEmpty(targets);
        var baseline = await RunAsync(scenario, exchanges);
        Assert.True(baseline.Unexpected.Count == 0 && baseline.Unused.Count == 0, $"{identifier}: the recording itself does not replay through the server\n{baseline.Output.Stderr}");

        foreach (var index in targets)
        {
            var variant = FaultVariant.Derive(exchanges, index, fault, (JsonObject)Suite["repeats"]!);
            var run = await RunAsync(scenario, variant.Exchanges);
            var what = $"{identifier} ({Path.GetFileName(path)}), {fault} on {exchanges[index].Describe()}";
            if (fault == Fault.AlwaysThrottled)
            {
                Assert.True(ThrottlingCodes.Any(code => run.Output.Stdout.Contains(code, StringComparison.Ordinal)), $"{what}: the failure does not name AWS's throttling error\n{run.Output.Stdout}");
                Assert.False(JsonNode.DeepEquals(Normalized(baseline.Output.Envelope), Normalized(run.Output.Envelope)), $"{what}: reports the same as when every call succeeded");
                continue;
            }
            Assert.True(run.Unexpected.Count == 0, $"{what}: asked AWS for what the recording does not hold: {string.Join("; ", run.Unexpected)}\n{run.Output.Stdout}");
            Assert.True(variant.NeverAsked.All(run.Unused.Contains), $"{what}: repeated a create that has no idempotency token, making a duplicate");
            Assert.False(run.Unused.Except(variant.NeverAsked).Any(), $"{what}: never asked for {string.Join("; ", run.Unused.Except(variant.NeverAsked).Select(e => e.Describe()))}\n{run.Output.Stdout}");
            Assert.Equal(baseline.Output.ExitCode, run.Output.ExitCode);
            var expected = Normalized(baseline.Output.Envelope);
            var actual = Normalized(run.Output.Envelope);
            Assert.True(SameReport(expected, actual), $"{what}: the report differs from the one without the fault\nwithout: {expected.ToJsonString()}\nwith:    {actual.ToJsonString()}");
        }
    }

    public static TheoryData<string> MutatingActions()
    {
        var contract = AppContract.Load(Path.Combine(TestEnvironment.RepositoryRoot, "app.json"));
        return new TheoryData<string>(contract.Actions.Where(IsFaulted).Select(a => a.Identifier));
    }

    /// <summary>Run again on the state it left, an action changes nothing, or tests/fault-suite.json says why it does.</summary>
    [Theory]
    [MemberData(nameof(MutatingActions))]
    public async Task A_rerun_changes_nothing(string identifier)
    {
        var rerun = Suite["reruns"]?[identifier];
        Assert.True(rerun is not null, $"{identifier}: name its re-run recording in tests/fault-suite.json 'reruns', or say why a re-run changes something");
        if (rerun is JsonObject exception)
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)exception["why"]), $"{identifier}: a re-run that changes something needs a reason");
            return;
        }
        var path = Path.Combine(TestEnvironment.FixturesDirectory, identifier, (string)rerun!);
        var exchanges = Recording.Load(path).Exchanges;
        var changes = exchanges.Where(IsAppliedChange).Select(e => e.Describe()).ToList();
        Assert.True(changes.Count == 0, $"{identifier}: the re-run changes {string.Join("; ", changes)}");
        var run = await RunAsync(JsonNode.Parse(File.ReadAllText(path))!.AsObject(), exchanges);
        Assert.True(run.Unexpected.Count == 0 && run.Unused.Count == 0, $"{identifier}: the re-run asked for {string.Join("; ", run.Unexpected)}, and not for {string.Join("; ", run.Unused.Select(e => e.Describe()))}");
    }

    /// <summary>
    /// Whether two reports say the same: equal, but that a sentence may go on to note the retry (a message or
    /// summary that starts with the sentence of the run without the fault), and that a playbook change applied by a
    /// first attempt whose answer was lost has no <c>response</c> but metadata (EC2's rule ids, for one).
    /// </summary>
    private static bool SameReport(JsonNode? expected, JsonNode? actual, string? name = null) => (expected, actual) switch
    {
        (JsonObject, JsonObject { Count: 0 }) when name == "response" => true,
        (JsonObject e, JsonObject a) => e.Count == a.Count && e.All(p => a.ContainsKey(p.Key) && SameReport(p.Value, a[p.Key], p.Key)),
        (JsonArray e, JsonArray a) => e.Count == a.Count && e.Zip(a).All(p => SameReport(p.First, p.Second, name)),
        (JsonValue e, JsonValue a) when name is "message" or "summary" && e.TryGetValue<string>(out var sentence) && a.TryGetValue<string>(out var noted) =>
            noted.StartsWith(sentence, StringComparison.Ordinal),
        _ => JsonNode.DeepEquals(expected, actual),
    };

    /// <summary>A mutating call AWS answered with success: a change it applied.</summary>
    private static bool IsAppliedChange(Exchange exchange) => FaultVariant.IsMutating(exchange) && exchange.Status is >= 200 and < 300 && exchange.Fault is null;

    private sealed record ServedRun(RunnerOutput Output, IReadOnlyList<string> Unexpected, IReadOnlyList<Exchange> Unused);

    /// <summary>Runs the scenario's action, parameters and asset against a replay server answering <paramref name="exchanges"/> in order.</summary>
    private static async Task<ServedRun> RunAsync(JsonObject scenario, List<Exchange> exchanges)
    {
        await using var server = new ReplayServer(exchanges, TimeSpan.Zero, FaultPlan.None, TextWriter.Null, reusable: false);
        server.Start(0);
        var asset = (JsonObject)scenario["asset"]!.DeepClone();
        asset["aws_access_key_id"] = "AKIAIOSFODNN7EXAMPLE";
        asset["aws_secret_access_key"] = "not-a-real-secret";
        asset["endpoint_url"] = server.Endpoint.ToString();
        var output = await RunnerHarness.RunAsync([
            "--action", (string)scenario["action"]!,
            "--params", RunnerHarness.TempFile(scenario["parameters"]!.ToJsonString()),
            "--asset", RunnerHarness.TempFile(asset.ToJsonString()),
            "--compact",
            .. (scenario["args"] as JsonArray ?? []).Select(a => a!.ToString()),
        ]);
        return new ServedRun(output, server.Book.Unexpected, server.Book.Unused);
    }

    /// <summary>The envelope without what differs between two runs of the same change: request ids, retry counts, timings.</summary>
    private static JsonNode Normalized(JsonNode envelope)
    {
        var copy = envelope.DeepClone();
        Strip(copy);
        return copy;
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject item:
                foreach (var name in item.Select(p => p.Key).Where(k => k is "ResponseMetadata" or "RequestId" or "RetryAttempts" or "elapsed_ms").ToList())
                {
                    item.Remove(name);
                }
                foreach (var (_, value) in item)
                {
                    Strip(value);
                }
                break;
            case JsonArray list:
                foreach (var value in list)
                {
                    Strip(value);
                }
                break;
        }
    }
}
