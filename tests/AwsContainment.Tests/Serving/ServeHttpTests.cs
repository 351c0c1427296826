using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using AwsContainment.Host.Cli;
using AwsContainment.Host.Serving;

namespace AwsContainment.Tests.Serving;

/// <summary><c>runner serve --http</c>: the same requests over HTTP on 127.0.0.1, for callers holding the bearer token.</summary>
public sealed class ServeHttpTests
{
    private const string Token = "s3cret-bearer-token-for-tests";
    private static readonly string Connectivity = Path.Combine(TestEnvironment.FixturesDirectory, "test_connectivity", "success.json");

    private static HttpRequestMessage Post(Uri endpoint, string body, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return request;
    }

    [Fact]
    public async Task Requests_with_the_token_are_answered_and_all_others_refused_before_anything_runs()
    {
        using var command = await ServingCommand.StartAsync("serve", "--http", "0", "--token-file", RunnerHarness.TempFile(Token + "\n", ".token"), "--replay", Connectivity);
        var endpoint = command.Endpoint;
        using var http = new HttpClient();
        const string request = """{"id": "r1", "action": "test connectivity", "asset": {"region": "us-east-1"}}""";

        using var answered = await http.SendAsync(Post(endpoint, request, Token));
        using var noToken = await http.SendAsync(Post(endpoint, request, null));
        using var wrongToken = await http.SendAsync(Post(endpoint, request, Token + "x"));
        using var notPost = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, endpoint) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } });
        using var badBody = await http.SendAsync(Post(endpoint, "{not json", Token));
        Assert.Equal(0, await command.StopAsync());

        Assert.Equal("127.0.0.1", endpoint.Host);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var envelope = (JsonObject)JsonNode.Parse(await answered.Content.ReadAsStringAsync())!;
        Assert.Equal("r1", (string?)envelope["id"]);
        Assert.Equal("success", (string?)envelope["status"]);
        foreach (var refused in new[] { noToken, wrongToken })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Equal("missing or wrong bearer token: send Authorization: Bearer TOKEN", (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["message"]);
        }
        Assert.Equal(HttpStatusCode.MethodNotAllowed, notPost.StatusCode);
        var bad = (JsonObject)JsonNode.Parse(await badBody.Content.ReadAsStringAsync())!;
        Assert.Equal(2, (int?)bad["exit_code"]);
        Assert.StartsWith("the request body is not valid JSON: ", (string?)bad["message"], StringComparison.Ordinal);
        Assert.Contains("serve: stopped after 5 requests", command.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "runner: --http needs --token-file FILE: the bearer token every request must carry\n")]
    [InlineData("short", "runner: the bearer token must be at least 16 characters\n")]
    public async Task Serving_over_HTTP_without_a_real_token_is_refused(string? token, string message)
    {
        var args = new List<string> { "serve", "--http", "0", "--replay", Connectivity };
        if (token is not null)
        {
            args.AddRange(["--token-file", RunnerHarness.TempFile(token, ".token")]);
        }

        var output = await RunnerHarness.RunAsync([.. args]);

        Assert.Equal(RunnerCli.Usage, output.ExitCode);
        Assert.Equal(message, output.Stderr);
    }

    /// <summary>
    /// Sends <paramref name="head"/> and then up to <paramref name="bodyBytes"/> of body, reading the answer as soon
    /// as there is one: returns it and how much of the body the server let in before it closed the connection.
    /// </summary>
    private static async Task<(string Answer, long Sent)> SendRawAsync(Uri endpoint, string head, long bodyBytes)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, endpoint.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var reading = ReadUntilClosedAsync(stream);
        var chunk = new byte[64 * 1024];
        long sent = 0;
        try
        {
            while (sent < bodyBytes && !reading.IsCompleted)
            {
                await stream.WriteAsync(chunk).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
                sent += chunk.Length;
            }
        }
        catch (IOException)
        {
            // The server closed the connection: what it would not read cannot be sent.
        }
        var answer = await reading.WaitAsync(TimeSpan.FromSeconds(30));
        return (answer, sent);
    }

    // What arrived before the connection ended, whether it was closed or reset.
    private static async Task<string> ReadUntilClosedAsync(NetworkStream stream)
    {
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
        }
        return Encoding.ASCII.GetString(received.ToArray());
    }

    private static long ResidentBytes(Process process) =>
        long.Parse(File.ReadLines($"/proc/{process.Id}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;

    [RequiresFact(Requirement.ProcFileSystem)]
    public async Task An_unauthenticated_100_MB_body_is_refused_on_its_headers_and_never_read()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "runner.dll"), "serve", "--http", "0", "--token-file", RunnerHarness.TempFile(Token, ".token"), "--replay", Connectivity])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var runner = Process.Start(start)!;
        try
        {
            var endpoint = new Uri((await runner.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1)))!);
            var before = ResidentBytes(runner);

            var (answer, sent) = await SendRawAsync(endpoint, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer wrong-token-of-some-length\r\nContent-Length: 104857600\r\n\r\n", 100L * 1024 * 1024);

            Assert.StartsWith("HTTP/1.1 401 ", answer, StringComparison.Ordinal);
            Assert.Contains("Connection: close", answer, StringComparison.OrdinalIgnoreCase);
            Assert.EndsWith("{\"exit_code\":2,\"status\":\"failed\",\"message\":\"missing or wrong bearer token: send Authorization: Bearer TOKEN\"}", answer, StringComparison.Ordinal);
            Assert.True(sent < 16L * 1024 * 1024, $"the server let {sent} bytes of an unauthenticated body in");
            var grown = ResidentBytes(runner) - before;
            Assert.True(grown < 32L * 1024 * 1024, $"the server grew by {grown} bytes");
        }
        finally
        {
            runner.Kill();
            await runner.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Bodies_over_4_MiB_and_oversized_headers_are_refused_with_the_token_too()
    {
        using var command = await ServingCommand.StartAsync("serve", "--http", "0", "--token-file", RunnerHarness.TempFile(Token, ".token"), "--replay", Connectivity);
        using var http = new HttpClient();
        var big = new string(' ', 5 * 1024 * 1024) + """{"id": "big", "action": "test connectivity"}""";

        const long Declared = 64L * 1024 * 1024;
        var (declared, sent) = await SendRawAsync(command.Endpoint, $"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {Token}\r\nContent-Length: {Declared}\r\n\r\n", Declared);
        using var chunked = new HttpRequestMessage(HttpMethod.Post, command.Endpoint) { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))) };
        chunked.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        chunked.Headers.TransferEncodingChunked = true;
        using var chunkedAnswer = await http.SendAsync(chunked);
        var headers = new HttpRequestMessage(HttpMethod.Post, command.Endpoint) { Content = new StringContent("{}") };
        headers.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        headers.Headers.Add("X-Padding", new string('a', 32 * 1024));
        using var hugeHeaders = await http.SendAsync(headers);
        Assert.Equal(0, await command.StopAsync());

        Assert.StartsWith("HTTP/1.1 413 ", declared, StringComparison.Ordinal);
        Assert.EndsWith("\"message\":\"the request body is larger than 4 MiB\"}", declared, StringComparison.Ordinal);
        Assert.True(sent < 16L * 1024 * 1024, $"{sent} bytes of a declared 64 MiB body were let in before it was refused");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunkedAnswer.StatusCode);
        Assert.Equal(2, (int?)JsonNode.Parse(await chunkedAnswer.Content.ReadAsStringAsync())!["exit_code"]);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, hugeHeaders.StatusCode);
    }

    [Fact]
    public async Task Connections_trickling_their_headers_make_way_for_authenticated_requests()
    {
        using var command = await ServingCommand.StartAsync("serve", "--http", "0", "--max-requests", "2", "--token-file", RunnerHarness.TempFile(Token, ".token"), "--replay", Connectivity);
        var places = ServeHttpServer.ConnectionsPerRequest * 2;
        var tricklers = new List<TcpClient>();
        var closed = new List<Task<string>>();
        for (var i = 0; i < 3 * places; i++)
        {
            var trickler = new TcpClient();
            await trickler.ConnectAsync(IPAddress.Loopback, command.Endpoint.Port);
            await trickler.GetStream().WriteAsync(Encoding.ASCII.GetBytes("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Trickle: a"));
            tricklers.Add(trickler);
            closed.Add(ReadUntilClosedAsync(trickler.GetStream()));
        }
        // Every trickler has reached the server once all but the last places' worth have been pushed out.
        await ReplayServerTests.WaitUntilAsync(() => closed.Count(c => c.IsCompleted) >= 2 * places);

        using var http = new HttpClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var answer = await http.SendAsync(Post(command.Endpoint, $$$"""{"id": {{{i}}}, "action": "test connectivity", "asset": {"region": "us-east-1"}}""", Token));
            answers.Add(answer.StatusCode);
        }
        tricklers.ForEach(t => t.Dispose());
        Assert.Equal(0, await command.StopAsync());

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.All(closed.Where(c => c.IsCompleted), c => Assert.Equal("", c.Result));
    }
}
