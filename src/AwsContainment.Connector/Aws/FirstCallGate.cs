using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace AwsContainment.Connector.Aws;

/// <summary>
/// Holds the AWS calls started beside a process's first one until that first call is signed and on its way to
/// AWS. From then on every call goes straight through.
/// </summary>
/// <remarks>
/// Why: the first call pays the process's one-time costs (the SDK pipeline, the signer and OpenSSL loaded and
/// compiled). Calls started at the same moment would pay them again alongside it, and the threads then mostly wait
/// for each other on the runtime's loader locks: a cold describe instance, whose two calls start together, took
/// 4.5 ms longer that way. Their round trips still overlap: a held call is sent while the first one waits for its
/// answer. The wait happens only in a process's first moments, on threads of their own (<see cref="Overlapping"/>),
/// so it blocks rather than awaits, and it ends early when the call is cancelled.
/// </remarks>
public sealed class FirstCallGate : IDisposable
{
    private readonly ManualResetEventSlim _open = new(false);
    private int _taken;

    /// <summary>The gate every AWS client of this process shares.</summary>
    public static FirstCallGate Process { get; } = new();

    /// <summary>
    /// True for the first call, which must <see cref="Open"/> the gate once it is signed (or has failed); any
    /// other call returns false, after waiting until the gate is open.
    /// </summary>
    public bool Enter(CancellationToken cancellationToken)
    {
        if (_open.IsSet)
        {
            return false;
        }
        if (Interlocked.Exchange(ref _taken, 1) == 0)
        {
            return true;
        }
        _open.Wait(cancellationToken);
        return false;
    }

    public void Open() => _open.Set();

    public void Dispose() => _open.Dispose();

    /// <summary>Puts the gate around a client's pipeline: entered first of all, opened right after signing.</summary>
    public static void AddTo(RuntimePipeline pipeline)
    {
        pipeline.AddHandler(new Hold(Process));
        pipeline.AddHandlerAfter<Signer>(new Release(Process));
    }

    internal sealed class Hold(FirstCallGate gate) : PipelineHandler
    {
        public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            var first = gate.Enter(executionContext.RequestContext.CancellationToken);
            try
            {
                return await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
            }
            finally
            {
                if (first)
                {
                    gate.Open(); // a first call that fails before it is signed must not hold the others
                }
            }
        }
    }

    internal sealed class Release(FirstCallGate gate) : PipelineHandler
    {
        public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            gate.Open();
            return base.InvokeAsync<T>(executionContext);
        }
    }
}
