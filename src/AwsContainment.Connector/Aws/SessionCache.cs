using System.Collections.Concurrent;

namespace AwsContainment.Connector.Aws;

/// <summary>
/// The sessions a long-lived host keeps, one per asset, region and role, opened once and shared: at most
/// <paramref name="capacity"/> of them, so a caller sending ever new assets cannot grow the host without end. When a
/// new one joins, sessions whose credentials have expired leave first, then those used longest ago. A session that
/// leaves is not disposed: sets still running keep using it, and the collector frees it after them.
/// </summary>
internal sealed class SessionCache<T>(int capacity, Func<T, DateTimeOffset, bool> expired)
    where T : class
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _trimming = new();
    private long _uses;

    public int Count => _entries.Count;

    /// <summary>The sessions opened so far, for disposing them when the host ends.</summary>
    public IEnumerable<T> Opened => _entries.Values.Select(e => e.Value)
        .Where(v => v.IsValueCreated && v.Value.IsCompletedSuccessfully).Select(v => v.Value.Result);

    /// <summary>The session of <paramref name="key"/>, made by <paramref name="open"/> when there is none.</summary>
    public Lazy<Task<T>> GetOrAdd(string key, Func<Lazy<Task<T>>> open)
    {
        var use = Interlocked.Increment(ref _uses);
        if (_entries.TryGetValue(key, out var known))
        {
            known.LastUse = use;
            return known.Value;
        }
        var added = new Entry(open()) { LastUse = use };
        var entry = _entries.GetOrAdd(key, added);
        if (ReferenceEquals(entry, added))
        {
            Trim(key);
        }
        return entry.Value;
    }

    /// <summary>Puts <paramref name="renewed"/> in the place of <paramref name="stale"/>; returns whichever session the key now has.</summary>
    public Lazy<Task<T>> Replace(string key, Lazy<Task<T>> stale, Lazy<Task<T>> renewed)
    {
        if (_entries.TryGetValue(key, out var entry) && ReferenceEquals(entry.Value, stale)
            && _entries.TryUpdate(key, new Entry(renewed) { LastUse = Interlocked.Increment(ref _uses) }, entry))
        {
            return renewed;
        }
        return GetOrAdd(key, () => renewed);
    }

    /// <summary>Forgets <paramref name="value"/> (one that failed to open) so that the next use tries again.</summary>
    public void Remove(string key, Lazy<Task<T>> value)
    {
        if (_entries.TryGetValue(key, out var entry) && ReferenceEquals(entry.Value, value))
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        }
    }

    private void Trim(string keep)
    {
        lock (_trimming)
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var (key, entry) in _entries)
            {
                if (entry.Value is { IsValueCreated: true, Value.IsCompletedSuccessfully: true } opened && expired(opened.Value.Result, now))
                {
                    _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
                }
            }
            var excess = _entries.Count - capacity;
            if (excess <= 0)
            {
                return;
            }
            foreach (var (key, entry) in _entries.Where(e => e.Key != keep).OrderBy(e => e.Value.LastUse).Take(excess).ToList())
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            }
        }
    }

    private sealed class Entry(Lazy<Task<T>> value)
    {
        public Lazy<Task<T>> Value { get; } = value;

        public long LastUse { get; set; }
    }
}
