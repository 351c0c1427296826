using System.Text.Json.Nodes;
using AwsContainment.Connector;
using AwsContainment.Connector.Containment;

namespace AwsContainment.Tests.Foundation;

/// <summary>
/// Parameter sets and other batches run a bounded number at once, started in order; items run at once are reported
/// in the order they were started.
/// </summary>
public sealed class OverlappingTests
{
    private static readonly TimeSpan NeverInATest = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    public async Task Items_run_max_parallel_at_once_and_never_more(int maxParallel)
    {
        var gate = new Lock();
        int running = 0, peak = 0;
        var started = new List<int>();
        var total = maxParallel * 3;
        // Items wait together, let go once maxParallel of them hold a slot (or the last one has started).
        var wave = NewWave();

        await Overlapping.ForEachAsync(total, maxParallel, async index =>
        {
            TaskCompletionSource mine;
            lock (gate)
            {
                started.Add(index);
                peak = Math.Max(peak, ++running);
                mine = wave;
                if (running == maxParallel || started.Count == total)
                {
                    wave = NewWave();
                    mine.SetResult();
                }
            }
            await mine.Task.WaitAsync(NeverInATest);
            lock (gate) running--;
        });

        Assert.Equal(maxParallel, peak);
        Assert.Equal(Enumerable.Range(0, total), started);
    }

    private static TaskCompletionSource NewWave() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task Items_run_at_once_are_listed_in_the_order_they_were_started_not_finished()
    {
        var outcomes = new ItemOutcomes();
        var secondFinished = new TaskCompletionSource();

        var first = outcomes.RunAsync("first", async () =>
        {
            await secondFinished.Task;
            return new JsonObject { ["order"] = 1 };
        });
        var second = outcomes.RunAsync("second", () =>
        {
            secondFinished.SetResult();
            return Task.FromResult<JsonNode?>(new JsonObject { ["order"] = 2 });
        });
        await Task.WhenAll(first, second);

        Assert.Equal(["first", "second"], outcomes.All.Select(o => o.Item));
        Assert.All(outcomes.All, o => Assert.True(o.Succeeded));
    }
}
