using System.Text.Json.Nodes;
using AwsContainment.Host.Contract;
using AwsContainment.Host.Results;

namespace AwsContainment.Tests;

/// <summary>
/// Replays every recording under tests/fixtures through the real command line, client, signer and parsers, and
/// holds the output to the recording's expectations, to app.json's documented data paths, and to the rule that
/// every recorded exchange is asked for and nothing else is.
/// </summary>
public sealed class FixtureReplayTests
{
    private static readonly AppContract Contract = AppContract.Load(Path.Combine(TestEnvironment.RepositoryRoot, "app.json"));

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestEnvironment.FixturesDirectory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(TestEnvironment.FixturesDirectory, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public Task Recording_replays_as_expected(string fixture) => AssertReplaysAsRecordedAsync(fixture, args => RunnerHarness.RunAsync(args));

    /// <summary>Replays <paramref name="fixture"/> through <paramref name="run"/> (the runner's arguments in, what it printed out).</summary>
    internal static async Task AssertReplaysAsRecordedAsync(string fixture, Func<string[], Task<RunnerOutput>> run)
    {
        var path = Path.Combine(TestEnvironment.FixturesDirectory, fixture);
        var recording = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var expected = recording["expected"] as JsonObject ?? throw new InvalidOperationException($"{fixture} has no 'expected' section");
        var args = new List<string> { "--replay", path, "--compact" };
        args.AddRange((recording["args"] as JsonArray ?? []).Select(a => a!.ToString()));

        var output = await run([.. args]);

        Assert.False(output.CalledAws && expected["unexpected_requests"] is null, $"{fixture}: requests the recording does not hold:\n{output.Stderr}");
        Assert.DoesNotContain("never requested", output.Stderr, StringComparison.Ordinal);
        if (expected["exit_code"] is { } exitCode)
        {
            Assert.True((int)exitCode == output.ExitCode, $"{fixture}: exit code {output.ExitCode}, expected {exitCode}\nstdout: {output.Stdout}\nstderr: {output.Stderr}");
        }
        foreach (var text in (expected["stderr_contains"] as JsonArray ?? []).Select(t => t!.ToString()))
        {
            Assert.Contains(text, output.Stderr, StringComparison.Ordinal);
        }
        if (expected["envelope"] is { } envelope)
        {
            JsonSubset.AssertContained(envelope, output.Envelope);
        }
        AssertDocumentedDataPaths(output.Envelope, fixture);
    }

    /// <summary>Every data path app.json documents for the action appears in every successful result.</summary>
    private static void AssertDocumentedDataPaths(JsonObject envelope, string fixture)
    {
        var action = Contract.Find(envelope["identifier"]!.ToString())!;
        foreach (var result in (envelope["action_results"] as JsonArray ?? []).OfType<JsonObject>().Where(r => (string?)r["status"] == "success"))
        {
            var single = new JsonObject { ["action_results"] = new JsonArray(result.DeepClone()), ["summary"] = envelope["summary"]!.DeepClone() };
            foreach (var output in action.Output)
            {
                if (output.DataPath.StartsWith("action_result.parameter.", StringComparison.Ordinal)
                    && !((JsonObject)result["parameter"]!).ContainsKey(output.DataPath["action_result.parameter.".Length..]))
                {
                    continue; // an optional parameter this set did not give
                }
                if (ThroughEmptyList(single, output.DataPath))
                {
                    continue; // a listing that found nothing has no item to carry the path
                }
                Assert.True(DataPath.Resolve(single, output.DataPath).Count > 0, $"{fixture}: documented data path {output.DataPath} is missing from a successful result");
            }
        }
    }

    /// <summary>Whether one of the path's <c>*</c> stands for the items of lists that are all empty (no users, no events).</summary>
    private static bool ThroughEmptyList(JsonObject envelope, string dataPath)
    {
        for (var star = dataPath.IndexOf(".*", StringComparison.Ordinal); star >= 0; star = dataPath.IndexOf(".*", star + 2, StringComparison.Ordinal))
        {
            var lists = DataPath.Resolve(envelope, dataPath[..star]);
            if (lists.Count > 0 && lists.All(list => list is JsonArray { Count: 0 }))
            {
                return true;
            }
        }
        return false;
    }
}
