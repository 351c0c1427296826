using System.Buffers;
using Amazon.Runtime;

namespace AwsContainment.Connector.Aws.Transport;

/// <summary>
/// Reads no more of an AWS answer than <see cref="MaxBytes"/>: an endpoint (an asset's <c>endpoint_url</c> may name
/// any https server, or a loopback one) that streams an endless body grew <c>describe instance</c> to 14 GB. The
/// answer is read whole here, up to the limit, and handed on from memory; a longer one fails the call.
/// </summary>
internal static class AnswerLimit
{
    /// <summary>Far above any answer the actions read (a page of instances, users or events, a screenshot).</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    public static async Task<HttpResponseMessage> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var content = response.Content;
        var declared = content.Headers.ContentLength;
        if (declared > MaxBytes)
        {
            response.Dispose();
            throw new AnswerTooLargeException($"its Content-Length is {declared} bytes");
        }
        var source = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (source is MemoryStream { Length: <= MaxBytes })
        {
            return response; // already whole in memory (a replayed answer), and the content hands out this same stream
        }
        var body = new MemoryStream(declared is { } length ? (int)length : 0);
        await using (source.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (body.Length + read > MaxBytes)
                    {
                        response.Dispose();
                        throw new AnswerTooLargeException("it went on past that");
                    }
                    body.Write(buffer, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        var buffered = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length);
        foreach (var (name, values) in content.Headers)
        {
            buffered.Headers.TryAddWithoutValidation(name, values);
        }
        content.Dispose();
        response.Content = buffered;
        return response;
    }
}

/// <summary>An AWS answer longer than <see cref="AnswerLimit.MaxBytes"/>: the call fails, nothing more of it is read, and it is not retried.</summary>
public sealed class AnswerTooLargeException(string detail)
    : AmazonClientException($"The endpoint's answer is larger than the {AnswerLimit.MaxBytes / (1024 * 1024)} MiB the runner reads ({detail}); it was not read further");
