namespace AwsContainment.Connector.Aws.Transport;

/// <summary>
/// An answer's headers exactly as they came over the wire, for <c>ResponseMetadata.HTTPHeaders</c>. The SDK reads
/// headers through .NET's typed parsers, which rewrite values (AWS's <c>text/xml;charset=UTF-8</c> becomes
/// <c>text/xml; charset=UTF-8</c>) and add a computed <c>content-length</c>; boto3 shows them untouched. The
/// transport's outermost handler hands each answer's raw headers to the AWS call waiting in the same async flow.
/// </summary>
public sealed class WireHeaders
{
    private static readonly AsyncLocal<WireHeaders?> Waiting = new();

    /// <summary>The last answer's headers (after retries, the final one), or null when none arrived.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; private set; }

    /// <summary>Starts waiting for the answers to the call this async flow is about to make.</summary>
    public static WireHeaders Await()
    {
        var waiting = new WireHeaders();
        Waiting.Value = waiting;
        return waiting;
    }

    /// <summary>Keeps every answer's raw headers for the call waiting for it.</summary>
    internal sealed class Keeper(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (Waiting.Value is { } waiting)
            {
                waiting.Headers = HttpCapture.RawHeaders(response);
            }
            return response;
        }
    }
}
