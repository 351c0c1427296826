using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws.Transport;
using AwsContainment.Host;
using AwsContainment.Host.Contract;
using AwsContainment.Host.Serving;

namespace AwsContainment.Tests.Serving;

/// <summary>Parameter sets of one run that act on the same resource run one after the other; the others still overlap.</summary>
public sealed class ResourceLanesTests
{
    private static readonly AppContract Contract = AppContract.Load(Path.Combine(TestEnvironment.RepositoryRoot, "app.json"));

    [Theory]
    // The same instance twice, another one between and after.
    [InlineData("contain instance", """[{"instance": "i-0000000a", "case_id": "IR-1"}, {"instance": "i-0000000b", "case_id": "IR-1"}, {"instance": "i-0000000a", "case_id": "IR-2"}, {"instance": "i-0000000c", "case_id": "IR-1"}]""", "0,2|1|3")]
    // Volume lists that share one volume.
    [InlineData("snapshot volumes", """[{"attached_vols": "vol-0000000a, vol-0000000b"}, {"attached_vols": "vol-0000000c"}, {"attached_vols": "vol-0000000b"}]""", "0,2|1")]
    // A user name typed by other actions, however it is spelt; IAM names are unique whatever their case.
    [InlineData("create user", """[{"user_name": "Alice"}, {"user_name": "bob"}, {"user_name": "alice"}]""", "0,2|1")]
    // One bucket, two principals: both sets rewrite the one bucket policy.
    [InlineData("contain bucket", """[{"bucket": "evidence", "allowed_principal_arn": "arn:aws:iam::111122223333:role/A"}, {"bucket": "evidence", "allowed_principal_arn": "arn:aws:iam::111122223333:role/B"}]""", "0,1")]
    // A chain: the second set shares its key with the first, the third its user with the second.
    [InlineData("disable access key", """[{"access_key_id": "AKIAIOSFODNN7EXAMPLE", "user_name": "a"}, {"access_key_id": "AKIAIOSFODNN7EXAMPLE", "user_name": "b"}, {"access_key_id": "AKIAI44QH8DHBEXAMPLE", "user_name": "b"}, {"access_key_id": "AKIAJ44QH8DHBEXAMPLE", "user_name": "c"}]""", "0,1,2|3")]
    // Reads do not race.
    [InlineData("describe instance", """[{"instance": "i-0000000a"}, {"instance": "i-0000000a"}]""", "0|1")]
    public void Sets_on_one_resource_share_a_lane_in_input_order(string action, string sets, string lanes)
    {
        var given = JsonNode.Parse(sets)!.AsArray().Select(s => s?.DeepClone()).ToList();

        var found = new ResourceLanes(Contract).Of(Contract.Find(action)!, given);

        Assert.Equal(lanes, string.Join('|', found.Select(lane => string.Join(',', lane))));
    }

    [Fact]
    public async Task Two_sets_for_one_instance_and_case_contain_it_once_and_the_second_finds_it_contained()
    {
        // Run at once, both would find the instance uncontained and each take its own snapshot of every volume. The
        // server answers late, as AWS does, so sets that overlap do interleave their calls.
        var first = Recording.Load(Path.Combine(TestEnvironment.FixturesDirectory, "contain_instance", "asg_and_load_balancers.json"));
        var again = Recording.Load(Path.Combine(TestEnvironment.FixturesDirectory, "contain_instance", "already_contained.json"));
        Assert.True(JsonNode.DeepEquals(first.Parameters, again.Parameters) && JsonNode.DeepEquals(first.Asset, again.Asset));
        await using var server = new ReplayServer([.. first.Exchanges, .. again.Exchanges], TimeSpan.FromMilliseconds(20), FaultPlan.None, TextWriter.Null, reusable: false);
        server.Start(0);
        var asset = (JsonObject)first.Asset.DeepClone();
        asset["aws_access_key_id"] = "AKIAIOSFODNN7EXAMPLE";
        asset["aws_secret_access_key"] = "not-a-real-secret";
        asset["endpoint_url"] = server.Endpoint.ToString();
        var sets = new JsonArray(first.Parameters[0]!.DeepClone(), again.Parameters[0]!.DeepClone());

        var output = await RunnerHarness.RunAsync("--action", first.Action!, "--params", RunnerHarness.TempFile(sets.ToJsonString()), "--asset", RunnerHarness.TempFile(asset.ToJsonString()), "--compact");

        Assert.True(server.Book.Unexpected.Count == 0, "asked for what the recordings do not hold: " + string.Join("; ", server.Book.Unexpected));
        Assert.Empty(server.Book.Unused);
        Assert.Equal(0, output.ExitCode);
        JsonSubset.AssertContained(first.Expected!["envelope"]!["action_results"]![0], output.Result(0));
        JsonSubset.AssertContained(again.Expected!["envelope"]!["action_results"]![0], output.Result(1));
    }
}
