using System.Text.Json.Nodes;

namespace AwsContainment.Tests.Outbreak;

/// <summary>A serve request that asks for progress gets a line when its instance is isolated and when it ends, before its answer.</summary>
public sealed class ServeProgressTests
{
    private static readonly string Recording = Path.Combine(TestEnvironment.FixturesDirectory, "contain_instance", "no_auto_scaling_group_or_load_balancer.json");

    [Fact]
    public async Task A_request_asking_for_progress_hears_of_the_isolation_and_the_end_before_its_answer()
    {
        var request = """{"id": 7, "action": "contain instance", "parameters": {"instance": "i-0b2c3d4e5f6071829", "case_id": "IR-2026-0042"}, "asset": {"region": "us-east-1"}, "progress": true}""";

        var output = await RunnerHarness.RunWithInputAsync(request + "\n", "serve", "--replay", Recording);

        var lines = output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Equal(7, (int?)l["id"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"total": 1, "isolated": 1, "contained": 0, "failed": 0}"""), lines[0]["progress"]), lines[0].ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"total": 1, "isolated": 1, "contained": 1, "failed": 0}"""), lines[1]["progress"]), lines[1].ToJsonString());
        Assert.Equal("success", (string?)lines[2]["status"]);
    }

    [Fact]
    public async Task A_request_that_does_not_ask_gets_only_its_answer()
    {
        var request = """{"id": 8, "action": "contain instance", "parameters": {"instance": "i-0b2c3d4e5f6071829", "case_id": "IR-2026-0042"}, "asset": {"region": "us-east-1"}}""";

        var output = await RunnerHarness.RunWithInputAsync(request + "\n", "serve", "--replay", Recording);

        var only = Assert.Single(output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("success", (string?)JsonNode.Parse(only)!["status"]);
    }
}
