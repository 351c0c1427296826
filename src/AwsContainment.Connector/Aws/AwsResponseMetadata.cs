using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using AwsContainment.Connector.Aws.Transport;

namespace AwsContainment.Connector.Aws;

/// <summary>What every AWS answer carries besides its payload, in the shape boto3 prints as <c>ResponseMetadata</c>.</summary>
public sealed record AwsResponseMetadata(string RequestId, HttpStatusCode StatusCode, IReadOnlyDictionary<string, string> Headers, int RetryAttempts)
{
    /// <summary>The metadata captured for a response of any client built here, official package or not.</summary>
    public static AwsResponseMetadata Of(AmazonWebServiceResponse response) =>
        response.ResponseMetadata is Attached attached
            ? attached.Captured
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
    /// Sits outside the SDK's retry handler, so it sees the final answer and how many retries it took (as the wire
    /// counted them: <see cref="WireCall"/>); attaches the answer's headers, status and request id to the response
    /// for <see cref="Of"/>, and puts the retry count on a failure's exception.
    /// </summary>
    internal sealed class CaptureHandler : PipelineHandler
    {
        public static void AddTo(RuntimePipeline pipeline) => pipeline.AddHandlerBefore<RetryHandler>(new CaptureHandler());

        public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            var wire = WireCall.Watch();
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
                var captured = new AwsResponseMetadata(requestId, http?.StatusCode ?? response.HttpStatusCode, headers, Retries(executionContext, wire));
                response.ResponseMetadata = new Attached(response.ResponseMetadata, captured);
                return response;
            }
            catch (Exception error) when (AwsErrors.IsAwsFailure(error))
            {
                error.Data[AwsErrors.RetryAttemptsKey] = Retries(executionContext, wire);
                error.Data[WireHeadersKey] = wire.Headers;
                throw;
            }
        }

        private static int Retries(IExecutionContext executionContext, WireCall wire) => Math.Max(executionContext.RequestContext.Retries, wire.Sends - 1);
    }

    /// <summary>
    /// The SDK's metadata of an answer with ours attached, so that <see cref="Of"/> finds it on the response itself
    /// and no table keyed by responses is needed (a weak table's handles are scanned by every collection). The SDK's
    /// own fields are carried over unchanged.
    /// </summary>
    private sealed class Attached : ResponseMetadata
    {
        public Attached(ResponseMetadata? sdk, AwsResponseMetadata captured)
        {
            Captured = captured;
            if (sdk is null)
            {
                return;
            }
            RequestId = sdk.RequestId;
            ChecksumAlgorithm = sdk.ChecksumAlgorithm;
            ChecksumValidationStatus = sdk.ChecksumValidationStatus;
            foreach (var (name, value) in sdk.Metadata)
            {
                Metadata[name] = value;
            }
        }

        public AwsResponseMetadata Captured { get; }
    }
}
