using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace AwsContainment.Connector.Aws;

/// <summary>
/// How long retries after faults wait. A run keeps the SDK's standard backoff (exponential with jitter, up to 20 s);
/// the tests set <see cref="Limit"/> once, so the hundreds of faults they replay cost milliseconds, not seconds.
/// Throttled calls wait for the governor instead (<see cref="GovernedRetryPolicy"/>).
/// </summary>
internal static class RetryBackoff
{
    /// <summary>The longest wait before a retry; null keeps the SDK's own.</summary>
    internal static TimeSpan? Limit { get; set; }

    /// <summary>Caps <paramref name="wait"/> at <see cref="Limit"/>.</summary>
    public static TimeSpan Capped(TimeSpan wait) => Limit is { } limit && limit < wait ? limit : wait;

    public static void AddTo(RuntimePipeline pipeline, IClientConfig config, GovernorLane? lane) =>
        pipeline.ReplaceHandler<RetryHandler>(new RetryHandler(new GovernedRetryPolicy(config, lane)));
}
