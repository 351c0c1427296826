using System.Net;
using System.Net.Sockets;
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
    private readonly HashSet<Task> _connections = [];
    private readonly ReplayBook _book;
    private readonly FaultPlan _faults;
    private readonly TextWriter _log;
    private readonly CancellationTokenSource _stopping = new();
    private TcpListener? _listener;
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
        _listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            _listener.Start();
        }
        catch (SocketException error)
        {
            throw new UsageException($"cannot listen on 127.0.0.1:{port}: {error.Message}");
        }
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _serving = AcceptAsync(_listener);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        await _serving.ConfigureAwait(false);
        Task[] open;
        lock (_connections) open = [.. _connections];
        await Task.WhenAll(open).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return; // stopped
            }
            socket.NoDelay = true;
            var connection = Task.Run(() => ServeConnectionAsync(socket));
            lock (_connections)
            {
                _connections.RemoveWhere(c => c.IsCompleted);
                _connections.Add(connection);
            }
        }
    }

    private async Task ServeConnectionAsync(Socket socket)
    {
        using var connection = new LoopbackHttpConnection(socket);
        try
        {
            while (await connection.ReadRequestAsync(_stopping.Token).ConfigureAwait(false) is { } request)
            {
                var number = Interlocked.Increment(ref _requests);
                var incoming = WireRequest.Capture(request.Method, request.Target, request.Header("Authorization"), request.Header("X-Amz-Target"), request.Header("Content-Type"), request.Body);
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
                    connection.Reset();
                    return;
                }
                var chunked = answer.Headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase);
                var headers = answer.Headers.Where(h => h.Key is not ("transfer-encoding" or "content-length" or "connection"));
                await connection.WriteResponseAsync(answer.Status, headers, answer.Body, chunked, request.KeepAlive, _stopping.Token).ConfigureAwait(false);
                if (!request.KeepAlive)
                {
                    return;
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            connection.Reset(); // stopping, or the client went away
        }
    }
}
