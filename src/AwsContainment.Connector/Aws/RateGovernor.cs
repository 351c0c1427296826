using System.Collections.Concurrent;

namespace AwsContainment.Connector.Aws;

/// <summary>
/// Paces every AWS call a process makes to the token buckets AWS throttles it with, one bucket per (account,
/// endpoint, region, service, action class): every parameter set of a run and every request of a <c>runner serve</c>
/// draw from the same ones, so a hundred sets wait their turn instead of each spending its retries on throttling
/// answers. A bucket starts as <see cref="ThrottleTable"/> gives it and learns from AWS's answers: a throttle means
/// AWS's bucket is empty (others spend it too, or the account's limits differ), so this one empties and refills
/// slower; successes bring the rate back. Unlike the SDK's adaptive mode it starts from the documented rate, not from a
/// rate measured over the client's first calls, so a first throttle costs one refill interval, not seconds.
/// </summary>
public sealed class RateGovernor(ThrottleTable table, TimeProvider clock)
{
    /// <summary>What every connector's governor starts from; tests make it generous (their replays are not AWS).</summary>
    internal static ThrottleTable DefaultTable { get; set; } = ThrottleTable.Aws;

    /// <summary>Every connector's <see cref="ThrottleBudget"/>; tests make it short.</summary>
    internal static TimeSpan DefaultThrottleBudget { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a call AWS throttles keeps being retried, unless its parameter set's time runs out first.</summary>
    public TimeSpan ThrottleBudget { get; init; } = DefaultThrottleBudget;

    /// <summary>The governor's clock.</summary>
    public TimeProvider Clock => clock;

    private static readonly AsyncLocal<bool> Deferred = new();

    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);

    public RateGovernor()
        : this(DefaultTable, TimeProvider.System)
    {
    }

    /// <summary>
    /// Marks the rest of this async flow's calls as coming after every call not so marked: a playbook whose
    /// containing step is done lets other sets' containment go first, so an outbreak's isolation reaches every
    /// instance before the evidence steps take the buckets.
    /// </summary>
    public static void DeferRestOfFlow() => Deferred.Value = true;

    /// <summary>The bucket a call draws from, or null when nothing throttles it.</summary>
    public TokenBucket? For(string scope, string service, string action, bool filteredOrPaged) =>
        table.Bucket(service, action, filteredOrPaged) is { } bucket
            ? _buckets.GetOrAdd($"{scope}\n{service}\n{bucket.Name}", _ => new TokenBucket(bucket.Size, table.PublishedOnly || service == "ec2", clock))
            : null;

    /// <summary>Whether this flow's calls were deferred (<see cref="DeferRestOfFlow"/>).</summary>
    internal static bool IsDeferred => Deferred.Value;
}

/// <summary>
/// One bucket: hands out a token per call at the learnt rate, to calls not deferred first, then in arrival order.
/// The rate falls by <see cref="Backoff"/> on a throttle and climbs back by a fiftieth of its documented value per
/// success; it never exceeds the documented rate (a guessed one may grow to four times its guess), nor falls below a
/// twentieth of it. Throttles of calls sent before the last fall are the same news: they empty the bucket only.
/// </summary>
public sealed class TokenBucket
{
    internal const double Backoff = 0.7;
    private const double Recovery = 0.02;

    private readonly TimeProvider _clock;
    private readonly double _capacity;
    private readonly double _ceiling;
    private readonly double _floor;
    private readonly LinkedList<Waiter> _first = [];
    private readonly LinkedList<Waiter> _deferred = [];
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private double _tokens;
    private long _updated;
    private long _lastFall = long.MinValue;
    private bool _timerSet;

    internal TokenBucket(BucketSize size, bool documented, TimeProvider clock)
    {
        _clock = clock;
        _capacity = size.Capacity;
        Rate = size.RefillPerSecond;
        _ceiling = documented ? Rate : 4 * Rate;
        _floor = Rate / 20;
        _tokens = _capacity;
        _updated = clock.GetTimestamp();
        _timer = clock.CreateTimer(_ => Release(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Tokens a second as now learnt.</summary>
    public double Rate { get; private set; }

    /// <summary>How many calls wait for a token.</summary>
    public int Waiting
    {
        get { lock (_gate) return _first.Count + _deferred.Count; }
    }

    /// <summary>Waits for a token: at once while the bucket holds one and no call that goes first waits.</summary>
    public Task AcquireAsync(bool deferred, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }
        lock (_gate)
        {
            Refill();
            var ahead = deferred ? _first.Count + _deferred.Count : _first.Count;
            if (_tokens >= 1 && ahead == 0)
            {
                _tokens--;
                return Task.CompletedTask;
            }
            var waiter = new Waiter(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            var queue = deferred ? _deferred : _first;
            var node = queue.AddLast(waiter);
            waiter.Cancellation = cancellationToken.Register(() =>
            {
                lock (_gate)
                {
                    if (node.List is not null)
                    {
                        queue.Remove(node);
                    }
                }
                waiter.Done.TrySetCanceled(cancellationToken);
            });
            Schedule();
            return waiter.Done.Task;
        }
    }

    /// <summary>
    /// AWS answered a call of this bucket, sent at <paramref name="sentAt"/> (a <see cref="TimeProvider.GetTimestamp"/>),
    /// with a throttle: its bucket is empty, and refills slower than thought.
    /// </summary>
    public void Throttled(long sentAt)
    {
        lock (_gate)
        {
            Refill();
            _tokens = Math.Min(_tokens, 0);
            if (sentAt > _lastFall)
            {
                Rate = Math.Max(_floor, Rate * Backoff);
                _lastFall = _updated;
            }
        }
    }

    /// <summary>AWS answered a call of this bucket.</summary>
    public void Succeeded()
    {
        lock (_gate)
        {
            Refill();
            Rate = Math.Min(_ceiling, Rate + _ceiling * Recovery);
        }
    }

    private void Refill()
    {
        var now = _clock.GetTimestamp();
        _tokens = Math.Min(_capacity, _tokens + _clock.GetElapsedTime(_updated, now).TotalSeconds * Rate);
        _updated = now;
    }

    // Called under the gate: wakes the timer when the next token is due, if a call waits and no wake-up is set.
    private void Schedule()
    {
        if (_timerSet || _first.Count + _deferred.Count == 0)
        {
            return;
        }
        // Rounded up to whole ticks, so the wake-up never comes before the token (and finds none again).
        var due = TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling(Math.Max(0, 1 - _tokens) / Rate * TimeSpan.TicksPerSecond)));
        _timerSet = true;
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void Release()
    {
        var granted = new List<Waiter>();
        lock (_gate)
        {
            _timerSet = false;
            Refill();
            while (_tokens >= 1 && (_first.First ?? _deferred.First) is { } next)
            {
                next.List!.Remove(next);
                _tokens--;
                granted.Add(next.Value);
            }
            Schedule();
        }
        foreach (var waiter in granted)
        {
            waiter.Cancellation.Dispose();
            if (!waiter.Done.TrySetResult())
            {
                // Cancelled as it was granted: the token goes back.
                lock (_gate) _tokens++;
            }
        }
    }

    private sealed class Waiter(TaskCompletionSource done)
    {
        public TaskCompletionSource Done { get; } = done;
        public CancellationTokenRegistration Cancellation { get; set; }
    }
}
