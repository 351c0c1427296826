using Amazon.Runtime;

namespace AwsContainment.Connector.Aws.Transport;

/// <summary>
/// Where the AWS clients' HTTP goes: the network, a replay of a recording, or the
/// network with every exchange kept for <c>--record</c>. One instance is shared by every client of a run.
/// </summary>
public sealed class AwsTransport
{
    /// <summary>
    /// How long one attempt of an AWS call may wait for its answer (connecting included) before it fails naming the
    /// endpoint, and is retried as a dropped connection is: a black-holed endpoint must not hold a set for minutes.
    /// </summary>
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpMessageHandler _handler;
    private readonly TimeSpan _callTimeout;
    private HttpClientFactory? _factory;

    private AwsTransport(HttpMessageHandler handler, ReplayBook? replay, RecordingHandler? recorder, TimeSpan callTimeout)
    {
        _handler = handler;
        Replay = replay;
        Recorder = recorder;
        _callTimeout = callTimeout;
    }

    public static AwsTransport Network { get; } = new(AwsApiHandler(), null, null, DefaultCallTimeout);

    /// <summary>The network, each attempt of a call given <paramref name="callTimeout"/> to be answered (the default shares one pool of connections).</summary>
    public static AwsTransport OverNetwork(TimeSpan callTimeout) => callTimeout == DefaultCallTimeout ? Network : new(AwsApiHandler(), null, null, callTimeout);

    public ReplayBook? Replay { get; }

    public RecordingHandler? Recorder { get; }

    // A replay answers as late as its recording says, never later.
    public static AwsTransport FromReplay(ReplayBook book) => new(new ReplayHandler(book), book, null, Timeout.InfiniteTimeSpan);

    public static AwsTransport Recording(TimeSpan callTimeout)
    {
        var recorder = new RecordingHandler(AwsApiHandler());
        return new AwsTransport(recorder, null, recorder, callTimeout);
    }

    /// <summary>
    /// HTTP as an AWS API client needs it: a redirect is never followed, so an endpoint that passed the asset's checks
    /// cannot send the signed request somewhere they refuse (a 307 keeps the method and the form); no cookies
    /// are kept between calls; and what goes to this machine, perhaps in plain http, never leaves it
    /// (<see cref="ThisMachine"/>: no proxy, no DNS). An outbreak's hundreds of sets share at most
    /// <see cref="ConnectionsPerEndpoint"/> connections to one endpoint, a call beyond them waiting for a free one:
    /// unbounded, every call the rate governor lets through at once opened its own, past what a server keeps open.
    /// </summary>
    private static SocketsHttpHandler AwsApiHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        Proxy = ThisMachine.BypassedBy(HttpClient.DefaultProxy),
        ConnectCallback = ThisMachine.ConnectAsync,
        MaxConnectionsPerServer = ConnectionsPerEndpoint,
    };

    /// <summary>Under the replay server's 64 (<c>LoopbackServer.MaxConnections</c>), which closes any beyond them unanswered.</summary>
    private const int ConnectionsPerEndpoint = 48;

    /// <summary>The SDK's seam for the handler.</summary>
    public HttpClientFactory ClientFactory => _factory ??= new SharedHandlerFactory(_handler, _callTimeout, Guid.NewGuid().ToString("N"));

    // The SDK caches HttpClients process-wide by this key, so each transport gets its own.
    private sealed class SharedHandlerFactory(HttpMessageHandler handler, TimeSpan callTimeout, string key) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            new(new WireCall.Keeper(handler, callTimeout), disposeHandler: false) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(100) };

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

        public override string GetConfigUniqueString(IClientConfig clientConfig) => key;
    }
}
