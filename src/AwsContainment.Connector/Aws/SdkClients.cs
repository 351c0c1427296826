using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;
using Amazon.SecurityToken;

namespace AwsContainment.Connector.Aws;

/// <summary>The official STS client, its pipeline fitted as every other client's here (<see cref="ClientPipeline"/>).</summary>
internal sealed class StsClient(AWSCredentials? credentials, AmazonSecurityTokenServiceConfig config, GovernorLane? lane)
    : AmazonSecurityTokenServiceClient(credentials, config)
{
    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        ClientPipeline.Fit(pipeline, Config, lane);
    }
}

/// <summary>The official S3 client, its pipeline fitted as every other client's here (<see cref="ClientPipeline"/>).</summary>
internal sealed class S3Client(AWSCredentials? credentials, AmazonS3Config config, GovernorLane? lane) : AmazonS3Client(credentials, config)
{
    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        ClientPipeline.Fit(pipeline, Config, lane);
    }
}
