using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace AwsContainment.Connector.Aws;

/// <summary>
/// Client configuration for one service behind <see cref="QueryServiceClient"/>: signing name and region set
/// explicitly (a custom ServiceURL otherwise breaks signing), standard retry mode (adaptive mode can stall a fresh
/// client for seconds on its first throttle), and the endpoint from the asset's <c>endpoint_url</c> or AWS's own.
/// </summary>
public sealed class QueryClientConfig : ClientConfig
{
    private static readonly IDefaultConfiguration Standard = new DefaultConfiguration
    {
        Name = DefaultConfigurationMode.Standard,
        RetryMode = RequestRetryMode.Standard,
        S3UsEast1RegionalEndpoint = S3UsEast1RegionalEndpointValue.Regional,
    };

    private readonly AwsService _service;
    private readonly Uri _endpoint;

    public QueryClientConfig(AwsService service, string region, Uri? endpointOverride)
        : base(new DefaultConfigurationProvider([Standard]))
    {
        _service = service;
        _endpoint = endpointOverride ?? service.DefaultEndpoint(region);
        DefaultConfigurationMode = DefaultConfigurationMode.Standard;
        RetryMode = RequestRetryMode.Standard;
        AuthenticationServiceName = service.SigningName;
        AuthenticationRegion = service.SigningRegion(region);
        ServiceURL = _endpoint.ToString();
        ServiceId = service.Name;
        EndpointProvider = new FixedEndpointProvider(_endpoint);
        DisableLogging = true;
    }

    public override string RegionEndpointServiceName => _service.EndpointPrefix;

    public override string ServiceVersion => _service.ApiVersion;

    public override string UserAgent => "aws-containment/1.0";

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) => new(_endpoint.ToString());

    private sealed class FixedEndpointProvider(Uri endpoint) : IEndpointProvider
    {
        public Endpoint ResolveEndpoint(EndpointParameters parameters) => new(endpoint.ToString());
    }
}
