using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace AwsContainment.Connector.Aws;

/// <summary>What every AWS client built here changes in the SDK's pipeline, the official STS and S3 clients included.</summary>
internal static class ClientPipeline
{
    public static void Fit(RuntimePipeline pipeline, IClientConfig config, GovernorLane? lane)
    {
        // The SDK's metrics handler only writes to the SDK's log, and only with SDK metrics logging on (never here).
        // It starts a timing event per call and never disposes it: a finalizable object that keeps the call's
        // metrics alive through the next collection. Without it, a serve host's gen-0 collections find nothing
        // left for the finalizer (418 objects each before) and keep 70 to 190 KB alive instead of 360 to 440 KB.
        pipeline.RemoveHandler<MetricsHandler>();
        RetryBackoff.AddTo(pipeline, config, lane);
        AwsResponseMetadata.CaptureHandler.AddTo(pipeline);
    }
}
