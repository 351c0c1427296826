namespace AwsContainment.Tests.Outbreak;

/// <summary>A clock that moves only when told, firing the timers that fall due on the way, in order.</summary>
internal sealed class FakeClock : TimeProvider
{
    private readonly List<FakeTimer> _timers = [];
    private readonly Lock _gate = new();
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (_gate) return _ticks;
    }

    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero).AddTicks(GetTimestamp());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock on by <paramref name="span"/>, firing each timer at its due time.</summary>
    public void Advance(TimeSpan span)
    {
        var end = GetTimestamp() + span.Ticks;
        while (true)
        {
            FakeTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.Due is { } due && due <= end).MinBy(t => t.Due);
                if (next is null)
                {
                    _ticks = end;
                    return;
                }
                _ticks = Math.Max(_ticks, next.Due!.Value);
                next.Due = null;
            }
            next.Fire();
        }
    }

    private sealed class FakeTimer(FakeClock clock, TimerCallback callback, object? state) : ITimer
    {
        public long? Due { get; set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._ticks + dueTime.Ticks;
                if (!clock._timers.Contains(this))
                {
                    clock._timers.Add(this);
                }
            }
            return true;
        }

        public void Dispose()
        {
            lock (clock._gate) clock._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
