using System.Collections.Concurrent;
using System.Globalization;
using AwsContainment.Connector.Aws.Transport;
using AwsContainment.Tests.Foundation;

namespace AwsContainment.Tests.Credentials;

/// <summary>
/// Every way the runner gets a role's credentials works in the runner as built for tests and in the published Native
/// AOT runner alike: a profile's role_arn + source_profile (nested), web identity from the environment, and the
/// asset's own role_arn. A stand-in for STS and EC2 on 127.0.0.1 answers AssumeRole only when it is signed with
/// the source's credentials (the signature checked, not just the key id), AssumeRoleWithWebIdentity only with the
/// token file's token, and EC2 only when signed with the role's credentials.
/// </summary>
public sealed class CredentialSourceTests
{
    private const string Instance = "i-0abc1234def567890";
    private const string Account = "111122223333";

    private static readonly IdentityKeys Base = new("AKIAIOSFODNN7BASEKEY", "base-profile-secret-key-for-the-stand-in", null);
    private static readonly IdentityKeys AssetKeys = new("AKIAIOSFODNN7ASSETKY", "asset-secret-key-for-the-stand-in", null);
    private static readonly IdentityKeys Jump = new("ASIAIOSFODNN7JUMPKEY", "jump-role-secret-key", "jump-role-session-token");
    private static readonly IdentityKeys Responder = new("ASIAIOSFODNN7RESPOND", "responder-role-secret-key", "responder-role-session-token");
    private const string WebToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6aXI6cnVubmVyIn0.c2lnbmF0dXJl";

    [Theory]
    [InlineData("tested")]
    [RequiresInlineData(Requirement.NativeAotToolchain, "published")]
    public async Task A_profile_role_with_a_source_profile_that_is_itself_a_role_signs_each_AssumeRole_with_its_source(string runner)
    {
        // responder (role) <- jump (role) <- base (keys)
        using var aws = new StandIn(new()
        {
            [Role("Jump")] = (Base, Jump),
            [Role("IncidentResponder")] = (Jump, Responder),
        }, web: null, final: Responder);
        using var files = new TempFolder();
        var config = files.Write("config", $"""
            [profile responder]
            role_arn = {Role("IncidentResponder")}
            source_profile = jump
            role_session_name = ir-responder

            [profile jump]
            role_arn = {Role("Jump")}
            source_profile = base
            """);
        var credentials = files.Write("credentials", $"""
            [base]
            aws_access_key_id = {Base.KeyId}
            aws_secret_access_key = {Base.Secret}
            """);

        var output = await RunAsync(runner, aws, new() { ["AWS_PROFILE"] = "responder", ["AWS_CONFIG_FILE"] = config, ["AWS_SHARED_CREDENTIALS_FILE"] = credentials }, AssetWithout(aws));

        AssertDescribed(output);
        Assert.Equal([Role("Jump"), Role("IncidentResponder")], aws.Assumed);
    }

    [Theory]
    [InlineData("tested")]
    [RequiresInlineData(Requirement.NativeAotToolchain, "published")]
    public async Task Web_identity_from_the_environment_assumes_the_role_with_the_token_file(string runner)
    {
        using var aws = new StandIn([], web: (Role("ClusterRunner"), Responder), final: Responder);
        using var files = new TempFolder();
        var token = files.Write("token", WebToken);

        var output = await RunAsync(runner, aws, new()
        {
            ["AWS_WEB_IDENTITY_TOKEN_FILE"] = token,
            ["AWS_ROLE_ARN"] = Role("ClusterRunner"),
            ["AWS_ROLE_SESSION_NAME"] = "ir-runner",
            ["AWS_CONFIG_FILE"] = "/dev/null",
            ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
        }, AssetWithout(aws));

        AssertDescribed(output);
        Assert.Equal([Role("ClusterRunner")], aws.Assumed);
    }

    [Theory]
    [InlineData("tested")]
    [RequiresInlineData(Requirement.NativeAotToolchain, "published")]
    public async Task The_assets_role_arn_is_assumed_with_the_assets_keys(string runner)
    {
        using var aws = new StandIn(new() { [Role("IncidentResponder")] = (AssetKeys, Responder) }, web: null, final: Responder);
        var asset = RunnerHarness.TempFile($$"""
            {"region":"us-east-1","endpoint_url":"{{aws.Url}}","aws_access_key_id":"{{AssetKeys.KeyId}}","aws_secret_access_key":"{{AssetKeys.Secret}}","role_arn":"{{Role("IncidentResponder")}}","external_id":"ir-2026"}
            """);

        var output = await RunAsync(runner, aws, new() { ["AWS_CONFIG_FILE"] = "/dev/null", ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null" }, asset);

        AssertDescribed(output);
        Assert.Equal([Role("IncidentResponder")], aws.Assumed);
    }

    private static string Role(string name) => $"arn:aws:iam::{Account}:role/{name}";

    private static string AssetWithout(StandIn aws) => RunnerHarness.TempFile($$"""{"region":"us-east-1","endpoint_url":"{{aws.Url}}"}""");

    private static void AssertDescribed(RunnerOutput output)
    {
        Assert.True(output.ExitCode == 0, $"exit {output.ExitCode}\nstdout: {output.Stdout}\nstderr: {output.Stderr}");
        Assert.StartsWith($"Instance {Instance} is running", (string?)output.Result()["message"], StringComparison.Ordinal);
    }

    /// <summary>One describe instance in a clean environment: no AWS_* variable but those given, STS sent to the stand-in.</summary>
    private static async Task<RunnerOutput> RunAsync(string runner, StandIn aws, Dictionary<string, string> environment, string asset)
    {
        var clean = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(e => !((string)e.Key).StartsWith("AWS_", StringComparison.Ordinal))
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        clean["AWS_EC2_METADATA_DISABLED"] = "true";
        clean["AWS_REGION"] = "us-east-1";
        clean["AWS_ENDPOINT_URL_STS"] = aws.Url;
        foreach (var (name, value) in environment)
        {
            clean[name] = value;
        }
        string[] args = ["--action", "describe instance", "--param", $"instance={Instance}", "--asset", asset, "--compact"];
        return runner == "published"
            ? await RunnerHarness.RunExecutableAsync(await PublishedRunner.PathAsync(), clean, TimeSpan.FromMinutes(2), args)
            : await RunnerHarness.RunExecutableAsync("dotnet", clean, TimeSpan.FromMinutes(2), [Path.Combine(AppContext.BaseDirectory, "runner.dll"), .. args]);
    }

    private sealed record IdentityKeys(string KeyId, string Secret, string? SessionToken)
    {
        public bool Signed(SeenRequest request) =>
            request.AccessKeyId == KeyId && request.SecurityToken == SessionToken && SigV4Check.SignedWith(request, Secret);
    }

    /// <summary>STS and EC2 on 127.0.0.1, answering only correctly signed requests.</summary>
    private sealed class StandIn : IDisposable
    {
        private static readonly Recording Ec2 = Recording.Load(Path.Combine(TestEnvironment.RepositoryRoot, "bench", "fixtures", "describe_instance.json"));
        private readonly LocalAwsServer _server;
        private readonly ConcurrentQueue<string> _assumed = new();

        public StandIn(Dictionary<string, (IdentityKeys Source, IdentityKeys Role)> roles, (string RoleArn, IdentityKeys Role)? web, IdentityKeys final)
        {
            _server = new LocalAwsServer(request => request.Action switch
            {
                "AssumeRole" when roles.TryGetValue(request.Form("RoleArn") ?? "", out var role) => role.Source.Signed(request)
                    ? Answer(request, role.Role, "AssumeRole")
                    : Refused("SignatureDoesNotMatch", $"AssumeRole of {request.Form("RoleArn")} is not signed with its source credentials"),
                "AssumeRoleWithWebIdentity" when web is { } w && request.Form("RoleArn") == w.RoleArn => request.Form("WebIdentityToken") == WebToken && request.Authorization.Length == 0
                    ? Answer(request, w.Role, "AssumeRoleWithWebIdentity")
                    : Refused("InvalidIdentityToken", "not the token file's token, or signed"),
                "DescribeInstances" or "DescribeVolumes" => final.Signed(request)
                    ? (200, "text/xml;charset=UTF-8", Ec2.Exchanges.Single(e => e.Form?["Action"] == request.Action).Body)
                    : (401, "text/xml;charset=UTF-8", $"<Response><Errors><Error><Code>AuthFailure</Code><Message>not signed with the role's credentials</Message></Error></Errors><RequestID>{Guid.NewGuid()}</RequestID></Response>"),
                _ => Refused("InvalidAction", $"the stand-in does not answer {request.Action}"),
            });
        }

        public string Url => _server.Url;

        public IReadOnlyList<string> Assumed => [.. _assumed];

        public void Dispose() => _server.Dispose();

        private (int, string, string) Answer(SeenRequest request, IdentityKeys role, string action)
        {
            var arn = request.Form("RoleArn")!;
            _assumed.Enqueue(arn);
            var expires = DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var session = request.Form("RoleSessionName") ?? "session";
            return (200, "text/xml", $"""
                <{action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <{action}Result>
                    <AssumedRoleUser>
                      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:{session}</AssumedRoleId>
                      <Arn>arn:aws:sts::{Account}:assumed-role/{arn.Split('/')[^1]}/{session}</Arn>
                    </AssumedRoleUser>
                    <Credentials>
                      <AccessKeyId>{role.KeyId}</AccessKeyId>
                      <SecretAccessKey>{role.Secret}</SecretAccessKey>
                      <SessionToken>{role.SessionToken}</SessionToken>
                      <Expiration>{expires}</Expiration>
                    </Credentials>
                  </{action}Result>
                  <ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata>
                </{action}Response>
                """);
        }

        private static (int, string, string) Refused(string code, string message) =>
            (403, "text/xml", $"""<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>{Guid.NewGuid()}</RequestId></ErrorResponse>""");
    }

    private sealed class TempFolder : IDisposable
    {
        private readonly string _path = Directory.CreateTempSubdirectory("awsc-credentials-").FullName;

        public string Write(string name, string content)
        {
            var file = Path.Combine(_path, name);
            File.WriteAllText(file, content);
            return file;
        }

        public void Dispose() => Directory.Delete(_path, recursive: true);
    }
}
