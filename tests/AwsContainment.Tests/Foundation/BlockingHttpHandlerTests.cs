using System.Net;
using System.Net.Sockets;
using System.Text;
using AwsContainment.Connector.Aws.Transport;

namespace AwsContainment.Tests.Foundation;

/// <summary>
/// The network handler sends on the calling thread, so nothing above it suspends (and no async state machine is
/// compiled at run time), yet a cancelled call still stops and the calls one action overlaps still overlap.
/// </summary>
public sealed class BlockingHttpHandlerTests
{
    private const string Instance = "i-0abc1234def567890";

    private static HttpRequestMessage DescribeInstances(string url) =>
        new(HttpMethod.Post, url) { Content = new StringContent("Action=DescribeInstances&Version=2016-11-15", Encoding.UTF8, "application/x-www-form-urlencoded") };

    [Fact]
    public async Task A_send_has_its_answer_when_it_returns()
    {
        using var server = new LocalAwsServer(_ => (200, "text/xml", "<DescribeInstancesResponse/>"));
        using var invoker = new HttpMessageInvoker(new BlockingHttpHandler());

        var sending = invoker.SendAsync(DescribeInstances(server.Url), CancellationToken.None);

        Assert.True(sending.IsCompletedSuccessfully, "the send returned before its answer: the pipeline above it would suspend");
        using var response = await sending;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_port_nobody_listens_on_fails_the_send_as_refused()
    {
        using var invoker = new HttpMessageInvoker(new BlockingHttpHandler());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => invoker.SendAsync(DescribeInstances($"http://127.0.0.1:{LocalAwsServer.FreePort()}/"), CancellationToken.None));

        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
    }

    [Fact]
    public async Task Cancelling_stops_a_send_that_waits_for_an_answer()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        using var invoker = new HttpMessageInvoker(new BlockingHttpHandler());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => invoker.SendAsync(DescribeInstances($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/"), cancel.Token));
    }

    [Fact]
    public async Task Cancelling_stops_a_connect_that_never_completes()
    {
        // A listener that never accepts, with its one-place queue taken: the kernel drops further handshakes.
        using var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var queued = Enumerable.Range(0, 3).Select(_ => new Socket(SocketType.Stream, ProtocolType.Tcp) { Blocking = false }).ToList();
        queued.ForEach(q => Record.Exception(() => q.Connect(IPAddress.Loopback, port)));
        using var invoker = new HttpMessageInvoker(new BlockingHttpHandler());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => invoker.SendAsync(DescribeInstances($"http://127.0.0.1:{port}/"), cancel.Token));
        queued.ForEach(q => q.Dispose());
    }

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
