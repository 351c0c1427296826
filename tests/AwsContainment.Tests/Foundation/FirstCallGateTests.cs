using Amazon.Runtime;
using Amazon.Runtime.Internal;
using AwsContainment.Connector.Aws;
using Moq;

namespace AwsContainment.Tests.Foundation;

/// <summary>
/// Calls started beside a process's first AWS call wait until that call is signed, then go out while it waits for
/// its answer; once open, the gate never holds anything again, and nothing waits forever behind a first call that
/// failed or a call that was cancelled.
/// </summary>
public sealed class FirstCallGateTests
{
    private static readonly TimeSpan NeverInATest = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongEnoughToNotice = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task A_call_started_beside_the_first_waits_until_the_gate_opens()
    {
        using var gate = new FirstCallGate();
        Assert.True(gate.Enter(CancellationToken.None));

        var beside = Task.Run(() => gate.Enter(CancellationToken.None));
        Assert.NotSame(beside, await Task.WhenAny(beside, Task.Delay(LongEnoughToNotice)));

        gate.Open();
        Assert.False(await beside.WaitAsync(NeverInATest));
    }

    [Fact]
    public void Once_open_every_call_goes_straight_through()
    {
        using var gate = new FirstCallGate();
        Assert.True(gate.Enter(CancellationToken.None));
        gate.Open();

        Assert.False(gate.Enter(CancellationToken.None));
        Assert.False(gate.Enter(CancellationToken.None));
    }

    [Fact]
    public async Task A_held_call_that_is_cancelled_stops_waiting()
    {
        using var gate = new FirstCallGate();
        gate.Enter(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var held = Task.Run(() => gate.Enter(cancel.Token));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held.WaitAsync(NeverInATest));
    }

    [Fact]
    public async Task The_gate_opens_when_the_first_call_is_signed_not_when_it_is_answered()
    {
        using var gate = new FirstCallGate();
        Task<bool>? beside = null;
        bool heldWhileSigning = false, sentBeforeTheAnswer = false;
        var pipeline = Chain(
            new FirstCallGate.Hold(gate),
            new Stage(() =>
            {
                beside = Task.Run(() => gate.Enter(CancellationToken.None));
                heldWhileSigning = !beside.Wait(LongEnoughToNotice);
            }),
            new FirstCallGate.Release(gate),
            new Stage(() => sentBeforeTheAnswer = beside!.Wait(NeverInATest)));

        await pipeline.InvokeAsync<AmazonWebServiceResponse>(Context());

        Assert.True(heldWhileSigning, "a call started beside the first went ahead before the first was signed");
        Assert.True(sentBeforeTheAnswer, "a call started beside the first was still held while the first waited for its answer");
    }

    [Fact]
    public async Task A_first_call_that_fails_before_it_is_signed_does_not_hold_the_others()
    {
        using var gate = new FirstCallGate();
        var pipeline = Chain(
            new FirstCallGate.Hold(gate),
            new Stage(() => throw new AmazonClientException("no credentials")),
            new FirstCallGate.Release(gate));

        await Assert.ThrowsAsync<AmazonClientException>(() => pipeline.InvokeAsync<AmazonWebServiceResponse>(Context()));

        Assert.False(await Task.Run(() => gate.Enter(CancellationToken.None)).WaitAsync(NeverInATest));
    }

    private static IPipelineHandler Chain(params IPipelineHandler[] handlers)
    {
        for (var index = 0; index < handlers.Length - 1; index++)
        {
            handlers[index].InnerHandler = handlers[index + 1];
            handlers[index + 1].OuterHandler = handlers[index];
        }
        return handlers[0];
    }

    private static IExecutionContext Context()
    {
        var request = new Mock<IRequestContext>();
        request.SetupGet(r => r.CancellationToken).Returns(CancellationToken.None);
        var context = new Mock<IExecutionContext>();
        context.SetupGet(c => c.RequestContext).Returns(request.Object);
        return context.Object;
    }

    /// <summary>A step of a test pipeline: does <paramref name="action"/>, then passes the call on (or answers it last).</summary>
    private sealed class Stage(Action action) : PipelineHandler
    {
        public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            action();
            return InnerHandler is null ? Task.FromResult<T>(null!) : base.InvokeAsync<T>(executionContext);
        }
    }
}
