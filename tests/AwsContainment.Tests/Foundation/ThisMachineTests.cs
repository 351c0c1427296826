using System.Collections;
using System.Net;
using System.Net.Sockets;
using AwsContainment.Tests.Serving;

namespace AwsContainment.Tests.Foundation;

/// <summary>
/// Plain http is allowed only to this machine, so it must stay there: with a proxy configured (the Splunk connector
/// passes the platform's on), a loopback or <c>localhost</c> endpoint is reached directly, and a <c>localhost</c>
/// name is connected to loopback without asking DNS (RFC 6761), which here knows no such name. The proxy is a
/// listener on 127.0.0.1 that must receive nothing; the runner runs as its own process, since .NET reads the proxy
/// from the environment once per process.
/// </summary>
public sealed class ThisMachineTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("localhost", true)]
    [InlineData("localhost.", true)]
    [InlineData("replay.localhost", true)]
    [InlineData("Evidence.LOCALHOST.", true)]
    [InlineData("replay.localhost", false)]
    [InlineData("localhost.", false)]
    public async Task An_endpoint_on_this_machine_is_reached_directly_never_through_a_proxy_or_DNS(string host, bool proxySet)
    {
        await using var server = ReplayServerTests.StartServer();
        var proxy = new TcpListener(IPAddress.Loopback, 0);
        proxy.Start();
        var proxied = 0;
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var client = await proxy.AcceptTcpClientAsync();
                    Interlocked.Increment(ref proxied);
                }
            }
            catch (Exception stopped) when (stopped is SocketException or ObjectDisposedException)
            {
                // The test is over.
            }
        });
        var proxyUrl = $"http://127.0.0.1:{((IPEndPoint)proxy.LocalEndpoint).Port}";
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Where(e => !((string)e.Key).Equals("NO_PROXY", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        foreach (var name in new[] { "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy" })
        {
            if (proxySet)
            {
                environment[name] = proxyUrl;
            }
            else
            {
                environment.Remove(name);
            }
        }
        var asset = RunnerHarness.TempFile($$"""{"region":"us-east-1","aws_access_key_id":"AKIAIOSFODNN7EXAMPLE","aws_secret_access_key":"not-a-real-secret","endpoint_url":"http://{{host}}:{{server.Endpoint.Port}}"}""");

        var run = await RunnerHarness.RunExecutableAsync("dotnet", environment, TimeSpan.FromMinutes(2),
            Path.Combine(AppContext.BaseDirectory, "runner.dll"), "--action", "describe instance", "--param", "instance=i-0abc1234def567890", "--asset", asset, "--compact");
        proxy.Stop();
        await accepting;

        Assert.Equal(0, proxied);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.True(server.Requests > 0);
    }
}
