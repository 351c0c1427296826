using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;
using Amazon.SecurityToken;

namespace AwsContainment.Connector.Aws;

/// <summary>The official STS client, with the same response-metadata capture as every other client here.</summary>
internal sealed class StsClient(AWSCredentials? credentials, AmazonSecurityTokenServiceConfig config)
    : AmazonSecurityTokenServiceClient(credentials, config)
{
    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        RetryBackoff.AddTo(pipeline, Config);
        AwsResponseMetadata.CaptureHandler.AddTo(pipeline);
    }
}

/// <summary>The official S3 client, with the same response-metadata capture as every other client here.</summary>
internal sealed class S3Client(AWSCredentials? credentials, AmazonS3Config config) : AmazonS3Client(credentials, config)
{
    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        RetryBackoff.AddTo(pipeline, Config);
        AwsResponseMetadata.CaptureHandler.AddTo(pipeline);
    }
}
