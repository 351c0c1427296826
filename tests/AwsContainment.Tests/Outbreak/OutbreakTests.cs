using System.Text.Json.Nodes;
using AwsContainment.Connector;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Aws.Transport;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;
using AwsContainment.Tests.Containment;
using AwsContainment.Host;
using AwsContainment.Host.Contract;
using AwsContainment.Host.Serving;

namespace AwsContainment.Tests.Outbreak;

/// <summary>
/// An outbreak against a replay server that throttles as AWS does: many contain instance sets of one account and
/// region at once, through the real client, signer, retry policy and governor. None may fail by throttling.
/// </summary>
public sealed class OutbreakTests
{
    private const string Template = "no_auto_scaling_group_or_load_balancer.json";
    private const string TemplateInstance = "i-0b2c3d4e5f6071829";
    private const int Instances = 30;

    // AWS's EC2 buckets made small and quick, so that thirty instances overrun them in a second or two.
    private const string SmallBuckets = "aws,non-mutating=5/50,unfiltered-non-mutating=5/50,mutating=5/50,resource-intensive=5/50,"
        + "CreateTags=5/50,ModifyNetworkInterfaceAttribute=5/50,ModifyInstanceMetadataOptions=5/50,CreateSnapshots=5/50";

    [Fact]
    public async Task Many_sets_paced_to_the_buckets_finish_with_none_failed_by_throttling()
    {
        var outcome = await ContainAsync(serverBuckets: SmallBuckets, governorBuckets: SmallBuckets);

        Assert.All(outcome.Results, r => Assert.Equal("success", (string?)r["status"]));
        Assert.Equal(Instances, outcome.Isolated);
    }

    [Fact]
    public async Task A_governor_that_overrates_the_buckets_learns_from_the_throttles_and_no_set_fails()
    {
        var generous = SmallBuckets.Replace("=5/50", "=20/200", StringComparison.Ordinal);

        var outcome = await ContainAsync(serverBuckets: SmallBuckets, governorBuckets: generous);

        Assert.True(outcome.Throttled > 0, "the server never throttled: the test does not overrun its buckets");
        Assert.All(outcome.Results, r => Assert.Equal("success", (string?)r["status"]));
        Assert.Equal(Instances, outcome.Isolated);
    }

    private sealed record Outcome(List<JsonObject> Results, int Isolated, long Throttled);

    private static async Task<Outcome> ContainAsync(string serverBuckets, string governorBuckets)
    {
        var throttling = new AwsThrottling(ThrottleTable.Parse(serverBuckets), TimeProvider.System);
        await using var server = new ReplayServer(await OutbreakExchangesAsync(), TimeSpan.Zero, FaultPlan.None, TextWriter.Null) { Throttling = throttling };
        server.Start(0);
        var governor = new RateGovernor(ThrottleTable.Parse(governorBuckets), TimeProvider.System) { ThrottleBudget = TimeSpan.FromMinutes(1) };
        using var connector = new AwsConnector(AwsTransport.Network, governor);
        var contract = AppContract.Load(Path.Combine(TestEnvironment.RepositoryRoot, "app.json"));
        var runner = new ActionRunner(contract, connector);
        var asset = runner.ValidateAsset(JsonNode.Parse($$"""{"region":"us-east-1","aws_access_key_id":"AKIAIOSFODNN7EXAMPLE","aws_secret_access_key":"not-a-real-secret","endpoint_url":"{{server.Endpoint}}"}"""));
        var sets = Enumerable.Range(0, Instances).Select(i => (JsonNode?)new JsonObject { ["instance"] = Instance(i), ["case_id"] = "IR-2026-0042" }).ToList();
        var isolated = 0;

        var outcome = await runner.RunAsync(contract.Find("contain instance")!, sets, asset, new RunOptions(MaxParallel: 16, SetIsolated: () => Interlocked.Increment(ref isolated)), CancellationToken.None);

        var results = outcome.Envelope["action_results"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.DoesNotContain(results, r => ((string?)r["message"] ?? "").Contains("RequestLimitExceeded", StringComparison.Ordinal));
        Assert.Empty(server.Book.Unexpected);
        return new Outcome(results, isolated, throttling.Throttled);
    }

    private static string Instance(int index) => $"i-0{index:x16}";

    /// <summary>
    /// The recording of one instance's containment, once per instance of the outbreak. Its quarantine tags name the
    /// digest of the instance's own journal: the template's journal (from a replay of it) is rewritten for each.
    /// </summary>
    private static async Task<IEnumerable<Exchange>> OutbreakExchangesAsync()
    {
        var path = Path.Combine(TestEnvironment.FixturesDirectory, "contain_instance", Template);
        Assert.Contains(Recording.Load(path).Parameters, p => (string?)p!["instance"] == TemplateInstance);
        var journal = (await ContainmentFixtures.ReplayAsync(path)).Result()["data"]![0]!["Journal"]!.ToJsonString();
        var recorded = JsonNode.Parse(File.ReadAllText(path))!["exchanges"]!.ToJsonString();
        var digest = Digest(journal);
        Assert.Contains(digest, recorded, StringComparison.Ordinal);
        return Enumerable.Range(0, Instances).SelectMany(i =>
            JsonNode.Parse(recorded.Replace(TemplateInstance, Instance(i), StringComparison.Ordinal).Replace(digest, Digest(journal.Replace(TemplateInstance, Instance(i), StringComparison.Ordinal)), StringComparison.Ordinal))!
                .AsArray().Select((e, n) => Exchange.FromJson(e!.AsObject(), $"outbreak exchange {n + 1} of {Instance(i)}")));
    }

    private static string Digest(string journal) => ContainmentJournal.Parse(journal, "the template's journal", new ValueRules(type => type, (_, _) => true)).Digest();
}
