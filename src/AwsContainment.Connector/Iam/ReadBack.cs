
namespace AwsContainment.Connector.Iam;

/// <summary>
/// Reading a change back from IAM, which is eventually consistent: a deactivated key can still read Active for
/// a moment. The read is repeated a few times, a short delay apart, until it shows the change; a change that has
/// not shown by then is reported as such, never as confirmed.
/// </summary>
public sealed record ReadBack(int Reads, TimeSpan Delay)
{
    /// <summary>Four reads within 0.75 s: enough for IAM's usual lag, short enough for a responder (and a test) to wait.</summary>
    public static ReadBack Default { get; } = new(4, TimeSpan.FromMilliseconds(250));

    /// <summary>Reads until <paramref name="shows"/> holds or the reads run out; returns the last read.</summary>
    public async Task<ReadBackOutcome<T>> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> shows, CancellationToken cancellationToken)
    {
        var value = await read().ConfigureAwait(false);
        var reads = 1;
        while (!shows(value) && reads < Reads)
        {
            await Task.Delay(Delay, cancellationToken).ConfigureAwait(false);
            value = await read().ConfigureAwait(false);
            reads++;
        }
        return new ReadBackOutcome<T>(value, reads, shows(value));
    }
}

/// <summary>The last value read, how many reads it took, and whether it showed the change.</summary>
public sealed record ReadBackOutcome<T>(T Value, int Reads, bool Confirmed);
