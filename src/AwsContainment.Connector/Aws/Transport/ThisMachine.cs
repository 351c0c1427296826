using System.Net;
using System.Net.Sockets;

namespace AwsContainment.Connector.Aws.Transport;

/// <summary>
/// Endpoints on this machine: loopback addresses and the names RFC 6761 reserves for it (<c>localhost</c>,
/// <c>*.localhost</c>, with or without the final dot). Plain http is allowed to them alone, so what is sent to them
/// must never leave the machine: no proxy is used for them, and a <c>localhost</c> name is never looked up in DNS,
/// whose answer could be any machine, but connected to the loopback addresses directly.
/// </summary>
public static class ThisMachine
{
    /// <summary>Whether <paramref name="host"/> is a name reserved for this machine.</summary>
    public static bool IsLocalhostName(string host)
    {
        var name = host.TrimEnd('.').ToLowerInvariant();
        return name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal);
    }

    /// <summary>Whether <paramref name="uri"/> points at this machine: a loopback address or a localhost name.</summary>
    public static bool Is(Uri uri) => IPAddress.TryParse(uri.DnsSafeHost, out var address)
        ? IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)
        : IsLocalhostName(uri.IdnHost);

    /// <summary>The machine's proxy (HTTP_PROXY, HTTPS_PROXY, NO_PROXY) for every endpoint but this machine's.</summary>
    public static IWebProxy BypassedBy(IWebProxy proxy) => new Bypass(proxy);

    /// <summary>
    /// Opens the connection a request needs (<see cref="SocketsHttpHandler.ConnectCallback"/>) as .NET does, except
    /// that a localhost name goes to 127.0.0.1, then ::1, without DNS.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var target = context.DnsEndPoint;
        EndPoint[] candidates = IsLocalhostName(target.Host)
            ? [new IPEndPoint(IPAddress.Loopback, target.Port), new IPEndPoint(IPAddress.IPv6Loopback, target.Port)]
            : [target];
        for (var i = 0; ; i++)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(candidates[i], cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException) when (i + 1 < candidates.Length)
            {
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }

    private sealed class Bypass(IWebProxy proxy) : IWebProxy
    {
        public ICredentials? Credentials
        {
            get => proxy.Credentials;
            set => proxy.Credentials = value;
        }

        public Uri? GetProxy(Uri destination) => Is(destination) ? null : proxy.GetProxy(destination);

        public bool IsBypassed(Uri host) => Is(host) || proxy.IsBypassed(host);
    }
}
