using System.Net;
using System.Net.Sockets;

namespace AwsContainment.Connector.Aws.Transport;

/// <summary>
/// The network under every AWS client: each request is sent, and its connection made, on the calling thread
/// (HttpClient's synchronous send), so the SDK pipeline's async methods above it finish without ever suspending.
/// </summary>
/// <remarks>
/// Why: an async method that suspends needs its state-machine box compiled at run time, which ReadyToRun cannot do
/// ahead (the box is made inside CoreLib's AwaitUnsafeOnCompleted, which is never precompiled). The SDK pipeline is
/// ten such frames and SocketsHttpHandler six more: about 170 methods JIT-compiled, 15 ms of a 160 ms cold action.
/// Calls that must overlap get threads of their own instead, from <see cref="Overlapping"/>. Cancellation still cuts
/// a call short: the synchronous send and the connect both honour the token.
/// </remarks>
public sealed class BlockingHttpHandler() : DelegatingHandler(new SocketsHttpHandler { ConnectCallback = ConnectAndWait })
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(Send(request, cancellationToken));
        }
        catch (Exception error)
        {
            return Task.FromException<HttpResponseMessage>(error);
        }
    }

    // SocketsHttpHandler otherwise connects in the background, which suspends even a synchronous send (and wakes the
    // socket engine and thread pool, which a one-shot action has no other use for). Closing the socket is what stops
    // a blocked connect when the call is cancelled.
    private static ValueTask<Stream> ConnectAndWait(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
            var addresses = IPAddress.TryParse(host, out var address)
                ? [address]
                : Dns.GetHostAddressesAsync(host, cancellationToken).GetAwaiter().GetResult();
            using (cancellationToken.Register(socket.Dispose))
            {
                socket.Connect(addresses, port);
            }
            return ValueTask.FromResult<Stream>(new NetworkStream(socket, ownsSocket: true));
        }
        catch (Exception error)
        {
            socket.Dispose();
            return ValueTask.FromException<Stream>(cancellationToken.IsCancellationRequested ? new OperationCanceledException(cancellationToken) : error);
        }
    }
}
