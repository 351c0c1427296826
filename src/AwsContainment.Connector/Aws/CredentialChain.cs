using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.SharedInterfaces;
using Amazon.RuntimeDependencies;
using Amazon.SecurityToken;

namespace AwsContainment.Connector.Aws;

/// <summary>
/// The SDK's default credential chain (environment, profiles, web identity, container and instance roles), with
/// every STS call it makes going through an STS client built here rather than one the SDK loads by name, which a
/// Native AOT runner cannot do (the SDK throws MissingRuntimeDependencyException).
/// </summary>
/// <remarks>
/// The SDK's hook for this, <see cref="GlobalRuntimeDependencyRegistry"/>, hands its STS factory only a region, not
/// the credentials to sign with. That is enough for web identity (AssumeRoleWithWebIdentity is not signed) but not
/// for a profile's <c>role_arn</c> + <c>source_profile</c>, whose AssumeRole must be signed with the source
/// profile's credentials: each such role in the chain is replaced by one that signs with its (resolved) source. A
/// role left to the registered client would be sent unsigned, and refused, never signed as someone else.
/// </remarks>
internal static class CredentialChain
{
    static CredentialChain()
    {
        GlobalRuntimeDependencyRegistry.Instance.RegisterSecurityTokenServiceClient(context =>
        {
            var about = context.SecurityTokenServiceClientContextData;
            return new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), Config(about.Region, about.ProxySettings));
        });
    }

    public static async Task<AWSCredentials> ResolveAsync(CancellationToken cancellationToken) =>
        WithExplicitSts(await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false));

    private static AWSCredentials WithExplicitSts(AWSCredentials credentials) => credentials is AssumeRoleAWSCredentials role
        ? new SignedAssumeRole(WithExplicitSts(role.SourceCredentials), role)
        : credentials;

    // The SDK's own STS settings for the chain: the fallback region (or us-east-1), the endpoint it resolves for
    // that region (AWS_ENDPOINT_URL_STS and profile endpoints included), the proxy the profile names.
    private static AmazonSecurityTokenServiceConfig Config(RegionEndpoint? region, System.Net.IWebProxy? proxy)
    {
        var config = new AmazonSecurityTokenServiceConfig { RegionEndpoint = region ?? RegionEndpoint.USEast1 };
        if (proxy is not null)
        {
            config.SetWebProxy(proxy);
        }
        return config;
    }

    /// <summary>A profile's assumed role whose AssumeRole is signed with its source credentials by a client built here.</summary>
    private sealed class SignedAssumeRole(AWSCredentials source, AssumeRoleAWSCredentials role)
        : AssumeRoleAWSCredentials(source, role.RoleArn, role.RoleSessionName, role.Options)
    {
        protected override CredentialsRefreshState GenerateNewCredentials()
        {
            using var sts = Client();
            return Refreshed(((ICoreAmazonSTS)sts).CredentialsFromAssumeRoleAuthentication(RoleArn, RoleSessionName, Options));
        }

        protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
        {
            using var sts = Client();
            return Refreshed(await ((ICoreAmazonSTS)sts).CredentialsFromAssumeRoleAuthenticationAsync(RoleArn, RoleSessionName, Options).ConfigureAwait(false));
        }

        private AmazonSecurityTokenServiceClient Client() =>
            new(SourceCredentials, Config(FallbackRegionFactory.GetRegionEndpoint(), Options?.ProxySettings));

        private static CredentialsRefreshState Refreshed(AssumeRoleImmutableCredentials credentials) => new(credentials, credentials.Expiration);
    }
}
