using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using AwsContainment.Connector.Aws.Transport;

namespace AwsContainment.Connector.Aws;

/// <summary>What every AWS answer carries besides its payload, in the shape boto3 prints as <c>ResponseMetadata</c>.</summary>
public sealed record AwsResponseMetadata(string RequestId, HttpStatusCode StatusCode, IReadOnlyDictionary<string, string> Headers, int RetryAttempts)
{
    private static readonly ConditionalWeakTable<AmazonWebServiceResponse, AwsResponseMetadata> Captured = new();

    /// <summary>The metadata captured for a response of any client built here, official package or not.</summary>
    public static AwsResponseMetadata Of(AmazonWebServiceResponse response) =>
        Captured.TryGetValue(response, out var metadata)
            ? metadata
            : new AwsResponseMetadata(response.ResponseMetadata?.RequestId ?? "", response.HttpStatusCode, new Dictionary<string, string>(), 0);

    /// <summary>The metadata of an error answer (a dry run's verdict is one), its headers as the wire carried them.</summary>
    public static AwsResponseMetadata OfError(AmazonServiceException error) => new(
        error.RequestId ?? "",
        error.StatusCode,
        error.Data[WireHeadersKey] as IReadOnlyDictionary<string, string> ?? LowerCaseHeaders((error.InnerException as HttpErrorResponseException)?.Response),
        error.Data[AwsErrors.RetryAttemptsKey] as int? ?? 0);

    /// <summary>Where <see cref="CaptureHandler"/> keeps an error answer's raw headers on its exception.</summary>
    private const string WireHeadersKey = "AwsContainment.WireHeaders";

    /// <summary>An answer's headers with lower-case names, as boto3 shows them.</summary>
    internal static Dictionary<string, string> LowerCaseHeaders(IWebResponseData? http)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in http?.GetHeaderNames() ?? [])
        {
            headers[name.ToLowerInvariant()] = http!.GetHeaderValue(name);
        }
        return headers;
    }

    /// <summary>The request id AWS put in a header: query and JSON services use one name, S3 another.</summary>
    internal static string? RequestIdHeader(IReadOnlyDictionary<string, string> headers) =>
        headers.GetValueOrDefault("x-amzn-requestid") ?? headers.GetValueOrDefault("x-amz-request-id");

    public JsonObject ToJson()
    {
        var headers = new JsonObject();
        foreach (var name in Headers.Keys.Order(StringComparer.Ordinal))
        {
            headers[name] = Headers[name];
        }
        var metadata = new JsonObject { ["RequestId"] = RequestId };
        if (!Headers.ContainsKey("x-amzn-requestid") && Headers.ContainsKey("x-amz-request-id"))
        {
            // S3 (REST): boto3 adds the host id whenever the request id came from x-amz-request-id.
            metadata["HostId"] = Headers.GetValueOrDefault("x-amz-id-2", "");
        }
        metadata["HTTPStatusCode"] = (int)StatusCode;
        metadata["HTTPHeaders"] = headers;
        metadata["RetryAttempts"] = RetryAttempts;
        return metadata;
    }

    /// <summary>
    /// Sits outside the SDK's retry handler, so it sees the final answer and how many retries it took; keeps the
    /// answer's headers, status and request id for <see cref="Of"/>, and the retry count on a failure's exception.
    /// Attempts are counted by <see cref="AttemptCounter"/> inside the retry loop, because Core's own count leaves
    /// out the retries it makes after a dropped connection ("stale connection" retries): a create whose connection
    /// was cut after AWS made the entity is repeated all the same, and must be known to be a repeat.
    /// </summary>
    internal sealed class CaptureHandler : PipelineHandler
    {
        private static readonly ConditionalWeakTable<IRequestContext, StrongBox<int>> Attempts = new();

        public static void AddTo(RuntimePipeline pipeline)
        {
            pipeline.AddHandlerBefore<RetryHandler>(new CaptureHandler());
            pipeline.AddHandlerAfter<RetryHandler>(new AttemptCounter());
        }

        public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            var wire = WireHeaders.Await();
            try
            {
                var response = await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
                var http = executionContext.ResponseContext.HttpResponse;
                var headers = wire.Headers ?? LowerCaseHeaders(http);
                var requestId = response.ResponseMetadata?.RequestId;
                if (string.IsNullOrEmpty(requestId))
                {
                    requestId = RequestIdHeader(headers) ?? "";
                }
                Captured.AddOrUpdate(response, new AwsResponseMetadata(requestId, http?.StatusCode ?? response.HttpStatusCode, headers, Retries(executionContext)));
                return response;
            }
            catch (Exception error) when (AwsErrors.IsAwsFailure(error))
            {
                error.Data[AwsErrors.RetryAttemptsKey] = Retries(executionContext);
                error.Data[WireHeadersKey] = wire.Headers;
                throw;
            }
        }

        private static int Retries(IExecutionContext executionContext) =>
            Math.Max(executionContext.RequestContext.Retries, Attempts.TryGetValue(executionContext.RequestContext, out var attempts) ? attempts.Value - 1 : 0);

        /// <summary>Counts every time the request is sent, counted retry or not.</summary>
        private sealed class AttemptCounter : PipelineHandler
        {
            public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
            {
                Interlocked.Increment(ref Attempts.GetOrCreateValue(executionContext.RequestContext).Value);
                return base.InvokeAsync<T>(executionContext);
            }
        }
    }
}
