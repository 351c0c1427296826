using System.Net;
using System.Text;

namespace AwsContainment.Connector.Aws.Transport;

/// <summary>Answers the SDK's fully signed requests from a <see cref="ReplayBook"/> instead of the network.</summary>
public sealed class ReplayHandler(ReplayBook book) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var incoming = await HttpCapture.RequestAsync(request, cancellationToken).ConfigureAwait(false);
        if (book.Latency > TimeSpan.Zero)
        {
            await Task.Delay(book.Latency, cancellationToken).ConfigureAwait(false);
        }
        var answer = book.Take(incoming) ?? ReplayBook.Mismatch(incoming);
        if (answer.Fault == "interrupt")
        {
            book.Interrupt?.Invoke();
        }
        if (answer.Fault == "slow")
        {
            // Answered late, so an interruption (a timeout, a signal) lands while the call is in flight.
            await Task.Delay(Exchange.SlowAnswer, cancellationToken).ConfigureAwait(false);
        }
        if (answer.Fault == "drop")
        {
            throw new HttpRequestException("The connection was closed before AWS answered (replayed fault)", new IOException("connection reset"));
        }
        return HttpCapture.ToResponse(answer, request);
    }
}

/// <summary>Converts between <see cref="HttpRequestMessage"/>/<see cref="HttpResponseMessage"/> and recorded exchanges.</summary>
public static class HttpCapture
{
    public static async Task<Exchange> RequestAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return WireRequest.Capture(
            request.Method.Method,
            request.RequestUri?.Authority ?? "",
            request.RequestUri?.PathAndQuery ?? "/",
            request.Headers.TryGetValues("Authorization", out var authorization) ? authorization.FirstOrDefault() : null,
            request.Headers.TryGetValues("X-Amz-Target", out var targets) ? targets.FirstOrDefault() : null,
            request.Content?.Headers.ContentType?.ToString(),
            body);
    }

    public static HttpResponseMessage ToResponse(Exchange answer, HttpRequestMessage request)
    {
        var response = new HttpResponseMessage((HttpStatusCode)answer.Status)
        {
            RequestMessage = request,
            Content = new RecordedContent(Encoding.UTF8.GetBytes(answer.Body)),
        };
        foreach (var (name, value) in answer.Headers)
        {
            if (name == "transfer-encoding")
            {
                response.Headers.TransferEncodingChunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
            }
            else if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return response;
    }

    /// <summary>Every header of an answer as the wire carried it: lower-case names, values untouched.</summary>
    public static Dictionary<string, string> RawHeaders(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in response.Headers.NonValidated)
        {
            headers[name.ToLowerInvariant()] = string.Join(", ", values);
        }
        foreach (var (name, values) in response.Content.Headers.NonValidated)
        {
            headers[name.ToLowerInvariant()] = string.Join(", ", values);
        }
        return headers;
    }

    /// <summary>A recorded body: it has a length only when the recording says so, as AWS's chunked answers have none.</summary>
    private sealed class RecordedContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new MemoryStream(body, writable: false));
    }
}
