
namespace AwsContainment.Connector.Aws;

/// <summary>
/// Creating with a call AWS gives no idempotency token (EC2's <c>CreateSnapshot</c>, <c>CreateSnapshots</c> and
/// <c>CopySnapshot</c>): a repeat after a 5xx or a dropped connection whose first attempt took effect would make a
/// second resource. So the call is sent once at a time (no SDK retry after a fault; a throttle, which makes nothing,
/// is retried by the governor), tagging what it makes with a token of its own, and after a transient fault what
/// carries the token is looked up before the call is repeated: exactly one resource per call exists, and it is the
/// one reported.
/// </summary>
public static class CreationToken
{
    /// <summary>The tag that carries the token; replays match its value loosely (see <c>WireRequest</c>).</summary>
    public const string TagKey = "creation_token";

    /// <summary>How many times a create is sent at most, as the SDK's standard retry mode does.</summary>
    private const int Attempts = 3;

    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// Creates with <paramref name="createOnce"/>; after a transient fault waits (AWS's reads catch up with its
    /// writes meanwhile), asks <paramref name="findMade"/> for what the failed attempt made, and repeats only when
    /// it made nothing. A fault on the last attempt is thrown, unless that attempt turns out to have made it.
    /// </summary>
    public static async Task<T> CreateOnceAsync<T>(Func<Task<T>> createOnce, Func<Task<T?>> findMade, CancellationToken cancellationToken) where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await createOnce().ConfigureAwait(false);
            }
            // A throttle made nothing, and the governor already retried it for as long as the call may wait.
            catch (Exception fault) when (AwsErrors.IsTransient(fault) && !AwsErrors.IsThrottle(fault))
            {
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                if (await findMade().ConfigureAwait(false) is { } made)
                {
                    return made;
                }
                if (attempt == Attempts)
                {
                    throw;
                }
            }
        }
    }

    // Exponential with full jitter, as the SDK's standard mode: 100 ms, then up to 200 ms.
    private static TimeSpan Backoff(int attempt) => RetryBackoff.Capped(TimeSpan.FromMilliseconds(Random.Shared.Next(50, 100 << (attempt - 1))));
}
