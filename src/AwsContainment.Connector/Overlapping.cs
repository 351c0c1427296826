
namespace AwsContainment.Connector;

/// <summary>Runs many items of work at once, a bounded number at a time (parameter sets, target groups).</summary>
public static class Overlapping
{
    /// <summary>
    /// Runs <paramref name="body"/> for each index below <paramref name="count"/>, at most <paramref name="maxParallel"/>
    /// at once, started in index order.
    /// </summary>
    public static async Task ForEachAsync(int count, int maxParallel, Func<int, Task> body)
    {
        using var slots = new SemaphoreSlim(Math.Max(1, maxParallel));
        var running = new Task[count];
        for (var index = 0; index < count; index++)
        {
            await slots.WaitAsync().ConfigureAwait(false);
            running[index] = RunAsync(index);
        }
        await Task.WhenAll(running).ConfigureAwait(false);

        async Task RunAsync(int index)
        {
            try
            {
                await body(index).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        }
    }
}
