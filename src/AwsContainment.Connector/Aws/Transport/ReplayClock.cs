namespace AwsContainment.Connector.Aws.Transport;

/// <summary>
/// The governor's clock in a replay: a recording answers at once and has no buckets to respect, so a wait is not
/// waited but jumps this clock on by its length. A throttled call then meets its time budget as it would against AWS
/// (a recording throttled to the end fails with the throttle, as the recorded run did), in milliseconds.
/// </summary>
internal sealed class ReplayClock : TimeProvider
{
    private long _skipped;

    public override long GetTimestamp() => base.GetTimestamp() + Interlocked.Read(ref _skipped);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SkippingTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class SkippingTimer(ReplayClock clock, TimerCallback callback, object? state) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return true;
            }
            Interlocked.Add(ref clock._skipped, (long)(dueTime.TotalSeconds * clock.TimestampFrequency));
            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return true;
        }

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
