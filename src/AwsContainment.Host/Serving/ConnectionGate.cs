using Microsoft.AspNetCore.Connections;

namespace AwsContainment.Host.Serving;

/// <summary>
/// Bounds the connections <c>runner serve --http</c> holds open without letting the ones that have not sent a
/// request crowd out the ones that do. Anyone on the machine can connect before the bearer token is checked, and a
/// connection trickling its headers a byte at a time used to hold one of the few places until its header time-out:
/// about 70 of them made 40 of 44 authenticated requests fail. Here, when every place is taken, a new connection
/// takes the place of the one that has waited longest without a request in progress (one still sending headers,
/// or idle between requests); only when every connection has a request running is the new one turned away.
/// </summary>
internal sealed class ConnectionGate(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Place> _open = new(StringComparer.Ordinal);
    private long _arrivals;

    public int Capacity { get; } = capacity;

    /// <summary>Kestrel connection middleware: admits the connection (evicting as above) and forgets it when it ends.</summary>
    public ConnectionDelegate Admit(ConnectionDelegate next) => async connection =>
    {
        if (!TryAdmit(connection))
        {
            connection.Abort(new ConnectionAbortedException("every connection has a request running"));
            return;
        }
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove(connection.ConnectionId);
            }
        }
    };

    /// <summary>The connection's request headers have arrived: it may not be evicted until the request ends.</summary>
    public void RequestStarted(string connectionId) => Mark(connectionId, busy: true);

    /// <summary>The connection's request has been answered; idle, it may make way for a newer one.</summary>
    public void RequestEnded(string connectionId) => Mark(connectionId, busy: false);

    private void Mark(string connectionId, bool busy)
    {
        lock (_gate)
        {
            if (_open.TryGetValue(connectionId, out var place))
            {
                place.Busy = busy;
                place.Waiting = ++_arrivals;
            }
        }
    }

    private bool TryAdmit(ConnectionContext connection)
    {
        ConnectionContext? evicted = null;
        lock (_gate)
        {
            if (_open.Count >= Capacity)
            {
                var oldest = _open.Values.Where(p => !p.Busy).MinBy(p => p.Waiting);
                if (oldest is null)
                {
                    return false;
                }
                _open.Remove(oldest.Connection.ConnectionId);
                evicted = oldest.Connection;
            }
            _open[connection.ConnectionId] = new Place(connection) { Waiting = ++_arrivals };
        }
        evicted?.Abort(new ConnectionAbortedException("a newer connection took its place before it sent a request"));
        return true;
    }

    private sealed class Place(ConnectionContext connection)
    {
        public ConnectionContext Connection { get; } = connection;

        public bool Busy { get; set; }

        /// <summary>When it began to wait (an arrival number): the smallest has waited longest.</summary>
        public long Waiting { get; set; }
    }
}
