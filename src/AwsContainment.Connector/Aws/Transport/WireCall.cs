
namespace AwsContainment.Connector.Aws.Transport;

/// <summary>
/// What the wire carried for one AWS call: how many requests went out, and the last answer's headers exactly as
/// they came. The SDK reads headers through .NET's typed parsers, which rewrite values (AWS's
/// <c>text/xml;charset=UTF-8</c> becomes <c>text/xml; charset=UTF-8</c>) and add a computed <c>content-length</c>;
/// boto3 shows them untouched. The SDK's own retry count leaves out the retries it makes after a dropped connection
/// ("stale connection" retries): a create whose connection was cut after AWS made the entity is repeated all the
/// same, and must be known to be a repeat. The transport's outermost handler sees every request the call sends.
/// </summary>
public sealed class WireCall
{
    private static readonly AsyncLocal<WireCall?> CurrentCall = new();

    /// <summary>How many requests the call sent: one, plus one per retry of any kind.</summary>
    public int Sends { get; private set; }

    /// <summary>The last answer's headers (after retries, the final one), or null when none arrived.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; private set; }

    /// <summary>When AWS first throttled the call (a <see cref="TimeProvider"/> timestamp): its throttle retries are bounded in time from then.</summary>
    public long? FirstThrottle { get; private set; }

    /// <summary>When the call's last attempt got its token from the governor (a timestamp), if it needed one.</summary>
    public long? SentAt { get; private set; }

    /// <summary>How many of the call's retries followed a throttle (they do not count against its retries after faults).</summary>
    public int ThrottleRetries { get; private set; }

    /// <summary>The call this async flow is making, if one is watched.</summary>
    internal static WireCall? Current => CurrentCall.Value;

    internal void Throttled(long now) => FirstThrottle ??= now;

    internal void Sent(long now) => SentAt = now;

    internal void CountThrottleRetry() => ThrottleRetries++;

    /// <summary>Starts watching the call this async flow is about to make.</summary>
    public static WireCall Watch()
    {
        var call = new WireCall();
        CurrentCall.Value = call;
        return call;
    }

    /// <summary>
    /// Counts every request and keeps every answer's raw headers for the call watching them; an attempt not answered
    /// within <paramref name="callTimeout"/> fails as a connection that failed does, naming the endpoint. Each answer
    /// is read within <see cref="AnswerLimit"/>.
    /// </summary>
    internal sealed class Keeper(HttpMessageHandler inner, TimeSpan callTimeout) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var call = CurrentCall.Value;
            if (call is not null)
            {
                call.Sends++;
            }
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(callTimeout);
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, attempt.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (attempt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                var seconds = callTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                throw new HttpRequestException($"{request.RequestUri?.GetLeftPart(UriPartial.Authority)} did not answer within {seconds} s");
            }
            if (call is not null)
            {
                call.Headers = HttpCapture.RawHeaders(response);
            }
            return await AnswerLimit.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }
}
