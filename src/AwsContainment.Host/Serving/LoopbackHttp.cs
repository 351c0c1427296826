using System.Globalization;
using System.Net.Sockets;
using System.Text;
using AwsContainment.Connector.Aws.Transport;

namespace AwsContainment.Host.Serving;

/// <summary>One HTTP/1.1 request as the replay server needs it: method, target, headers (any case) and body.</summary>
public sealed record HttpRequestData(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public bool KeepAlive => !string.Equals(Header("Connection"), "close", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The little HTTP/1.1 the replay server speaks, straight on a socket: keep-alive requests with a
/// <c>Content-Length</c> body (what the AWS SDKs, awscli and boto3 send), answers framed by length or chunked as
/// recorded, and a real connection reset for the <c>drop</c> fault (which HttpListener cannot do). Sizes are
/// serve's: headers up to 16 KiB, a body up to 4 MiB (413 beyond, from <c>Content-Length</c>, before reading it).
/// </summary>
public sealed class LoopbackHttpConnection(Socket socket) : IDisposable
{
    private const int MaxHeaderBytes = 16 * 1024;
    private const int MaxBodyBytes = 4 * 1024 * 1024;
    private readonly NetworkStream _stream = new(socket, ownsSocket: true);
    private byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;

    /// <summary>The next request on the connection; null when the client has closed it.</summary>
    public async Task<HttpRequestData?> ReadRequestAsync(CancellationToken cancellationToken)
    {
        int headerEnd;
        while ((headerEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_end - _start > MaxHeaderBytes || !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
        }
        var head = Encoding.ASCII.GetString(_buffer, _start, headerEnd).Split("\r\n");
        _start += headerEnd + 4;
        var requestLine = head[0].Split(' ');
        if (requestLine.Length < 3)
        {
            return null;
        }
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }
        if (string.Equals(headers.GetValueOrDefault("Expect"), "100-continue", StringComparison.OrdinalIgnoreCase))
        {
            await _stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }
        var length = long.TryParse(headers.GetValueOrDefault("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var declared) ? declared : 0;
        if (length > MaxBodyBytes)
        {
            await WriteResponseAsync(413, [], "", chunked: false, keepAlive: false, cancellationToken).ConfigureAwait(false);
            return null;
        }
        while (_end - _start < length)
        {
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
        }
        var body = Encoding.UTF8.GetString(_buffer, _start, (int)length);
        _start += (int)length;
        return new HttpRequestData(requestLine[0], requestLine[1], headers, body);
    }

    public async Task WriteResponseAsync(int status, IEnumerable<KeyValuePair<string, string>> headers, string body, bool chunked, bool keepAlive, CancellationToken cancellationToken)
    {
        var payload = Encoding.UTF8.GetBytes(body);
        var text = new StringBuilder(256).Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {Reason(status)}\r\n");
        foreach (var (name, value) in headers)
        {
            // Recordings are refused for such headers when read; this keeps any other source from splitting an answer.
            if (Exchange.HeaderProblem(name, value) is { } problem)
            {
                throw new IOException($"answer not written: {problem}");
            }
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        text.Append(chunked ? "transfer-encoding: chunked\r\n" : $"content-length: {payload.Length}\r\n");
        text.Append(keepAlive ? "" : "connection: close\r\n").Append("\r\n");
        if (chunked && payload.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{payload.Length:x}\r\n");
        }
        using var message = new MemoryStream(text.Length + payload.Length + 16);
        message.Write(Encoding.ASCII.GetBytes(text.ToString()));
        message.Write(payload);
        if (chunked)
        {
            message.Write(payload.Length > 0 ? "\r\n0\r\n\r\n"u8 : "0\r\n\r\n"u8);
        }
        await _stream.WriteAsync(message.GetBuffer().AsMemory(0, (int)message.Length), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cuts the connection with a reset, as a network failure would, instead of closing it politely.</summary>
    public void Reset()
    {
        socket.LingerState = new LingerOption(true, 0);
        Dispose();
    }

    public void Dispose() => _stream.Dispose();

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        413 => "Content Too Large",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
