using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AwsContainment.Host.Cli;

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
}
