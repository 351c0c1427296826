using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;
using AwsContainment.Host;
using AwsContainment.Host.Serving;

namespace AwsContainment.Tests.Serving;

/// <summary>
/// What a caller or an endpoint can make the runner hold is bounded: parameter sets and JSON values per request,
/// the AWS answer read, and the AWS message quoted. Each of these once grew <c>runner serve</c> by gigabytes
/// (bench/serve-stress.sh measures the resident size under them).
/// </summary>
public sealed class MemoryBoundsTests
{
    private static readonly string Connectivity = Path.Combine(TestEnvironment.FixturesDirectory, "test_connectivity", "success.json");

    private static async Task<JsonObject> ServeOneAsync(string line)
    {
        var output = await RunnerHarness.RunWithInputAsync(line + "\n", "serve", "--replay", Connectivity);
        Assert.Equal(0, output.ExitCode);
        return (JsonObject)JsonNode.Parse(output.Stdout)!;
    }

    [Fact]
    public async Task A_request_with_more_parameter_sets_than_a_run_takes_is_refused_before_any_set_is_read()
    {
        var sets = string.Join(",", Enumerable.Repeat("{}", ActionRunner.MaxParameterSets + 1));

        var reply = await ServeOneAsync($$$"""{"id": "many", "action": "add tag", "parameters": [{{{sets}}}], "asset": {"region": "us-east-1"}}""");

        Assert.Equal(2, (int?)reply["exit_code"]);
        Assert.Equal("many", (string?)reply["id"]);
        Assert.Equal($"line 1: \"parameters\" holds {ActionRunner.MaxParameterSets + 1} parameter sets; a run takes at most {ActionRunner.MaxParameterSets} (split it)", (string?)reply["message"]);
    }

    [Fact]
    public async Task A_request_of_more_JSON_values_than_a_request_may_hold_is_refused_before_it_is_built()
    {
        var keys = string.Join(",", Enumerable.Range(0, ServeHost.MaxRequestValues).Select(i => $"\"k{i}\": 0"));

        var reply = await ServeOneAsync($$$$"""{"id": "wide", "action": "add tag", "parameters": {{{{{keys}}}}}, "asset": {"region": "us-east-1"}}""");

        Assert.Equal(2, (int?)reply["exit_code"]);
        Assert.Equal($"line 1 holds more than {ServeHost.MaxRequestValues:N0} JSON values", (string?)reply["message"]);
    }

    [Fact]
    public async Task An_endpoint_streaming_an_endless_answer_fails_the_set_after_8_MiB()
    {
        using var endpoint = new StreamingEndpoint("200 OK", _ => "<DescribeInstancesResponse><reservationSet>" + new string(' ', 64 * 1024));

        var output = await DescribeThroughAsync(endpoint);

        Assert.Equal(1, output.ExitCode);
        Assert.Equal($"The endpoint's answer is larger than the 8 MiB the runner reads (it went on past that); it was not read further", (string?)output.Result()["message"]);
        Assert.True(endpoint.Sent < 64L * 1024 * 1024, $"the endpoint got {endpoint.Sent} bytes out before the runner stopped reading");
    }

    [Fact]
    public async Task A_huge_AWS_error_message_is_cut_to_a_readable_length()
    {
        var huge = new string('A', 100_000);
        using var endpoint = new StreamingEndpoint("400 Bad Request", sent => sent == 0
            ? $"<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>{huge}</Message></Error></Errors><RequestID>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestID></Response>"
            : null);

        var output = await DescribeThroughAsync(endpoint);

        Assert.Equal(1, output.ExitCode);
        Assert.Equal($"InvalidParameterValue: {huge[..AwsErrors.MaxMessageLength]}… (100000 characters) (request id 7a62c49f-347e-4fc4-9331-6e8eEXAMPLE)", (string?)output.Result()["message"]);
    }

    [Fact]
    public async Task Past_16_MiB_of_result_data_an_envelope_leaves_the_data_of_further_sets_out()
    {
        var tags = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"<item><key>k{i}</key><value>{new string('v', 250)}</value></item>"));
        var answer = $"<DescribeInstancesResponse><requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId><reservationSet><item><reservationId>r-0123456789abcdef0</reservationId><instancesSet><item><instanceId>i-0abc1234def567890</instanceId><tagSet>{tags}</tagSet></item></instancesSet></item></reservationSet></DescribeInstancesResponse>";
        using var endpoint = new StreamingEndpoint("200 OK", sent => sent == 0 ? answer : null);
        var sets = new JsonArray(Enumerable.Range(1, 3).Select(_ => (JsonNode)new JsonObject { ["instance"] = "i-0abc1234def567890" }).ToArray());

        var output = await DescribeThroughAsync(endpoint, "--params", RunnerHarness.TempFile(sets.ToJsonString()));

        var results = output.Envelope["action_results"]!.AsArray();
        Assert.All(results, r => Assert.Equal("success", (string?)r!["status"]));
        var kept = results.Count(r => r!["data"]!.AsArray().Count > 0);
        Assert.InRange(kept, 1, 2);
        Assert.All(results.Where(r => r!["data"]!.AsArray().Count == 0), r => Assert.EndsWith("(its data is left out: this run's results passed the 16 MiB an envelope carries)", (string?)r!["message"], StringComparison.Ordinal));
        Assert.True(output.Stdout.Length < 2 * ActionRunner.MaxEnvelopeData, $"the envelope is {output.Stdout.Length} characters");
    }

    private static Task<RunnerOutput> DescribeThroughAsync(StreamingEndpoint endpoint, params string[] parameters) => RunnerHarness.RunAsync(
        ["--action", "describe instance", .. parameters.Length > 0 ? parameters : ["--param", "instance=i-0abc1234def567890"], "--compact", "--asset",
        RunnerHarness.TempFile($$"""{"region": "us-east-1", "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key": "not-a-real-secret", "endpoint_url": "{{endpoint.Url}}"}""")]);

    /// <summary>
    /// An endpoint on 127.0.0.1 that answers every request with <c>status</c> and then the pieces
    /// <c>next(bytes sent so far)</c> gives until it gives null, the caller hangs up, or 256 MiB have gone out.
    /// </summary>
    private sealed class StreamingEndpoint : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Task _loop;
        private long _sent;

        public StreamingEndpoint(string status, Func<long, string?> next)
        {
            _listener.Start();
            _loop = Task.Run(async () =>
            {
                while (true)
                {
                    TcpClient client;
                    try
                    {
                        client = await _listener.AcceptTcpClientAsync();
                    }
                    catch (Exception error) when (error is SocketException or ObjectDisposedException)
                    {
                        return;
                    }
                    _ = Task.Run(() => AnswerAsync(client, status, next));
                }
            });
        }

        public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

        public long Sent => Interlocked.Read(ref _sent);

        public void Dispose()
        {
            _listener.Stop();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }

        private async Task AnswerAsync(TcpClient client, string status, Func<long, string?> next)
        {
            using (client)
            {
                var stream = client.GetStream();
                var request = new StringBuilder();
                var buffer = new byte[8192];
                int read;
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && (read = await stream.ReadAsync(buffer)) > 0)
                {
                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }
                var own = 0L;
                try
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: text/xml\r\nConnection: close\r\n\r\n"));
                    while (own < 256L * 1024 * 1024 && next(own) is { } piece)
                    {
                        var bytes = Encoding.ASCII.GetBytes(piece);
                        await stream.WriteAsync(bytes);
                        own += bytes.Length;
                        Interlocked.Add(ref _sent, bytes.Length);
                    }
                }
                catch (IOException)
                {
                    // The runner hung up: it read all it was going to.
                }
            }
        }
    }
}
