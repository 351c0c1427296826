using AwsContainment.Connector.Aws.Transport;
using AwsContainment.Tests.Foundation;

namespace AwsContainment.Tests.Ec2;

/// <summary>Over the real network handler, describe instance's two calls are in flight at the same time.</summary>
public sealed class DescribeInstanceOverNetworkTests
{
    private const string Instance = "i-0abc1234def567890";

    [Fact]
    public async Task Describe_instance_over_the_network_still_asks_for_the_instance_and_its_volumes_at_once()
    {
        var recording = Recording.Load(Path.Combine(TestEnvironment.RepositoryRoot, "bench", "fixtures", "describe_instance.json"));
        // Each of the two is answered only once the other has arrived too: asked one after the other, both fail.
        using var bothAsked = new Barrier(2);
        using var server = new LocalAwsServer(request =>
        {
            var exchange = recording.Exchanges.Single(e => e.Form?["Action"] == request.Action);
            return bothAsked.SignalAndWait(TimeSpan.FromSeconds(20))
                ? (exchange.Status, "text/xml;charset=UTF-8", exchange.Body)
                : (400, "text/xml", "<Response><Errors><Error><Code>AskedAlone</Code><Message>the instance and its volumes were not asked for at once</Message></Error></Errors><RequestID>x</RequestID></Response>");
        });
        var asset = RunnerHarness.TempFile($$"""{"region":"us-east-1","endpoint_url":"{{server.Url}}","aws_access_key_id":"AKIAIOSFODNN7EXAMPLE","aws_secret_access_key":"overlap-test-secret"}""");

        var run = await RunnerHarness.RunAsync("--action", "describe instance", "--param", $"instance={Instance}", "--asset", asset);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"Instance {Instance} is running", (string?)run.Result()["message"], StringComparison.Ordinal);
    }
}
