using System.Net;
using System.Text;
using AwsContainment.Host;
using AwsContainment.Host.Cli;
using AwsContainment.Host.Serving;

namespace AwsContainment.Tests.Serving;

/// <summary>
/// The replay server: recorded AWS over HTTP on 127.0.0.1 for any client. Every server here listens on the
/// loopback address only and is stopped by the test that started it.
/// </summary>
public sealed class ReplayServerTests
{
    private static readonly string Connectivity = Path.Combine(TestEnvironment.FixturesDirectory, "test_connectivity", "success.json");
    private static readonly string BenchFixtures = Path.Combine(TestEnvironment.RepositoryRoot, "bench", "fixtures");

    internal static ReplayServer StartServer(TimeSpan latency = default, FaultPlan? faults = null, TextWriter? log = null)
    {
        var server = new ReplayServer(ReplayServer.LoadExchanges([Connectivity, BenchFixtures]), latency, faults ?? FaultPlan.None, log ?? TextWriter.Null);
        server.Start(0);
        return server;
    }

    /// <summary>Polls <paramref name="condition"/>; a safety net so a broken server fails the test instead of hanging it.</summary>
    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10);
        }
        Assert.True(condition(), "the condition never came true");
    }

    internal static string AssetFor(ReplayServer server) => RunnerHarness.TempFile(
        $$"""{"region":"us-east-1","aws_access_key_id":"AKIAIOSFODNN7EXAMPLE","aws_secret_access_key":"not-a-real-secret","endpoint_url":"{{server.Endpoint}}"}""");

    /// <summary>An EC2 query request signed the way any SDK signs it; the server reads only the credential scope.</summary>
    internal static HttpRequestMessage Ec2Request(Uri endpoint, string form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261122/us-east-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=0");
        return request;
    }

    internal const string DescribeInstance = "Action=DescribeInstances&Version=2016-11-15&InstanceId.1=i-0abc1234def567890";

    [Fact]
    public async Task The_runner_pointed_at_the_server_gets_the_recorded_answers_of_every_service()
    {
        await using var server = StartServer();

        var output = await RunnerHarness.RunAsync("--action", "test connectivity", "--asset", AssetFor(server), "--compact");

        Assert.Equal(0, output.ExitCode);
        Assert.StartsWith("Test connectivity passed. Connected to AWS account 777777777777 as arn:aws:iam::777777777777:user/SecurityResponder in us-east-1; 8 of 8 services permitted",
            (string?)output.Result()["message"], StringComparison.Ordinal);
        Assert.Equal(9, server.Requests);
    }

    [Fact]
    public async Task Recordings_are_never_used_up_so_many_runs_share_one_server()
    {
        await using var server = StartServer();
        using var http = new HttpClient();

        for (var run = 0; run < 3; run++)
        {
            using var response = await http.SendAsync(Ec2Request(server.Endpoint, DescribeInstance));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("<instanceId>i-0abc1234def567890</instanceId>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("AmazonEC2", response.Headers.Server.ToString());
        }
    }

    [Fact]
    public async Task Form_parameters_match_in_any_order()
    {
        await using var server = StartServer();
        using var http = new HttpClient();

        using var response = await http.SendAsync(Ec2Request(server.Endpoint, "InstanceId.1=i-0abc1234def567890&Version=2016-11-15&Action=DescribeInstances"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_request_no_recording_holds_gets_an_AWS_shaped_error_naming_it_and_is_logged()
    {
        var log = new StringWriter();
        await using var server = StartServer(log: TextWriter.Synchronized(log));
        using var http = new HttpClient();

        using var response = await http.SendAsync(Ec2Request(server.Endpoint, "Action=DescribeInstances&Version=2016-11-15&InstanceId.1=i-0000000000000000f"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<Code>ReplayMismatch</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("no recorded answer for ec2 DescribeInstances InstanceId.1=i-0000000000000000f", log.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FaultKind.Throttle, HttpStatusCode.ServiceUnavailable, "<Code>RequestLimitExceeded</Code>")]
    [InlineData(FaultKind.ServerError, HttpStatusCode.InternalServerError, "<Code>InternalError</Code>")]
    public async Task Every_nth_request_gets_the_injected_fault_in_the_services_own_error_shape(FaultKind kind, HttpStatusCode status, string code)
    {
        await using var server = StartServer(faults: new FaultPlan(2, kind));
        using var http = new HttpClient();

        var statuses = new List<HttpStatusCode>();
        var bodies = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.SendAsync(Ec2Request(server.Endpoint, DescribeInstance));
            statuses.Add(response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Equal([HttpStatusCode.OK, status, HttpStatusCode.OK, status], statuses);
        Assert.Contains(code, bodies[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropped_connection_reaches_the_client_as_no_answer()
    {
        await using var server = StartServer(faults: new FaultPlan(1, FaultKind.Drop));
        using var http = new HttpClient();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(Ec2Request(server.Endpoint, DescribeInstance)));
    }

    [Fact]
    public async Task A_runner_given_only_throttling_retries_for_its_throttle_budget_then_fails_with_AWSs_code()
    {
        await using var server = StartServer(faults: new FaultPlan(1, FaultKind.Throttle));

        var output = await RunnerHarness.RunAsync("--action", "test connectivity", "--asset", AssetFor(server), "--compact");

        // Every answer is a throttle: retried past the standard mode's three attempts (the test's budget is 100 ms),
        // then the one sentence names AWS's code.
        Assert.Equal(1, output.ExitCode);
        Assert.Contains("could not confirm the credentials' identity", (string?)output.Result()["message"], StringComparison.Ordinal);
        Assert.Contains("Throttling", (string?)output.Result()["message"], StringComparison.Ordinal);
        Assert.True(server.Requests > 3, $"{server.Requests} attempts: throttles are retried by time, not by the standard mode's count");
    }

    [Fact]
    public async Task Stopping_the_server_ends_requests_still_waiting_out_their_latency()
    {
        var server = StartServer(latency: TimeSpan.FromMinutes(10));
        using var http = new HttpClient();
        var pending = http.SendAsync(Ec2Request(server.Endpoint, DescribeInstance));
        await WaitUntilAsync(() => server.Requests == 1);

        await server.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => pending.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void Loading_a_missing_recording_is_a_usage_error_naming_it()
    {
        var error = Assert.Throws<UsageException>(() => ReplayServer.LoadExchanges(["/nonexistent/recordings"]));
        Assert.Equal("no recording or folder at /nonexistent/recordings", error.Message);
    }

    [Fact]
    public async Task The_replay_server_command_prints_its_endpoint_serves_and_stops_on_Ctrl_C()
    {
        using var command = await ServingCommand.StartAsync("replay-server", "--fixtures", BenchFixtures, "--port", "0");
        using var http = new HttpClient();

        using var response = await http.SendAsync(Ec2Request(command.Endpoint, DescribeInstance));
        var exitCode = await command.StopAsync();

        Assert.Equal("127.0.0.1", command.Endpoint.Host);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, exitCode);
        Assert.Contains("replay-server: 3 recorded exchanges from", command.Stderr, StringComparison.Ordinal);
        Assert.Contains("replay-server: stopped after 1 requests", command.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_fault_kind_is_a_usage_error()
    {
        var output = await RunnerHarness.RunAsync("replay-server", "--fixtures", BenchFixtures, "--fault", "explode", "--fault-every", "2");

        Assert.Equal(RunnerCli.Usage, output.ExitCode);
        Assert.Equal("runner: --fault takes drop, 500 or throttle, got 'explode'\n", output.Stderr);
    }
}
