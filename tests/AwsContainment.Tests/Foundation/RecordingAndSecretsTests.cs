using System.Text.Json.Nodes;

namespace AwsContainment.Tests.Foundation;

/// <summary>
/// Real HTTP against a local endpoint: --record keeps exchanges without any secret, every service (STS and S3 too)
/// follows endpoint_url, each signs for the right region and service, and an assumed role's credentials are used.
/// </summary>
public sealed class RecordingAndSecretsTests
{
    private const string SecretKey = "SENTINELsecretKEYwJalrXUtnFEMIK7MDENGbPxRfiCY";
    private const string SessionToken = "SENTINELsessionTOKENFwoGZXIvYXdzEXAMPLE";
    private const string RoleSecret = "ROLEsentinelSECRETde/J7MDENGbPxRfiCYEXAMPLEKEY";
    private const string RoleToken = "ROLEsentinelTOKENAQoDYXdzEPT//////////wEXAMPLE";

    private static (int, string, string) Answer(SeenRequest request) => AnswerWithRoleExpiring(request, "2026-11-22T04:12:45Z");

    private static (int, string, string) AnswerWithRoleExpiring(SeenRequest request, string expiration) => (request.SigningService, request.Action ?? request.Target) switch
    {
        ("sts", "AssumeRole") => (200, "text/xml", $"""
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
              <Credentials><AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId><SecretAccessKey>{RoleSecret}</SecretAccessKey>
              <SessionToken>{RoleToken}</SessionToken><Expiration>{expiration}</Expiration></Credentials>
              <AssumedRoleUser><Arn>arn:aws:sts::777777777777:assumed-role/SecurityBreakGlassRole/aws-containment</Arn><AssumedRoleId>AROA3XFRBF535PLBIFPI4:aws-containment</AssumedRoleId></AssumedRoleUser>
            </AssumeRoleResult><ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata></AssumeRoleResponse>
            """),
        ("sts", "GetCallerIdentity") => (200, "text/xml", """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
              <Arn>arn:aws:sts::777777777777:assumed-role/SecurityBreakGlassRole/aws-containment</Arn><UserId>AROA3XFRBF535PLBIFPI4:aws-containment</UserId><Account>777777777777</Account>
            </GetCallerIdentityResult><ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata></GetCallerIdentityResponse>
            """),
        ("s3", _) => (200, "application/xml", """<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>bcaf1ffd86f41161ca5fb16fd081034f</ID></Owner><Buckets/></ListAllMyBucketsResult>"""),
        ("cloudtrail", _) => (200, "application/x-amz-json-1.1", """{"Events":[]}"""),
        ("kms", _) => (200, "application/x-amz-json-1.1", """{"Aliases":[],"Truncated":false}"""),
        ("ec2", var action) => (200, "text/xml;charset=UTF-8", $"""<{action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>8f7724cf-496f-496e-8fe3-a7f1d5f2a3b1</requestId><reservationSet/></{action}Response>"""),
        (_, var action) => (200, "text/xml", $"""<{action}Response><{action}Result/><ResponseMetadata><RequestId>0f02a07d-b677-11e2-9eb0-dd50EXAMPLE</RequestId></ResponseMetadata></{action}Response>"""),
    };

    private static string AssetFor(LocalAwsServer server, string region = "eu-west-1") => RunnerHarness.TempFile($$"""
        {"region":"{{region}}","endpoint_url":"{{server.Url}}","aws_access_key_id":"AKIAIOSFODNN7EXAMPLE","aws_secret_access_key":"{{SecretKey}}",
         "aws_session_token":"{{SessionToken}}","role_arn":"arn:aws:iam::777777777777:role/SecurityBreakGlassRole","external_id":"case-4711"}
        """);

    [Fact]
    public async Task Recording_a_real_run_keeps_no_secret_and_replays_to_the_same_result()
    {
        using var server = new LocalAwsServer(Answer);
        var recordPath = Path.Combine(Path.GetTempPath(), $"awsc-record-{Guid.NewGuid():N}.json");

        var recorded = await RunnerHarness.RunAsync("--action", "test connectivity", "--asset", AssetFor(server), "--record", recordPath);

        Assert.Equal(0, recorded.ExitCode);
        var file = File.ReadAllText(recordPath);
        foreach (var text in new[] { recorded.Stdout, recorded.Stderr, file })
        {
            foreach (var secret in new[] { SecretKey, SessionToken, RoleSecret, RoleToken })
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
            Assert.DoesNotContain("Authorization", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("X-Amz-Security-Token", text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("<SecretAccessKey>REDACTED</SecretAccessKey>", file, StringComparison.Ordinal);
        var recording = JsonNode.Parse(file)!.AsObject();
        Assert.Equal(10, recording["exchanges"]!.AsArray().Count);
        Assert.False(recording["asset"]!.AsObject().ContainsKey("aws_secret_access_key"));

        var replayed = await RunnerHarness.RunAsync("--replay", recordPath, "--asset", AssetFor(server));
        Assert.Equal(0, replayed.ExitCode);
        Assert.Equal("", replayed.Stderr);
        Assert.True(JsonNode.DeepEquals(recorded.Envelope, replayed.Envelope), "the replayed envelope differs from the recorded run");
    }

    [Fact]
    public async Task Every_service_follows_endpoint_url_and_signs_for_its_own_region_with_the_assumed_role()
    {
        using var server = new LocalAwsServer(Answer);

        var output = await RunnerHarness.RunAsync("--action", "test connectivity", "--asset", AssetFor(server, "eu-west-1"));

        Assert.Equal(0, output.ExitCode);
        var seen = server.Seen.ToList();
        Assert.Equal(["autoscaling", "cloudtrail", "ec2", "elasticloadbalancing", "iam", "kms", "s3", "sts"], seen.Select(s => s.SigningService).Distinct().Order(StringComparer.Ordinal));
        var assumeRole = Assert.Single(seen, s => s.Action == "AssumeRole");
        Assert.Equal("AKIAIOSFODNN7EXAMPLE", assumeRole.AccessKeyId);
        Assert.Equal(SessionToken, assumeRole.SecurityToken);
        Assert.Contains("ExternalId=case-4711", assumeRole.Body, StringComparison.Ordinal);
        Assert.All(seen.Where(s => s.Action != "AssumeRole"), s =>
        {
            Assert.Equal("ASIAIOSFODNN7EXAMPLE", s.AccessKeyId);
            Assert.Equal(RoleToken, s.SecurityToken);
        });
        Assert.All(seen.Where(s => s.SigningService == "iam"), s => Assert.Equal("us-east-1", s.SigningRegion));
        Assert.All(seen.Where(s => s.SigningService != "iam"), s => Assert.Equal("eu-west-1", s.SigningRegion));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(60, 1)]
    public async Task A_long_lived_connector_assumes_the_role_again_before_it_expires(int minutesLeft, int assumeRoleCalls)
    {
        var expiration = DateTime.UtcNow.AddMinutes(minutesLeft).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        using var server = new LocalAwsServer(request => AnswerWithRoleExpiring(request, expiration));
        var asset = JsonNode.Parse(File.ReadAllText(AssetFor(server)))!.AsObject();
        var sessions = new List<AwsContainment.Connector.Aws.AwsSession>();
        var action = new Moq.Mock<AwsContainment.Connector.IAwsAction<AwsContainment.Connector.TestConnectivityParameters>>();
        action.Setup(a => a.RunAsync(Moq.It.IsAny<AwsContainment.Connector.ActionContext>(), Moq.It.IsAny<AwsContainment.Connector.TestConnectivityParameters>(), Moq.It.IsAny<CancellationToken>()))
            .Callback((AwsContainment.Connector.ActionContext c, AwsContainment.Connector.TestConnectivityParameters _, CancellationToken _) => sessions.Add(c.Aws))
            .Returns(Task.CompletedTask);
        var probe = AwsContainment.Connector.CatalogAction.Of("probe", action.Object, AwsContainment.Connector.TestConnectivityParameters.From);
        using var connector = new AwsContainment.Connector.AwsConnector(AwsContainment.Connector.Aws.Transport.AwsTransport.Network, [probe]);

        foreach (var _ in Enumerable.Range(0, 2))
        {
            var result = new AwsContainment.Connector.Soar.ActionResult([]);
            await connector.RunAsync("probe", asset, new AwsContainment.Connector.Soar.ParameterSet([], new AwsContainment.Connector.Soar.ValueRules(_ => null, (_, _) => false)), result, CancellationToken.None);
            Assert.Equal("", result.Message);
        }

        Assert.Equal(assumeRoleCalls, server.Seen.Count(s => s.Action == "AssumeRole"));
        Assert.Equal(assumeRoleCalls, sessions.Distinct().Count());
    }

    [Fact]
    public async Task Without_keys_the_SDK_default_chain_is_used()
    {
        using var server = new LocalAwsServer(Answer);
        var asset = RunnerHarness.TempFile($$"""{"region":"us-east-1","endpoint_url":"{{server.Url}}"}""");

        var output = await RunnerHarness.RunAsync("--action", "test connectivity", "--asset", asset);

        Assert.Equal(0, output.ExitCode);
        Assert.All(server.Seen, s => Assert.Equal(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"), s.AccessKeyId));
    }

    [Theory]
    [InlineData("json", "Quarantine")]
    [InlineData("table", "Quarantine")]
    [InlineData("json", "")]
    public async Task A_secret_given_as_a_parameter_value_or_name_is_redacted_in_the_output_and_the_recording(string output, string tagKey)
    {
        using var server = new LocalAwsServer(Answer);
        var recordPath = Path.Combine(Path.GetTempPath(), $"awsc-record-{Guid.NewGuid():N}.json");
        // One set gives the secret as a tag's value (the instance is not found; without a tag key the set is refused,
        // so no set reaches AWS and the recording must know the secrets from the start); the other is refused, naming it.
        var sets = RunnerHarness.TempFile($$"""
            [{"instance":"i-0abc1234def567890","tag_key":"{{tagKey}}","tag_value":"{{SecretKey}}"},
             {"instance":"i-0abc1234def567890","tag_key":"Quarantine","tag_value":"true","aws_secret_access_key":"{{SecretKey}}","{{SessionToken}}":"x"}]
            """);

        var run = await RunnerHarness.RunAsync("--action", "add tag", "--params", sets, "--asset", AssetFor(server), "--record", recordPath, "--output", output);

        foreach (var text in new[] { run.Stdout, run.Stderr, File.ReadAllText(recordPath) })
        {
            Assert.DoesNotContain(SecretKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(SessionToken, text, StringComparison.Ordinal);
        }
        Assert.Contains("[secret]", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_run_prints_no_secret_either()
    {
        var asset = RunnerHarness.TempFile($$"""{"region":"us-east-1","aws_access_key_id":"AKIAIOSFODNN7EXAMPLE","aws_secret_access_key":"{{SecretKey}}","aws_session_token":"{{SessionToken}}"}""");
        var output = await RunnerHarness.RunAsync("--replay", Path.Combine(TestEnvironment.FixturesDirectory, "test_connectivity", "invalid_client_token.json"), "--asset", asset);
        Assert.Equal(1, output.ExitCode);
        Assert.Contains("InvalidClientTokenId", output.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey, output.Stdout + output.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(SessionToken, output.Stdout + output.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing-folder", "is in a folder that does not exist")]
    [InlineData("folder", "is a folder, not a file")]
    [InlineData("link", "is a symbolic link: the runner neither follows nor writes through links")]
    [InlineData("fifo", "is a FIFO (named pipe), not a regular file")]
    public async Task Recording_to_a_path_that_cannot_be_written_safely_is_a_usage_error_before_anything_is_sent(string kind, string refusal)
    {
        using var server = new LocalAwsServer(Answer);
        var folder = Directory.CreateTempSubdirectory("awsc-record-path-");
        var victim = Path.Combine(folder.FullName, "victim");
        File.WriteAllText(victim, "keep me");
        var path = SafeFilesTests.Plant(kind, Path.Combine(folder.FullName, "out.json"), victim);

        var output = await RunnerHarness.RunAsync("--action", "test connectivity", "--asset", AssetFor(server), "--record", path);

        Assert.Equal(2, output.ExitCode);
        Assert.Equal("", output.Stdout);
        Assert.StartsWith($"runner: --record {path} {refusal}", output.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("; nothing was sent to AWS\n", output.Stderr, StringComparison.Ordinal);
        Assert.Empty(server.Seen);
        Assert.Equal("keep me", File.ReadAllText(victim));
        folder.Delete(recursive: true);
    }
}
