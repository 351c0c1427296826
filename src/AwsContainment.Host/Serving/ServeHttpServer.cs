using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using AwsContainment.Host.Results;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AwsContainment.Host.Serving;

/// <summary>
/// <c>runner serve --http</c>: the same requests as the JSON-lines host, one per <c>POST</c> on 127.0.0.1, each
/// answered with its result envelope. Kestrel speaks the HTTP (no hand-written parsing on a port that runs
/// containment actions), driven directly as an <see cref="IHttpApplication{TContext}"/>: no web host, no
/// reflection, trim- and AOT-safe. Every request must carry <c>Authorization: Bearer TOKEN</c>, checked on the
/// headers before a byte of the body is read; an unread body is never drained, its connection is closed instead.
/// Headers, bodies, slow clients and connections are all bounded.
/// </summary>
public sealed class ServeHttpServer : IHttpApplication<HttpContext>, IAsyncDisposable
{
    /// <summary>The largest request body read: <see cref="ServeHost.MaxRequestBytes"/>, as a stdin line.</summary>
    public const long MaxBodyBytes = ServeHost.MaxRequestBytes;

    private readonly ServeHost _host;
    private readonly byte[] _expected;
    private readonly KestrelServerOptions _options;
    private readonly KestrelServer _kestrel;
    /// <summary>Connections held open per request allowed to run: room for callers between requests and for ones still connecting.</summary>
    public const int ConnectionsPerRequest = 8;

    private readonly CancellationTokenSource _stopping = new();
    private readonly ConnectionGate _gate;
    private readonly SemaphoreSlim _running;

    /// <summary>
    /// Large bodies (over <see cref="SmallBodyBytes"/>, or of unknown length) read and parsed at once: each costs
    /// tens of megabytes until it is a request, so 64 at once would pass serve's memory bound.
    /// </summary>
    private readonly SemaphoreSlim _reading = new(2);

    /// <summary>Any real request is smaller: an action, a few parameter sets, an asset.</summary>
    private const long SmallBodyBytes = 64 * 1024;
    private long _requests;

    /// <param name="maxRequests">Requests run at once; others wait their turn, their bodies unread.</param>
    public ServeHttpServer(ServeHost host, string token, int maxRequests)
    {
        _host = host;
        _expected = Encoding.UTF8.GetBytes("Bearer " + token);
        _running = new SemaphoreSlim(Math.Max(1, maxRequests));
        _gate = new ConnectionGate(ConnectionsPerRequest * Math.Max(1, maxRequests));
        _options = new KestrelServerOptions { AddServerHeader = false };
        var limits = _options.Limits;
        limits.MaxRequestBodySize = MaxBodyBytes;
        limits.MaxRequestHeadersTotalSize = 16 * 1024;
        limits.MaxRequestHeaderCount = 32;
        limits.MaxRequestLineSize = 4 * 1024;
        // What Kestrel buffers of a body no one reads yet (1 MiB by default): 64 callers waiting their turn held 64 MiB.
        limits.MaxRequestBufferSize = 64 * 1024;
        // The gate bounds connections (Kestrel's own cap would turn away the newest, an authenticated caller among them).
        limits.MaxConcurrentConnections = null;
        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(5);
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(30);
        limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 1024, gracePeriod: TimeSpan.FromSeconds(5));
        var loggers = NullLoggerFactory.Instance;
        _kestrel = new KestrelServer(Options.Create(_options), new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggers), loggers);
    }

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>How many requests have arrived so far, refused ones included.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Starts listening on 127.0.0.1 only; port 0 picks a free one.</summary>
    public async Task StartAsync(int port, CancellationToken cancellationToken)
    {
        _options.Listen(IPAddress.Loopback, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            listen.Use(_gate.Admit);
        });
        try
        {
            await _kestrel.StartAsync(this, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException error)
        {
            throw new UsageException($"cannot listen on 127.0.0.1:{port}: {error.Message}");
        }
        var bound = new Uri(_kestrel.Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        Endpoint = new Uri($"http://127.0.0.1:{bound.Port}/");
    }

    public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

    public async Task ProcessRequestAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        _gate.RequestStarted(context.Connection.Id);
        try
        {
            await ProcessAsync(context).ConfigureAwait(false);
        }
        finally
        {
            _gate.RequestEnded(context.Connection.Id);
        }
    }

    private async Task ProcessAsync(HttpContext context)
    {
        var request = context.Request;
        if (!Authorized(request.Headers.Authorization.ToString()))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "missing or wrong bearer token: send Authorization: Bearer TOKEN").ConfigureAwait(false);
            return;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            await RefuseAsync(context, StatusCodes.Status405MethodNotAllowed, $"POST a request to / ({request.Method} is not served)").ConfigureAwait(false);
            return;
        }
        if (request.ContentLength > MaxBodyBytes)
        {
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, $"the request body is larger than {MaxBodyBytes / 1024 / 1024} MiB").ConfigureAwait(false);
            return;
        }
        await _running.WaitAsync(_stopping.Token).ConfigureAwait(false);
        try
        {
            await RunAsync(context).ConfigureAwait(false);
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task RunAsync(HttpContext context)
    {
        var large = context.Request.ContentLength is null or > SmallBodyBytes;
        if (large)
        {
            await _reading.WaitAsync(_stopping.Token).ConfigureAwait(false);
        }
        var reading = large;
        void DoneReading()
        {
            if (reading)
            {
                reading = false;
                _reading.Release();
            }
        }
        // Read into a pooled buffer and parsed from it: a body as a string (8 MB, and as much again while it grows)
        // is garbage the collector returns late, 64 waiting callers' worth of it.
        var body = ArrayPool<byte>.Shared.Rent(context.Request.ContentLength is { } declared ? (int)declared : (int)MaxBodyBytes + 1);
        try
        {
            int length;
            try
            {
                length = await ReadBodyAsync(context.Request.Body, body).ConfigureAwait(false);
            }
            catch (Microsoft.AspNetCore.Http.BadHttpRequestException bad)
            {
                // Kestrel's own limits: a chunked body over the size, a client sending too slowly.
                await RefuseAsync(context, bad.StatusCode, $"the request body was refused: {bad.Message}").ConfigureAwait(false);
                return;
            }
            // The body is read into a request before ReplyAsync returns; the next large one may come in while it runs.
            var replying = _host.ReplyAsync(body.AsMemory(0, length), "the request body", _stopping.Token);
            ArrayPool<byte>.Shared.Return(body);
            body = [];
            DoneReading();
            await AnswerAsync(context, StatusCodes.Status200OK, await replying.ConfigureAwait(false)).ConfigureAwait(false);
        }
        finally
        {
            if (body.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(body);
            }
            DoneReading();
        }
    }

    // Kestrel refuses a body past its Content-Length or MaxRequestBodySize as it comes in, so the buffer never fills.
    private async Task<int> ReadBodyAsync(Stream source, byte[] buffer)
    {
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await source.ReadAsync(buffer.AsMemory(length), _stopping.Token).ConfigureAwait(false)) > 0)
        {
            length += read;
        }
        return length;
    }

    public void DisposeContext(HttpContext context, Exception? exception)
    {
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        // Requests in flight are cancelled, and answered once their changes in progress have had their grace.
        using (var grace = new CancellationTokenSource(2 * ActionRunner.GracePeriod + TimeSpan.FromSeconds(5)))
        {
            await _kestrel.StopAsync(grace.Token).ConfigureAwait(false);
        }
        _kestrel.Dispose();
        _stopping.Dispose();
        _running.Dispose();
        _reading.Dispose();
    }

    // Answered without reading the body: the connection is closed after the answer rather than drained, so a
    // caller without the token cannot make the host take in a body of any size.
    private static Task RefuseAsync(HttpContext context, int status, string message)
    {
        context.Response.Headers.Connection = "close";
        return AnswerAsync(context, status, ServeHost.Error(2, message));
    }

    private static async Task AnswerAsync(HttpContext context, int status, System.Text.Json.Nodes.JsonObject reply)
    {
        var payload = Encoding.UTF8.GetBytes(ResultEnvelope.Print(reply, indented: false));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = payload.Length;
        await context.Response.Body.WriteAsync(payload).ConfigureAwait(false);
        await context.Response.CompleteAsync().ConfigureAwait(false);
    }

    // Compared in constant time, so the token cannot be guessed byte by byte from response times.
    private bool Authorized(string header) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header), _expected);
}
