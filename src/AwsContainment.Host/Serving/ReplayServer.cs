using AwsContainment.Connector.Aws.Transport;

namespace AwsContainment.Host.Serving;

/// <summary>
/// Serves recorded AWS exchanges over HTTP on 127.0.0.1, so the runner, <c>/usr/bin/aws</c> and boto3 can all be
/// pointed at the same recorded AWS with <c>--endpoint-url</c>. Requests are matched exactly as <c>--replay</c>
/// does (service from the SigV4 credential scope, whichever credentials the client signs with); recordings are
/// never used up, so any number of runs can share one server, unless the server answers one scenario in order
/// (a fault, then the retry's answer). Latency and faults can be injected.
/// </summary>
public sealed class ReplayServer : LoopbackServer
{
    private readonly ReplayBook _book;
    private readonly FaultPlan _faults;
    private readonly TextWriter _log;

    public ReplayServer(IEnumerable<Exchange> exchanges, TimeSpan latency, FaultPlan faults, TextWriter log, bool reusable = true)
    {
        _book = new ReplayBook(exchanges) { Latency = latency, Reusable = reusable };
        _faults = faults;
        _log = log;
    }

    /// <summary>AWS's throttling, when the server imitates it (<c>--throttle</c>); null answers every request.</summary>
    public AwsThrottling? Throttling { get; init; }

    /// <summary>The exchanges the server answers from, and the requests it could not answer.</summary>
    public ReplayBook Book => _book;

    /// <summary>Every exchange of every recording in <paramref name="paths"/> (files, or folders searched for *.json), in order.</summary>
    public static List<Exchange> LoadExchanges(IEnumerable<string> paths)
    {
        var files = paths.SelectMany<string, string>(path => Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : File.Exists(path) ? [path] : throw new UsageException($"no recording or folder at {path}"));
        var exchanges = new List<Exchange>();
        foreach (var file in files)
        {
            try
            {
                exchanges.AddRange(Recording.Load(file).Exchanges);
            }
            catch (InvalidDataException invalid)
            {
                throw new UsageException(invalid.Message);
            }
        }
        return exchanges;
    }

    protected override async Task<bool> AnswerAsync(LoopbackHttpConnection connection, HttpRequestData request, long number, CancellationToken cancellationToken)
    {
        var incoming = WireRequest.Capture(request.Method, request.Header("Host") ?? "", request.Target, request.Header("Authorization"), request.Header("X-Amz-Target"), request.Header("Content-Type"), request.Body);
        if (_book.Latency > TimeSpan.Zero)
        {
            await Task.Delay(_book.Latency, cancellationToken).ConfigureAwait(false);
        }
        var answer = Throttling?.Admits(incoming) == false ? FaultPlan.Throttle(incoming)
            : _faults.Injects(number) ? _faults.Answer(incoming)
            : _book.Take(incoming);
        if (answer is null)
        {
            await _log.WriteLineAsync($"replay-server: no recorded answer for {incoming.Describe()}").ConfigureAwait(false);
            answer = ReplayBook.Mismatch(incoming);
        }
        if (answer.Fault == "drop")
        {
            return false;
        }
        var chunked = answer.Headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase);
        var headers = answer.Headers.Where(h => h.Key is not ("transfer-encoding" or "content-length" or "connection"));
        await connection.WriteResponseAsync(answer.Status, headers, answer.Body, chunked, request.KeepAlive, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
