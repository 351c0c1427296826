using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AwsContainment.Host.Serving;
using AwsContainment.Tests.Foundation;
using AwsContainment.Tests.Serving;

namespace AwsContainment.Tests.BadInput;

/// <summary>What a run answered a bad input: the exit code it earned, the message about it, and everything it printed.</summary>
internal sealed record Answer(int ExitCode, string Message, string Everything);

/// <summary>
/// Where the bad inputs are sent: the runner in-process (command line, files, <c>serve</c> on stdin) and one
/// <c>runner serve --http</c>, all with an asset whose <c>endpoint_url</c> is a replay server holding no
/// exchanges, so any AWS call at all is counted; and the asset's secrets, which no answer may repeat.
/// </summary>
public sealed class BadInputHosts : IAsyncLifetime, IDisposable
{
    public const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYBADINPUTSECRET";
    public const string SessionToken = "IQoJb3JpZ2luX2VjEBadInputSuiteSessionToken0123456789";
    internal const string AssetPlaceholder = "{asset}";
    internal const string TokenPlaceholder = "{token}";
    internal const string EmptyRecordingPlaceholder = "{empty-recording}";
    internal const string EndpointPlaceholder = "{endpoint}";
    private const string BearerToken = "bad-input-suite-bearer-token";
    private const string RequestId = "bad-input";

    private readonly ReplayServer _aws = new([], TimeSpan.Zero, FaultPlan.None, TextWriter.Null);
    private readonly HttpClient _http = new();
    private ServingCommand? _serveHttp;
    private string _assetFile = "";
    private string _tokenFile = "";
    private string _emptyRecording = "";

    /// <summary>Requests that reached the stand-in for AWS: a bad input must never add one.</summary>
    public long AwsRequests => _aws.Requests;

    /// <summary>A FIFO nothing ever writes to: reading it would wait for ever.</summary>
    internal string Fifo { get; } = Path.Combine(Path.GetTempPath(), "awsc-fifo-" + Guid.NewGuid().ToString("N"));

    /// <summary>A parameters file one byte over the input limit, made once.</summary>
    internal string OversizeFile { get; private set; } = "";

    internal JsonObject Asset { get; private set; } = [];

    public async Task InitializeAsync()
    {
        _aws.Start(0);
        Asset = new JsonObject
        {
            ["region"] = "us-east-1",
            ["aws_access_key_id"] = "AKIAIOSFODNN7EXAMPLE",
            ["aws_secret_access_key"] = Secret,
            ["aws_session_token"] = SessionToken,
            ["endpoint_url"] = _aws.Endpoint.ToString(),
        };
        _assetFile = RunnerHarness.TempFile(Asset.ToJsonString());
        _tokenFile = RunnerHarness.TempFile(BearerToken, ".token");
        _emptyRecording = RunnerHarness.EmptyRecording();
        OversizeFile = RunnerHarness.TempFile("");
        await using (var oversize = File.OpenWrite(OversizeFile))
        {
            oversize.SetLength(AwsContainment.Connector.Soar.InputFiles.MaxBytes + 1);
        }
        SafeFilesTests.MakeFifo(Fifo);
        _serveHttp = await ServingCommand.StartAsync("serve", "--http", "0", "--token-file", _tokenFile);
    }

    public async Task DisposeAsync()
    {
        if (_serveHttp is not null)
        {
            await _serveHttp.StopAsync();
            _serveHttp.Dispose();
        }
        await _aws.DisposeAsync();
        File.Delete(OversizeFile);
        File.Delete(Fifo);
    }

    public void Dispose() => _http.Dispose();

    internal async Task<Answer> RunArgsAsync(string[] args)
    {
        var output = await RunnerHarness.RunAsync(args.Select(a => a switch
        {
            AssetPlaceholder => _assetFile,
            TokenPlaceholder => _tokenFile,
            EmptyRecordingPlaceholder => _emptyRecording,
            _ => a,
        }).ToArray());
        return FromRun(output);
    }

    internal Task<Answer> RunSetAsync(Surface surface, string action, JsonObject parameters) => surface switch
    {
        Surface.CommandLine => RunArgsAsync(["--action", action, "--asset", AssetPlaceholder, .. parameters.SelectMany(p => new[] { "--param", $"{p.Key}={Text(p.Value)}" })]),
        Surface.ParamsFile => RunArgsAsync(["--action", action, "--asset", AssetPlaceholder, "--params", RunnerHarness.TempFile(parameters.ToJsonString())]),
        Surface.TestFile => RunFileAsync(surface, Encoding.UTF8.GetBytes(new JsonObject { ["action"] = action, ["config"] = Asset.DeepClone(), ["parameters"] = new JsonArray(parameters.DeepClone()) }.ToJsonString())),
        _ => RunFileAsync(surface, Encoding.UTF8.GetBytes(Request(action, parameters.ToJsonString(), Asset.ToJsonString()))),
    };

    /// <summary>Parameter sets as raw bytes (duplicate keys and broken text cannot be built as a JSON tree).</summary>
    internal Task<Answer> RunRawSetAsync(Surface surface, string action, byte[] parameters) => surface switch
    {
        Surface.ParamsFile => RunArgsAsync(["--action", action, "--asset", AssetPlaceholder, "--params", TempFile(parameters)]),
        Surface.TestFile => RunFileAsync(surface, Splice($"{{\"action\": \"{action}\", \"config\": {Asset.ToJsonString()}, \"parameters\": ", parameters.AsSpan().StartsWith("["u8) ? parameters : [.. "["u8, .. parameters, .. "]"u8], "}")),
        _ => RunFileAsync(surface, Splice($"{{\"id\": \"{RequestId}\", \"action\": \"{action}\", \"asset\": {Asset.ToJsonString()}, \"parameters\": ", parameters, "}")),
    };

    /// <summary>An asset as raw bytes, through the surface that carries it.</summary>
    internal Task<Answer> RunRawAssetAsync(Surface surface, byte[] given)
    {
        // Latin-1 maps every byte to one character and back: the asset's broken bytes stay as they are.
        var asset = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(given).Replace(EndpointPlaceholder, _aws.Endpoint.ToString(), StringComparison.Ordinal));
        return surface switch
        {
            Surface.AssetFile => RunArgsAsync(["--action", "test connectivity", "--asset", TempFile(asset)]),
            Surface.TestFile => RunFileAsync(surface, Splice("{\"action\": \"test connectivity\", \"parameters\": [{}], \"config\": ", asset, "}")),
            _ => RunFileAsync(surface, Splice($"{{\"id\": \"{RequestId}\", \"action\": \"test connectivity\", \"asset\": ", asset, "}")),
        };
    }

    /// <summary>A whole test file, serve line or HTTP body.</summary>
    internal async Task<Answer> RunFileAsync(Surface surface, byte[] content)
    {
        switch (surface)
        {
            case Surface.TestFile:
                return await RunArgsAsync([TempFile(content)]);
            case Surface.ServeLine:
                // stdin is decoded as a console decodes it: invalid bytes become U+FFFD.
                var output = await RunnerHarness.RunWithInputAsync(Encoding.UTF8.GetString(content) + "\n", "serve");
                var lines = output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                return output.ExitCode == 0 && lines.Length == 1
                    ? FromReply(lines[0], output.Stdout + output.Stderr)
                    : new Answer(-1, $"serve exited {output.ExitCode} with {lines.Length} lines", output.Stdout + output.Stderr);
            default:
                using (var request = new HttpRequestMessage(HttpMethod.Post, _serveHttp!.Endpoint) { Content = new ByteArrayContent(content) })
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BearerToken);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    using var response = await _http.SendAsync(request);
                    return FromReply(await response.Content.ReadAsStringAsync(), await response.Content.ReadAsStringAsync() + _serveHttp.Stderr);
                }
        }
    }

    private static Answer FromRun(RunnerOutput output)
    {
        var everything = output.Stdout + output.Stderr;
        if (output.Stdout.Length == 0)
        {
            var lines = output.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return new Answer(output.ExitCode, lines.Length == 1 ? lines[0] : $"{lines.Length} lines on stderr: {output.Stderr}", everything);
        }
        return new Answer(output.ExitCode, FirstFailure(output.Envelope), everything);
    }

    private static Answer FromReply(string text, string everything)
    {
        var reply = (JsonObject)JsonNode.Parse(text)!;
        var exitCode = (int?)reply["exit_code"] ?? -1;
        return new Answer(exitCode, exitCode == 1 ? FirstFailure(reply) : (string?)reply["message"] ?? "", everything);
    }

    private static string FirstFailure(JsonObject envelope) =>
        (string?)(envelope["action_results"] as JsonArray)?.FirstOrDefault(r => (string?)r?["status"] == "failed")?["message"] ?? (string?)envelope["message"] ?? "";

    private static string Request(string action, string parameters, string asset) =>
        $"{{\"id\": \"{RequestId}\", \"action\": \"{action}\", \"parameters\": {parameters}, \"asset\": {asset}}}";

    private static byte[] Splice(string before, byte[] middle, string after) =>
        [.. Encoding.UTF8.GetBytes(before), .. middle, .. Encoding.UTF8.GetBytes(after)];

    private static string Text(JsonNode? value) => value is JsonValue scalar && scalar.TryGetValue<string>(out var text) ? text : value?.ToJsonString() ?? "";

    private static string TempFile(byte[] content)
    {
        var path = RunnerHarness.TempFile("");
        File.WriteAllBytes(path, content);
        return path;
    }
}
