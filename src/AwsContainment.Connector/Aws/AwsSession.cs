using System.Collections.Concurrent;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using AwsContainment.Connector.Aws.Transport;

namespace AwsContainment.Connector.Aws;

/// <summary>
/// The AWS clients for one asset: credentials resolved once (static keys, the default chain, or an assumed role),
/// every client pointed at the asset's region or <c>endpoint_url</c> and at the run's transport. Clients are made
/// on first use and reused, so a long-lived host pays for them once per asset.
/// </summary>
public sealed class AwsSession : IDisposable
{
    private readonly AwsTransport _transport;
    private readonly RateGovernor _governor;
    private readonly ConcurrentDictionary<(AwsService Service, bool Retried), QueryServiceClient> _callers = new();
    private readonly Lazy<StsClient> _sts;
    private readonly Lazy<S3Client> _s3;

    static AwsSession()
    {
        // Client-side monitoring (UDP metrics to a local agent) is off: deciding otherwise parses the profile files
        // for every client built, which an action with keys must never do.
        AWSConfigs.CSMConfig.CSMEnabled = false;
    }

    private AwsSession(AwsAsset asset, AWSCredentials credentials, AwsTransport transport, RateGovernor governor, DateTimeOffset? expires = null)
    {
        Asset = asset;
        Credentials = credentials;
        Expires = expires;
        _transport = transport;
        _governor = governor;
        _sts = new(() => new StsClient(credentials, StsConfig(asset, transport), Lane(governor, asset, "sts", asset.Region)));
        _s3 = new(() => new S3Client(credentials, S3Config(asset, transport), Lane(governor, asset, "s3", asset.Region)));
    }

    /// <summary>
    /// Where a client's calls are paced: AWS throttles per account (the role's, for an assumed role; the keys stand for
    /// theirs), region and service, and an endpoint of its own (an emulator, the replay server) keeps its own buckets.
    /// </summary>
    private static GovernorLane Lane(RateGovernor governor, AwsAsset asset, string service, string region) =>
        new(governor, $"{asset.RoleAccount ?? asset.AccessKeyId ?? "host credentials"}\n{asset.EndpointUrl}\n{region}", service);

    public AwsAsset Asset { get; }

    /// <summary>The credentials every client signs with: the asset's keys or role, or what the default chain found.</summary>
    public AWSCredentials Credentials { get; }

    /// <summary>When the assumed role's credentials stop working; null for credentials that do not expire here.</summary>
    public DateTimeOffset? Expires { get; }

    /// <summary>
    /// Whether a long-lived host must open a new session before using this one: an assumed role's credentials
    /// last an hour, and a call started just before they expire must still be signed with valid ones.
    /// </summary>
    public bool ExpiresWithin(TimeSpan margin, DateTimeOffset now) => Expires is { } expires && expires - margin <= now;

    public IAmazonSecurityTokenService Sts => _sts.Value;

    public IAmazonS3 S3 => _s3.Value;

    /// <summary>The query/JSON-protocol caller for a service that has no SDK package here; the SDK retries its calls.</summary>
    public IAwsCaller Caller(AwsService service) => Caller(service, retried: true);

    /// <summary>
    /// A caller that sends each call once, for creates AWS gives no idempotency token: the SDK would repeat them
    /// blindly after a fault, so <see cref="CreationToken"/> decides instead whether to repeat.
    /// </summary>
    public IAwsCaller SingleAttemptCaller(AwsService service) => Caller(service, retried: false);

    private QueryServiceClient Caller(AwsService service, bool retried) =>
        _callers.GetOrAdd((service, retried), key =>
        {
            var config = Configure(new QueryClientConfig(key.Service, Asset.Region, Asset.EndpointUrl), Asset, _transport);
            if (!key.Retried)
            {
                config.MaxErrorRetry = 0;
                config.MaxStaleConnectionRetries = 0;
            }
            return new QueryServiceClient(key.Service, Credentials, config, Lane(_governor, Asset, key.Service.Name, key.Service.SigningRegion(Asset.Region)));
        });

    /// <summary>Resolves the asset's credentials (assuming its role when it names one) and opens a session.</summary>
    public static async Task<AwsSession> OpenAsync(AwsAsset asset, AwsTransport transport, RateGovernor governor, CancellationToken cancellationToken)
    {
        foreach (var secret in asset.Secrets)
        {
            transport.Recorder?.AddSecret(secret);
        }
        AWSCredentials credentials = (asset.AccessKeyId, asset.SecretAccessKey) switch
        {
            // A replay checks no signature, and must never fall back to the credential chain's network probes.
            (null, null) when transport.Replay is not null => new BasicAWSCredentials("AKIAIOSFODNN7REPLAY0", "replay-has-no-secret"),
            (null, null) => await CredentialChain.ResolveAsync(cancellationToken).ConfigureAwait(false),
            (not null, not null) when asset.SessionToken is not null => new SessionAWSCredentials(asset.AccessKeyId, asset.SecretAccessKey, asset.SessionToken),
            (not null, not null) => new BasicAWSCredentials(asset.AccessKeyId, asset.SecretAccessKey),
            _ => throw new ActionConfigurationException("the asset must give both aws_access_key_id and aws_secret_access_key, or neither"),
        };
        if (asset.RoleArn is null)
        {
            return new AwsSession(asset, credentials, transport, governor);
        }
        using var sts = new StsClient(credentials, StsConfig(asset, transport), Lane(governor, asset with { RoleArn = null }, "sts", asset.Region));
        return await AssumeAsync(sts, asset, transport, governor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A session in the same region as this one's identity acting through <paramref name="roleArn"/>: this session's
    /// credentials (the asset's keys, chain or role) assume it, so a role that trusts the asset's identity is reachable.
    /// </summary>
    public Task<AwsSession> AssumeRoleAsync(string roleArn, string? externalId, CancellationToken cancellationToken) =>
        AssumeAsync(_sts.Value, Asset with { RoleArn = roleArn, ExternalId = externalId }, _transport, _governor, cancellationToken);

    private static async Task<AwsSession> AssumeAsync(IAmazonSecurityTokenService sts, AwsAsset asset, AwsTransport transport, RateGovernor governor, CancellationToken cancellationToken)
    {
        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = asset.RoleArn,
            ExternalId = asset.ExternalId,
            RoleSessionName = asset.RoleSessionName ?? "aws-containment",
        }, cancellationToken).ConfigureAwait(false);
        transport.Recorder?.AddSecret(assumed.Credentials.SecretAccessKey);
        transport.Recorder?.AddSecret(assumed.Credentials.SessionToken);
        var roleCredentials = new SessionAWSCredentials(assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey, assumed.Credentials.SessionToken);
        return new AwsSession(asset, roleCredentials, transport, governor, assumed.Credentials.Expiration is { } expiration ? new DateTimeOffset(DateTime.SpecifyKind(expiration, DateTimeKind.Utc)) : null);
    }

    public void Dispose()
    {
        foreach (var caller in _callers.Values)
        {
            caller.Dispose();
        }
        if (_sts.IsValueCreated) _sts.Value.Dispose();
        if (_s3.IsValueCreated) _s3.Value.Dispose();
    }

    private static AmazonSecurityTokenServiceConfig StsConfig(AwsAsset asset, AwsTransport transport)
    {
        var config = new AmazonSecurityTokenServiceConfig();
        PlaceEndpoint(config, asset);
        return Configure(config, asset, transport);
    }

    private static AmazonS3Config S3Config(AwsAsset asset, AwsTransport transport)
    {
        var config = new AmazonS3Config { ForcePathStyle = asset.EndpointUrl is not null };
        PlaceEndpoint(config, asset);
        return Configure(config, asset, transport);
    }

    // Setting ServiceURL clears RegionEndpoint, so an endpoint override keeps the region only for signing.
    private static void PlaceEndpoint(ClientConfig config, AwsAsset asset)
    {
        if (asset.EndpointUrl is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(asset.Region);
            return;
        }
        config.ServiceURL = asset.EndpointUrl.ToString();
        config.AuthenticationRegion = asset.Region;
    }

    private static T Configure<T>(T config, AwsAsset asset, AwsTransport transport) where T : ClientConfig
    {
        config.RetryMode = RequestRetryMode.Standard;
        if (asset.HasKeys)
        {
            SettleWithoutProfile(config);
        }
        config.HttpClientFactory = transport.ClientFactory;
        config.DisableLogging = true;
        return config;
    }

    // An asset with keys is the whole configuration: every setting the SDK would otherwise look up in
    // ~/.aws/config (and parse the profile files for, on every client) is given its SDK default here.
    private static void SettleWithoutProfile(ClientConfig config)
    {
        config.DefaultConfigurationMode = DefaultConfigurationMode.Standard;
        config.MaxErrorRetry = 2;
        config.UseDualstackEndpoint = false;
        config.UseFIPSEndpoint = false;
        config.IgnoreConfiguredEndpointUrls = true;
        config.DisableRequestCompression = false;
        config.RequestMinCompressionSizeBytes = 10240;
        config.ClientAppId = "aws-containment";
        config.EndpointDiscoveryEnabled = false;
        config.DisableClockSkewCorrection = false;
        config.AuthSchemePreference = [];
        config.SigV4aSigningRegionSet = [];
        config.AccountIdEndpointMode = AccountIdEndpointMode.DISABLED;
        config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_SUPPORTED;
        config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_SUPPORTED;
        if (config is AmazonS3Config s3)
        {
            s3.USEast1RegionalEndpointValue = S3UsEast1RegionalEndpointValue.Regional;
            s3.DisableMultiregionAccessPoints = false;
            s3.UseArnRegion = false;
            s3.DisableS3ExpressSessionAuth = false;
        }
    }
}
