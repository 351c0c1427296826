using Amazon.Runtime;

namespace AwsContainment.Connector.Aws.Transport;

/// <summary>
/// Where the AWS clients' HTTP goes: the network, a replay of a recording, or the
/// network with every exchange kept for <c>--record</c>. One instance is shared by every client of a run.
/// </summary>
public sealed class AwsTransport
{
    private readonly HttpMessageHandler _handler;
    private HttpClientFactory? _factory;

    private AwsTransport(HttpMessageHandler handler, ReplayBook? replay, RecordingHandler? recorder)
    {
        _handler = handler;
        Replay = replay;
        Recorder = recorder;
    }

    public static AwsTransport Network { get; } = new(AwsApiHandler(), null, null);

    public ReplayBook? Replay { get; }

    public RecordingHandler? Recorder { get; }

    public static AwsTransport FromReplay(ReplayBook book) => new(new ReplayHandler(book), book, null);

    public static AwsTransport Recording()
    {
        var recorder = new RecordingHandler(AwsApiHandler());
        return new AwsTransport(recorder, null, recorder);
    }

    /// <summary>
    /// HTTP as an AWS API client needs it: a redirect is never followed, so an endpoint that passed the asset's checks
    /// cannot send the signed request somewhere they refuse (a 307 keeps the method and the form); no cookies
    /// are kept between calls; and what goes to this machine, perhaps in plain http, never leaves it
    /// (<see cref="ThisMachine"/>: no proxy, no DNS).
    /// </summary>
    private static SocketsHttpHandler AwsApiHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        Proxy = ThisMachine.BypassedBy(HttpClient.DefaultProxy),
        ConnectCallback = ThisMachine.ConnectAsync,
    };

    /// <summary>The SDK's seam for the handler.</summary>
    public HttpClientFactory ClientFactory => _factory ??= new SharedHandlerFactory(_handler, Guid.NewGuid().ToString("N"));

    // The SDK caches HttpClients process-wide by this key, so each transport gets its own.
    private sealed class SharedHandlerFactory(HttpMessageHandler handler, string key) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            new(new WireCall.Keeper(handler), disposeHandler: false) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(100) };

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

        public override string GetConfigUniqueString(IClientConfig clientConfig) => key;
    }
}
