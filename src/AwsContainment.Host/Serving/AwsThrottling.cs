using System.Collections.Concurrent;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Aws.Transport;

namespace AwsContainment.Host.Serving;

/// <summary>
/// The replay server's <c>--throttle</c>: AWS's token buckets (<see cref="ThrottleTable"/>), one per access key,
/// signing region and bucket, as AWS keeps one per account, region and API. A request that finds its bucket empty is
/// answered with the service's throttling error and takes nothing; the bucket refills continuously at its rate.
/// </summary>
public sealed class AwsThrottling(ThrottleTable table, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private long _throttled;

    /// <summary>How many requests were answered with a throttle.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>Whether AWS would take <paramref name="incoming"/> now (and so it takes a token).</summary>
    public bool Admits(Exchange incoming)
    {
        var action = incoming.Form?.GetValueOrDefault("Action") ?? incoming.Target ?? incoming.Method;
        var filtered = incoming.Form?.Keys.Any(k => k.StartsWith("Filter.", StringComparison.Ordinal) || k is "MaxResults" or "NextToken") == true;
        if (table.Bucket(incoming.Service, action, filtered) is not { } bucket)
        {
            return true;
        }
        var key = $"{incoming.AccessKeyId} {incoming.SigningRegion} {incoming.Service} {bucket.Name}";
        if (_buckets.GetOrAdd(key, _ => new Bucket(bucket.Size, clock.GetTimestamp())).TryTake(clock))
        {
            return true;
        }
        Interlocked.Increment(ref _throttled);
        return false;
    }

    /// <summary>
    /// One line per bucket used: whose, which, its size, the calls it took and those it throttled; from these a
    /// benchmark knows the least time the buckets allow (calls beyond the size, at the refill rate).
    /// </summary>
    public IEnumerable<string> Report() =>
        _buckets.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => $"throttle: {b.Key}: size {b.Value.Size}, {b.Value.Taken} taken, {b.Value.Refused} throttled");

    private sealed class Bucket(BucketSize size, long created)
    {
        private readonly Lock _gate = new();
        private double _tokens = size.Capacity;
        private long _updated = created;

        public BucketSize Size => size;

        public long Taken { get; private set; }

        public long Refused { get; private set; }

        public bool TryTake(TimeProvider clock)
        {
            lock (_gate)
            {
                var now = clock.GetTimestamp();
                _tokens = Math.Min(size.Capacity, _tokens + clock.GetElapsedTime(_updated, now).TotalSeconds * size.RefillPerSecond);
                _updated = now;
                if (_tokens < 1)
                {
                    Refused++;
                    return false;
                }
                _tokens--;
                Taken++;
                return true;
            }
        }
    }
}
