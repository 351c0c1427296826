using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;
using AwsContainment.Tests.Foundation;

namespace AwsContainment.Tests.Serving;

/// <summary>
/// The runner never turns on its host: signed requests go only to https endpoints or to this machine, never to
/// link-local or metadata addresses, and <c>runner serve</c> lends the host's own credentials only when its
/// operator allows it.
/// </summary>
public sealed class HostCredentialsTests
{
    private const string Keys = "\"aws_access_key_id\":\"AKIAIOSFODNN7EXAMPLE\",\"aws_secret_access_key\":\"endpoint-test-secret\"";

    [Theory]
    [InlineData("https://ec2.eu-west-1.amazonaws.com")]
    [InlineData("https://vpce-0a1b2c3d4e5f60718-abcdefgh.ec2.us-east-1.vpce.amazonaws.com/")]
    [InlineData("http://127.0.0.1:8787")]
    [InlineData("http://127.10.20.30:4566/")]
    [InlineData("http://[::1]:4566")]
    [InlineData("http://localhost:4566")]
    [InlineData("https://10.0.0.12:443")]
    public void Https_endpoints_and_plain_http_to_this_machine_are_allowed(string endpoint) =>
        Assert.Null(AwsAsset.EndpointRefusal(endpoint));

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "is a link-local or cloud metadata address")]
    [InlineData("https://169.254.169.254", "is a link-local or cloud metadata address")]
    [InlineData("http://169.254.170.2/v2/credentials", "is a link-local or cloud metadata address")]
    [InlineData("http://2852039166/", "is a link-local or cloud metadata address")]
    [InlineData("http://0xa9.0xfe.0xa9.0xfe/", "is a link-local or cloud metadata address")]
    [InlineData("http://[fd00:ec2::254]/", "is a link-local or cloud metadata address")]
    [InlineData("http://[::ffff:169.254.169.254]/", "is a link-local or cloud metadata address")]
    [InlineData("https://[fe80::1]:443", "is a link-local or cloud metadata address")]
    [InlineData("http://100.100.100.200/latest/meta-data", "is a link-local or cloud metadata address")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/", "is a cloud metadata service")]
    [InlineData("https://Metadata.Google.Internal./", "is a cloud metadata service")]
    [InlineData("http://instance-data/latest/", "is a cloud metadata service")]
    [InlineData("http://ec2.us-east-1.amazonaws.com", "uses plain http to another machine")]
    [InlineData("http://10.0.0.12:4566", "uses plain http to another machine")]
    [InlineData("ftp://127.0.0.1/", "is not an http(s) URL")]
    [InlineData("file:///etc/passwd", "is not an http(s) URL")]
    [InlineData("unix:///var/run/docker.sock", "is not an http(s) URL")]
    public void Link_local_metadata_plain_http_to_other_machines_and_other_schemes_are_refused(string endpoint, string refusal) =>
        Assert.StartsWith(refusal, AwsAsset.EndpointRefusal(endpoint), StringComparison.Ordinal);

    [Theory]
    [InlineData(307)]
    [InlineData(302)]
    public async Task An_endpoint_that_redirects_is_not_followed_and_the_set_fails(int status)
    {
        // The endpoint passed every check, so its answer must not send the signed request anywhere else (a 307
        // keeps the method and the form): the redirect fails the set and the place it names hears nothing.
        using var elsewhere = new LocalAwsServer(_ => (200, "text/xml", "<DescribeInstancesResponse/>"));
        using var endpoint = new LocalAwsServer(_ => (status, "text/plain", "")) { RedirectTo = $"{elsewhere.Url}/latest/meta-data/" };
        var asset = RunnerHarness.TempFile($$"""{"region":"us-east-1","endpoint_url":"{{endpoint.Url}}",{{Keys}}}""");

        var run = await RunnerHarness.RunAsync("--action", "describe instance", "--param", "instance=i-0abc1234def567890", "--asset", asset);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"HTTP {status}", (string?)run.Result()["message"], StringComparison.Ordinal);
        Assert.NotEmpty(endpoint.Seen);
        Assert.Empty(elsewhere.Seen);
    }

    [Fact]
    public async Task A_refused_endpoint_is_a_usage_error_on_every_surface_and_nothing_is_sent()
    {
        const string Endpoint = "http://169.254.169.254";
        const string Reason = "invalid asset configuration: asset field 'endpoint_url': \"http://169.254.169.254\" is a link-local or cloud metadata address: the runner never sends requests there";
        var asset = $$"""{"region":"us-east-1","endpoint_url":"{{Endpoint}}",{{Keys}}}""";

        var cli = await RunnerHarness.RunAsync("--action", "test connectivity", "--asset", RunnerHarness.TempFile(asset));
        var testFile = await RunnerHarness.RunAsync(RunnerHarness.TempFile($$"""{"action":"test connectivity","identifier":"test_connectivity","config":{{asset}},"parameters":[{}]}"""));
        var serve = await RunnerHarness.RunWithInputAsync($$"""{"id":"m","action":"test connectivity","asset":{{asset}}}""" + "\n", "serve");

        Assert.Equal((2, "", $"runner: {Reason}\n"), (cli.ExitCode, cli.Stdout, cli.Stderr));
        Assert.Equal((2, "", $"runner: {Reason}\n"), (testFile.ExitCode, testFile.Stdout, testFile.Stderr));
        var line = (JsonObject)JsonNode.Parse(serve.Stdout)!;
        Assert.Equal(2, (int?)line["exit_code"]);
        Assert.Equal($"line 1: {Reason}", (string?)line["message"]);
    }

    [Fact]
    public async Task Serve_refuses_a_request_without_keys_unless_its_operator_allowed_the_hosts_own_credentials()
    {
        using var server = new LocalAwsServer(_ => (200, "text/xml", """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
              <Arn>arn:aws:iam::777777777777:user/soar</Arn><UserId>AIDAJQABLZS4A3QDU576Q</UserId><Account>777777777777</Account>
            </GetCallerIdentityResult><ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata></GetCallerIdentityResponse>
            """));
        var request = $$$"""{"id":"k","action":"test connectivity","parameters":[{}],"asset":{"region":"us-east-1","endpoint_url":"{{{server.Url}}}"}}""" + "\n";

        var refused = await RunnerHarness.RunWithInputAsync(request, "serve");

        var line = (JsonObject)JsonNode.Parse(refused.Stdout)!;
        Assert.Equal(2, (int?)line["exit_code"]);
        Assert.Equal("line 1: the asset has no aws_access_key_id and aws_secret_access_key, and this host lends its own AWS credentials only when started with --allow-ambient-credentials; nothing was sent to AWS", (string?)line["message"]);
        Assert.Empty(server.Seen);

        var allowed = await RunnerHarness.RunWithInputAsync(request, "serve", "--allow-ambient-credentials");

        Assert.NotEqual(2, (int?)JsonNode.Parse(allowed.Stdout)!["exit_code"]);
        Assert.NotEmpty(server.Seen);
        Assert.All(server.Seen, seen => Assert.Equal(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"), seen.AccessKeyId));
    }

    [Fact]
    public async Task A_default_asset_without_keys_stops_serve_at_start_unless_allowed()
    {
        var asset = RunnerHarness.TempFile("""{"region":"us-east-1","role_arn":"arn:aws:iam::777777777777:role/SecurityBreakGlassRole"}""");

        var output = await RunnerHarness.RunWithInputAsync("", "serve", "--asset", asset);

        Assert.Equal(2, output.ExitCode);
        Assert.Equal("", output.Stdout);
        Assert.StartsWith("runner: the asset has no aws_access_key_id and aws_secret_access_key, and this host lends its own AWS credentials only when started with --allow-ambient-credentials", output.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await RunnerHarness.RunWithInputAsync("", "serve", "--asset", asset, "--allow-ambient-credentials")).ExitCode);
    }
}
