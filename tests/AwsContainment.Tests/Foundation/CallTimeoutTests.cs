using System.Net;
using System.Net.Sockets;

namespace AwsContainment.Tests.Foundation;

/// <summary>
/// Every attempt of an AWS call has a time-out (<c>--call-timeout</c>, 30 s by default): an endpoint that takes the
/// connection and never answers fails the set naming the endpoint, as a refused connection does, never "Internal error".
/// </summary>
public sealed class CallTimeoutTests
{
    [Theory]
    [InlineData("describe instance", "instance=i-0abc1234def567890")]
    [InlineData("get access key info", "access_key_id=AKIAI3BDAGGZ7EXAMPLE")]
    public async Task An_endpoint_that_never_answers_fails_the_set_naming_it(string action, string parameter)
    {
        // Connections land in the listener's backlog, and it never reads or answers them.
        var hole = new TcpListener(IPAddress.Loopback, 0);
        hole.Start();
        var endpoint = $"http://127.0.0.1:{((IPEndPoint)hole.LocalEndpoint).Port}";
        var asset = RunnerHarness.TempFile($$"""{"region":"us-east-1","aws_access_key_id":"AKIAIOSFODNN7EXAMPLE","aws_secret_access_key":"not-a-real-secret","endpoint_url":"{{endpoint}}"}""");

        var run = await RunnerHarness.RunAsync("--action", action, "--param", parameter, "--asset", asset, "--call-timeout", "0.2", "--compact");
        hole.Stop();

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"Could not reach AWS: {endpoint} did not answer within 0.2 s", (string?)run.Result()["message"]);
    }
}
