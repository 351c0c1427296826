using System.Text.Json.Nodes;
using AwsContainment.Connector;

namespace AwsContainment.Tests.Foundation;

/// <summary>
/// Work that must overlap runs on threads of its own, because AWS calls over the network block their thread: a
/// barrier is met only when every party is waiting at it at the same time, each on its own thread.
/// </summary>
public sealed class OverlappingTests
{
    private static readonly TimeSpan NeverInATest = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Started_work_that_blocks_runs_alongside_the_caller()
    {
        using var barrier = new Barrier(2);

        var other = Overlapping.Start(() => Task.FromResult(barrier.SignalAndWait(NeverInATest)));
        var here = barrier.SignalAndWait(NeverInATest);

        Assert.True(here, "the started work never reached the barrier while the caller waited");
        Assert.True(await other);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    public async Task Items_that_block_run_max_parallel_at_once_and_never_more(int maxParallel)
    {
        using var barrier = new Barrier(maxParallel);
        var gate = new Lock();
        int running = 0, peak = 0, met = 0;

        await Overlapping.ForEachAsync(maxParallel * 3, maxParallel, _ =>
        {
            lock (gate) peak = Math.Max(peak, ++running);
            if (barrier.SignalAndWait(NeverInATest))
            {
                Interlocked.Increment(ref met);
            }
            lock (gate) running--;
            return Task.CompletedTask;
        });

        Assert.Equal(maxParallel * 3, met);
        Assert.Equal(maxParallel, peak);
    }

    [Fact]
    public async Task A_lone_item_runs_on_the_calling_thread()
    {
        var caller = Environment.CurrentManagedThreadId;
        var ranOn = -1;

        await Overlapping.ForEachAsync(1, 8, _ =>
        {
            ranOn = Environment.CurrentManagedThreadId;
            return Task.CompletedTask;
        });

        Assert.Equal(caller, ranOn);
    }

    [Fact]
    public async Task Items_run_at_once_are_listed_in_the_order_they_were_started_not_finished()
    {
        var outcomes = new ItemOutcomes();
        var secondFinished = new TaskCompletionSource();

        var first = outcomes.StartAsync("first", async () =>
        {
            await secondFinished.Task;
            return new JsonObject { ["order"] = 1 };
        });
        var second = outcomes.StartAsync("second", () =>
        {
            secondFinished.SetResult();
            return Task.FromResult<JsonNode?>(new JsonObject { ["order"] = 2 });
        });
        await Task.WhenAll(first, second);

        Assert.Equal(["first", "second"], outcomes.All.Select(o => o.Item));
        Assert.All(outcomes.All, o => Assert.True(o.Succeeded));
    }
}
