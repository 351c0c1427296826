namespace AwsContainment.Tests.Foundation;

/// <summary>
/// A recording is read as strictly as every other input: a malformed one is a usage error (exit 2) naming the
/// field, before anything runs, for <c>--replay</c> and the replay server alike, never an internal error.
/// </summary>
public sealed class StrictRecordingTests
{
    private const string Request = """{"method":"POST","path":"/","form":{"Action":"GetCallerIdentity"}}""";

    private static string Recording(string root = "", string exchange = "", string response = """ "status":200,"headers":{},"body":"" """) =>
        $$$"""{"action":"test connectivity","asset":{"region":"us-east-1"},{{{root}}}"exchanges":[{"service":"sts","request":{{{Request}}},{{{exchange}}}"response":{ {{{response}}} }}]}""";

    public static TheoryData<string, string> Malformed => new()
    {
        { Recording(root: "\"description\":42,"), "\"description\" must be a string" },
        { Recording(root: "\"comment\":\"x\","), "unknown field 'comment'" },
        { """{"action":7,"exchanges":[]}""", "\"action\" must be a string" },
        { """{"action":"test connectivity","exchanges":{"service":"sts"}}""", "\"exchanges\" must be a list of exchanges, got object" },
        { """{"action":"test connectivity","exchanges":[{"service":"sts","request":{"method":5},"response":{}}]}""", "exchange 1: \"method\" must be a string" },
        { """{"action":"test connectivity","exchanges":[{"service":"sts","request":{"form":{"Action":1}},"response":{}}]}""", "exchange 1: form field \"Action\" must be a string" },
        { Recording(response: """ "status":"200","body":"" """), "exchange 1: \"status\" must be an HTTP status (a number from 100 to 599), got \"200\"" },
        { Recording(response: """ "status":99999999999,"body":"" """), "exchange 1: \"status\" must be an HTTP status" },
        { Recording(response: """ "status":200,"body":17 """), "exchange 1: \"body\" must be a string" },
        { Recording(response: """ "headers":{"Date":"Wed, 02 Dec 2026 03:40:12 GMT","date":"Thu, 03 Dec 2026 03:40:12 GMT"} """), "exchange 1: header \"date\" is given twice" },
        { Recording(response: """ "headers":{"x-amzn-requestid":"a\r\nSet-Cookie: b"} """), "exchange 1: header \"x-amzn-requestid\" holds a line break or NUL" },
        { Recording(response: """ "headers":{"bad name":"x"} """), "exchange 1: header name \"bad name\" is not an HTTP token" },
        { Recording(exchange: "\"fault\":\"meteor\","), "exchange 1: \"fault\" must be one of drop, slow, interrupt" },
        { """{"action":"test connectivity","exchanges":[{"service":"sts","request":{}}]}""", "exchange 1 has neither a \"response\" nor a \"fault\"" },
        { """{"action":"test connectivity","exchanges":[{"request":{},"response":{}}]}""", "exchange 1 has no \"service\"" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_recording_is_a_usage_error_naming_the_field(string recording, string expected)
    {
        var path = RunnerHarness.TempFile(recording);

        var replay = await RunnerHarness.RunAsync("--replay", path);
        // A server that starts would serve until stopped: the time limit fails the test instead of hanging it.
        var server = await RunnerHarness.RunAsync("replay-server", "--fixtures", path, "--port", "0").WaitAsync(TimeSpan.FromMinutes(1));

        foreach (var run in new[] { replay, server })
        {
            Assert.Equal(2, run.ExitCode);
            Assert.Equal("", run.Stdout);
            Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("nternal error", run.Stderr, StringComparison.Ordinal);
        }
    }
}
