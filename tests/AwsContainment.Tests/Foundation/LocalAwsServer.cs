using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace AwsContainment.Tests.Foundation;

/// <summary>
/// A stand-in AWS endpoint on 127.0.0.1 for tests that need real HTTP (recording, endpoint_url routing, signing):
/// answers each request with what <see cref="Answer"/> returns and keeps what it was sent.
/// </summary>
internal sealed partial class LocalAwsServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<SeenRequest, (int Status, string ContentType, string Body)> _answer;
    private readonly Task _loop;

    public LocalAwsServer(Func<SeenRequest, (int Status, string ContentType, string Body)> answer)
    {
        _answer = answer;
        (_listener, Port) = ListenOnFreePort();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public ConcurrentQueue<SeenRequest> Seen { get; } = new();

    /// <summary>When set, every answer carries this <c>Location</c> (a hostile endpoint redirecting the caller).</summary>
    public string? RedirectTo { get; set; }

    public void Dispose()
    {
        // Close alone: on Linux, Close after Stop binds the port a second time to unregister it, and fails when
        // another test's socket has taken the port in between.
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            // Each request is answered on its own, so a test can hold one answer until another request arrives.
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var authorization = context.Request.Headers["Authorization"] ?? "";
        var scope = CredentialScope().Match(authorization);
        var seen = new SeenRequest(
            context.Request.HttpMethod,
            context.Request.Url!.PathAndQuery,
            body,
            scope.Success ? scope.Groups["key"].Value : "",
            scope.Success ? scope.Groups["region"].Value : "",
            scope.Success ? scope.Groups["service"].Value : "",
            context.Request.Headers["X-Amz-Target"],
            context.Request.Headers["X-Amz-Security-Token"])
        {
            Authorization = authorization,
            Headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k.ToLowerInvariant(), k => context.Request.Headers[k] ?? ""),
        };
        Seen.Enqueue(seen);
        var (status, contentType, answer) = _answer(seen);
        var bytes = Encoding.UTF8.GetBytes(answer);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.Headers["x-amzn-RequestId"] = "11111111-2222-3333-4444-555555555555";
        if (RedirectTo is { } location)
        {
            context.Response.Headers["Location"] = location;
        }
        context.Response.ContentLength64 = bytes.Length;
        try
        {
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception error) when (error is HttpListenerException or ObjectDisposedException)
        {
            // The client gave up (a test's cancellation) or the server was stopped.
        }
    }

    /// <summary>
    /// Another test can take a free port between the probe and the listener's bind; a lost race picks another port.
    /// </summary>
    private static (HttpListener Listener, int Port) ListenOnFreePort()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Credential=(?<key>[^/]+)/\d{8}/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request")]
    private static partial Regex CredentialScope();
}

internal sealed record SeenRequest(string Method, string PathAndQuery, string Body, string AccessKeyId, string SigningRegion, string SigningService, string? Target, string? SecurityToken)
{
    public string Authorization { get; init; } = "";

    /// <summary>Every request header, names lower-cased.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public string? Action => Form("Action");

    /// <summary>A form parameter of the body, URL-decoded.</summary>
    public string? Form(string name) => Body.Split('&').Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0] == name) is [_, var value] ? Uri.UnescapeDataString(value.Replace('+', ' ')) : null;
}
