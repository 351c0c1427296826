namespace AwsContainment.Connector;

/// <summary>
/// Runs work that must overlap other work (AWS calls of one action, parameter sets, requests to <c>serve</c>) on
/// threads of its own. AWS calls over the network block their thread (<see cref="Aws.Transport.BlockingHttpHandler"/>),
/// so two calls started on one thread and then awaited together would still run one after the other.
/// </summary>
public static class Overlapping
{
    // Work resumed after a real wait (a retry's back-off, a free slot) continues on the thread pool and may block
    // there, and the pool adds threads beyond one per core only about twice a second: eight parameter sets blocked
    // in AWS calls must not wait for it. Threads are still made only when there is work for them.
    private const int ThreadsWithoutDelay = 256;

    static Overlapping()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, ThreadsWithoutDelay), completionPorts);
    }

    // A warm process (serve) reuses the pool's running threads. A cold one starts a dedicated thread instead: the
    // first work queued to the pool wakes workers that spin, competing with the action for the CPU, which costs a
    // one-shot action more than starting one thread.
    public static Task<T> Start<T>(Func<Task<T>> work) => ThreadPool.ThreadCount > 0
        ? Task.Run(work)
        : Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    public static Task Start(Func<Task> work) => Start(async () =>
    {
        await work().ConfigureAwait(false);
        return true;
    });

    /// <summary>
    /// Runs <paramref name="body"/> for each index below <paramref name="count"/>, at most <paramref name="maxParallel"/>
    /// at once, started in index order. A lone item runs on the calling thread: there is nothing to overlap it with.
    /// </summary>
    public static async Task ForEachAsync(int count, int maxParallel, Func<int, Task> body)
    {
        if (count == 1)
        {
            await body(0).ConfigureAwait(false);
            return;
        }
        using var slots = new SemaphoreSlim(Math.Max(1, maxParallel));
        var running = new Task[count];
        for (var index = 0; index < count; index++)
        {
            await slots.WaitAsync().ConfigureAwait(false);
            var item = index;
            running[item] = Start(async () =>
            {
                try
                {
                    await body(item).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                }
            });
        }
        await Task.WhenAll(running).ConfigureAwait(false);
    }
}
