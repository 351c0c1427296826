using System.Net;
using System.Net.Sockets;
using System.Text;
using AwsContainment.Connector.Aws.Transport;

namespace AwsContainment.Host.Serving;

/// <summary>
/// Serves recorded AWS exchanges over HTTP on 127.0.0.1, so the runner, <c>/usr/bin/aws</c> and boto3 can all be
/// pointed at the same recorded AWS with <c>--endpoint-url</c>. Requests are matched exactly as <c>--replay</c>
/// does (service from the SigV4 credential scope, whichever credentials the client signs with); recordings are
/// never used up, so any number of runs can share one server. Latency and faults can be injected.
/// </summary>
public sealed class ReplayServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ReplayBook _book;
    private readonly FaultPlan _faults;
    private readonly TextWriter _log;
    private readonly CancellationTokenSource _stopping = new();
    private Task _serving = Task.CompletedTask;
    private long _requests;

    public ReplayServer(IEnumerable<Exchange> exchanges, TimeSpan latency, FaultPlan faults, TextWriter log)
    {
        _book = new ReplayBook(exchanges) { Latency = latency, Reusable = true };
        _faults = faults;
        _log = log;
    }

    public int Port { get; private set; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");

    /// <summary>How many requests have arrived so far (answered or still waiting out their latency).</summary>
    public long Requests => Interlocked.Read(ref _requests);

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

    /// <summary>Starts listening on 127.0.0.1; port 0 picks a free one.</summary>
    public void Start(int port)
    {
        Port = port == 0 ? FreePort() : port;
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        try
        {
            _listener.Start();
        }
        catch (HttpListenerException error)
        {
            throw new UsageException($"cannot listen on 127.0.0.1:{Port}: {error.Message}");
        }
        _serving = AcceptAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Close();
        await _serving.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // closed
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var number = Interlocked.Increment(ref _requests);
        var response = context.Response;
        try
        {
            var incoming = await CaptureAsync(context.Request).ConfigureAwait(false);
            if (_book.Latency > TimeSpan.Zero)
            {
                await Task.Delay(_book.Latency, _stopping.Token).ConfigureAwait(false);
            }
            var answer = _faults.Injects(number) ? _faults.Answer(incoming) : _book.Take(incoming);
            if (answer is null)
            {
                await _log.WriteLineAsync($"replay-server: no recorded answer for {incoming.Describe()}").ConfigureAwait(false);
                answer = ReplayBook.Mismatch(incoming);
            }
            if (answer.Fault == "drop")
            {
                response.Abort();
                return;
            }
            await WriteAsync(response, answer).ConfigureAwait(false);
        }
        catch (Exception error) when (error is OperationCanceledException or HttpListenerException or IOException or ObjectDisposedException)
        {
            response.Abort(); // stopping, or the client went away
        }
    }

    private static async Task<Exchange> CaptureAsync(HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
        return WireRequest.Capture(
            request.HttpMethod,
            request.RawUrl ?? "/",
            request.Headers["Authorization"],
            request.Headers["X-Amz-Target"],
            request.ContentType,
            body);
    }

    private static async Task WriteAsync(HttpListenerResponse response, Exchange answer)
    {
        var body = Encoding.UTF8.GetBytes(answer.Body);
        response.StatusCode = answer.Status;
        response.SendChunked = answer.Headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase);
        foreach (var (name, value) in answer.Headers)
        {
            switch (name)
            {
                case "transfer-encoding" or "content-length":
                    break; // framing is the server's own
                case "content-type":
                    response.ContentType = value;
                    break;
                default:
                    response.Headers[name] = value;
                    break;
            }
        }
        if (!response.SendChunked)
        {
            response.ContentLength64 = body.Length;
        }
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
        response.Close();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
