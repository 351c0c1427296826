using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.Runtime.Internal.Transform;
using Amazon.Util;

namespace AwsContainment.Connector.Aws;

/// <summary>The one call every service client without an SDK package makes; the seam its typed client stands on.</summary>
public interface IAwsCaller
{
    AwsService Service { get; }

    QueryParameters NewParameters();

    /// <summary>Calls a query-protocol <paramref name="action"/>; an AWS error throws <see cref="AmazonServiceException"/>.</summary>
    Task<AwsReply> CallAsync(string action, QueryParameters parameters, CancellationToken cancellationToken);

    /// <summary>Calls a JSON-protocol <paramref name="action"/> with <paramref name="body"/>.</summary>
    Task<AwsReply> CallJsonAsync(string action, JsonObject body, CancellationToken cancellationToken);
}

/// <summary>
/// A service client for EC2, Auto Scaling, ELB, ELBv2, IAM and CloudTrail built on AWSSDK.Core's own runtime,
/// because their SDK packages are not available here. Core does SigV4, the credential chain, standard-mode retries
/// and error exceptions; this class only writes the form (or JSON body) and hands back the payload with metadata.
/// </summary>
public sealed class QueryServiceClient(AwsService service, AWSCredentials? credentials, QueryClientConfig config, GovernorLane? lane = null)
    : AmazonServiceClient(credentials, config), IAwsCaller
{
    public AwsService Service { get; } = service;

    public QueryParameters NewParameters() => new(Service.Protocol);

    public Task<AwsReply> CallAsync(string action, QueryParameters parameters, CancellationToken cancellationToken) =>
        SendAsync(new Call(Service, action, parameters, null), cancellationToken);

    public Task<AwsReply> CallJsonAsync(string action, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(new Call(Service, action, NewParameters(), body), cancellationToken);

    private async Task<AwsReply> SendAsync(Call call, CancellationToken cancellationToken)
    {
        var options = new InvokeOptions
        {
            RequestMarshaller = RequestWriter.Instance,
            ResponseUnmarshaller = new AnswerReader(ServiceModel.For(Service.Name), call.Action, Service.Protocol),
        };
        var answer = await InvokeAsync<Answer>(call, options, cancellationToken).ConfigureAwait(false);
        return new AwsReply(answer.Body, AwsResponseMetadata.Of(answer));
    }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        // Core v4 leaves choosing the signer to a per-service handler; these services all use SigV4.
        pipeline.AddHandlerAfter<Marshaller>(new SigV4AuthHandler());
        // None of these services has endpoint discovery, request compression or flexible checksums: each of those
        // handlers would only pass every call through one more async step.
        pipeline.RemoveHandler<EndpointDiscoveryHandler>();
        pipeline.RemoveHandler<CompressionHandler>();
        pipeline.RemoveHandler<ChecksumHandler>();
        ClientPipeline.Fit(pipeline, Config, lane);
    }

    /// <summary>The request the pipeline carries: which action, and its form or JSON body.</summary>
    private sealed class Call(AwsService service, string action, QueryParameters parameters, JsonObject? jsonBody) : AmazonWebServiceRequest, IGovernedRequest
    {
        public AwsService Service { get; } = service;
        public string Action { get; } = action;
        public QueryParameters Parameters { get; } = parameters;
        public JsonObject? JsonBody { get; } = jsonBody;

        public bool FilteredOrPaged => Parameters.Entries.Any(p => p.Key.StartsWith("Filter.", StringComparison.Ordinal) || p.Key is "MaxResults" or "NextToken");
    }

    private sealed class RequestWriter : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        public static readonly RequestWriter Instance = new();

        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var call = (Call)input;
            var request = new DefaultRequest(call, call.Service.Name) { HttpMethod = "POST" };
            if (call.Service.Protocol == AwsProtocol.Json)
            {
                request.Headers["X-Amz-Target"] = $"{call.Service.JsonTargetPrefix}.{call.Action}";
                request.Headers["Content-Type"] = "application/x-amz-json-1.1";
                request.Content = Encoding.UTF8.GetBytes((call.JsonBody ?? []).ToJsonString());
                return request;
            }
            request.Parameters["Action"] = call.Action;
            request.Parameters["Version"] = call.Service.ApiVersion;
            foreach (var (name, value) in call.Parameters.Entries)
            {
                request.Parameters[name] = value;
            }
            request.ContentStream = AWSSDKUtils.WriteParametersToPooledStream(request);
            return request;
        }
    }

    /// <summary>Picks SigV4 for every request: the services behind this client have no other auth scheme.</summary>
    private sealed class SigV4AuthHandler : BaseAuthResolverHandler
    {
        protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) => AuthSchemeOption.DEFAULT_SIGV4;
    }

    private sealed class Answer : AmazonWebServiceResponse
    {
        public JsonObject Body { get; init; } = [];
    }

    /// <summary>
    /// Reads the whole answer through the operation's model, as its service's protocol writes it (as botocore does;
    /// never by <c>Content-Type</c>, which emulators get wrong, KMS answers labelled <c>text/html</c> among them):
    /// the XML as it streams in (the model finds the query protocol's <c>{Action}Result</c> and the request id in
    /// it) or the JSON body. A malformed answer throws here, inside the SDK, so it surfaces as an unmarshalling error.
    /// </summary>
    private sealed class AnswerReader(ServiceModel model, string action, AwsProtocol protocol) : XmlResponseUnmarshaller
    {
        public override AmazonWebServiceResponse Unmarshall(XmlUnmarshallerContext input)
        {
            using var body = ReadAll(input.Stream);
            try
            {
                if (protocol == AwsProtocol.Json)
                {
                    return new Answer { Body = model.ReadJson(action, body.Length == 0 ? new JsonObject() : JsonNode.Parse(body)) };
                }
                var read = model.ReadXml(action, body, out var requestId);
                return new Answer { Body = read, ResponseMetadata = new ResponseMetadata { RequestId = requestId } };
            }
            catch (Exception error) when (error is XmlException or JsonException)
            {
                // The SDK's async path does not wrap parser errors; a cut-off answer must read as AWS's fault, not a bug.
                throw new AmazonUnmarshallingException(input.ResponseData.GetHeaderValue("x-amzn-RequestId"), null, Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length), error, input.ResponseData.StatusCode);
            }
        }

        public override AmazonServiceException UnmarshallException(XmlUnmarshallerContext input, Exception innerException, HttpStatusCode statusCode)
        {
            using var body = ReadAll(input.Stream);
            return AwsErrors.FromErrorBody(body.ToArray(), AwsResponseMetadata.LowerCaseHeaders(input.ResponseData), innerException, statusCode);
        }

        private static MemoryStream ReadAll(Stream stream)
        {
            var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            buffer.Position = 0;
            return buffer;
        }
    }
}
