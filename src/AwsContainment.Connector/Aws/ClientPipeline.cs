using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace AwsContainment.Connector.Aws;

/// <summary>What every AWS client built here changes in the SDK's pipeline, the official STS and S3 clients included.</summary>
internal static class ClientPipeline
{
    public static void Fit(RuntimePipeline pipeline, IClientConfig config)
    {
        // The SDK's metrics handler only writes to the SDK's log, and only with SDK metrics logging on (never here).
        // It starts a timing event per call and never disposes it: a finalizable object that keeps the call's
        // metrics alive through the next collection. In runner serve that was two objects per action for the
        // finalizer and 400 KB copied by every gen-0 collection, the pauses that set the serve p99.
        pipeline.RemoveHandler<MetricsHandler>();
        RetryBackoff.AddTo(pipeline, config);
        AwsResponseMetadata.CaptureHandler.AddTo(pipeline);
    }
}
