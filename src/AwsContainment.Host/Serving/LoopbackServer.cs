using System.Net;
using System.Net.Sockets;

namespace AwsContainment.Host.Serving;

/// <summary>
/// The replay server's HTTP/1.1 on 127.0.0.1 only (never another address): accepts keep-alive connections, hands
/// each request to <see cref="AnswerAsync"/>, and on disposal stops listening and ends every open connection,
/// including requests still being answered. Its own socket code, not Kestrel, because a fault must cut the
/// connection with a real reset at an exact point and answers keep their recorded framing; it serves only recorded
/// answers, never runs an action, and <c>runner serve --http</c> uses Kestrel. Its limits are serve's: at most
/// <see cref="MaxConnections"/> connections at once (further ones are closed unanswered), and each request must
/// arrive whole within <see cref="RequestDeadline"/> of the connection's opening or its last answer, so idle or
/// trickling connections cannot pile up (see <see cref="LoopbackHttpConnection"/> for sizes).
/// </summary>
public abstract class LoopbackServer : IAsyncDisposable
{
    public const int MaxConnections = 64;

    public static readonly TimeSpan RequestDeadline = TimeSpan.FromSeconds(30);

    private readonly HashSet<Task> _connections = [];
    private TcpListener? _listener;
    private Task _serving = Task.CompletedTask;
    private long _requests;

    protected CancellationTokenSource Stopping { get; } = new();

    public int Port { get; private set; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");

    /// <summary>How many requests have arrived so far (answered or still being answered).</summary>
    public long Requests => Interlocked.Read(ref _requests);

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
        await Stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        await _serving.ConfigureAwait(false);
        Task[] open;
        lock (_connections) open = [.. _connections];
        await Task.WhenAll(open).ConfigureAwait(false);
        Stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Answers one request; returns false to close the connection without answering (a cut connection).</summary>
    protected abstract Task<bool> AnswerAsync(LoopbackHttpConnection connection, HttpRequestData request, long number, CancellationToken cancellationToken);

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(Stopping.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return; // stopped
            }
            socket.NoDelay = true;
            lock (_connections)
            {
                _connections.RemoveWhere(c => c.IsCompleted);
                if (_connections.Count >= MaxConnections)
                {
                    socket.Dispose();
                    continue;
                }
                _connections.Add(Task.Run(() => ServeConnectionAsync(socket)));
            }
        }
    }

    private async Task ServeConnectionAsync(Socket socket)
    {
        using var connection = new LoopbackHttpConnection(socket);
        try
        {
            while (await NextRequestAsync(connection).ConfigureAwait(false) is { } request)
            {
                if (!await AnswerAsync(connection, request, Interlocked.Increment(ref _requests), Stopping.Token).ConfigureAwait(false))
                {
                    connection.Reset();
                    return;
                }
                if (!request.KeepAlive)
                {
                    return;
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            connection.Reset(); // stopping, the client went away, or an answer could not be written safely
        }
    }

    // A connection whose next request does not arrive in time is closed politely, as an idle keep-alive one is.
    private async Task<HttpRequestData?> NextRequestAsync(LoopbackHttpConnection connection)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Stopping.Token);
        deadline.CancelAfter(RequestDeadline);
        try
        {
            return await connection.ReadRequestAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!Stopping.IsCancellationRequested)
        {
            return null;
        }
    }
}
