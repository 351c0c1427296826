using System.Runtime.InteropServices;
using AwsContainment.Host;
using AwsContainment.Host.Cli;

// The last resort for what escapes RunnerCli's own (a defect on another thread): one line on stderr and exit 1,
// never a stack trace and never the runtime's own exit code (134).
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    Console.Error.WriteLine($"runner: internal error ({(e.ExceptionObject as Exception)?.GetType().Name}: {(e.ExceptionObject as Exception)?.Message}); nothing further was run");
    Environment.Exit(1);
};
using var interrupted = new CancellationTokenSource();
// Ctrl-C, SIGTERM (a service manager, a SOAR or `timeout` stopping the runner) and SIGHUP (its terminal gone) all
// stop it one way: what runs is cancelled, a change in progress gets ActionRunner.GracePeriod to finish or be undone,
// and every envelope is still printed, complete, with exit code 0, 1 or 2. The signal's own ending (exit 130, 143,
// 129) would print nothing and could cut a change half-made; a second signal ends nothing sooner, as the grace is
// already bounded.
void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    if (!interrupted.IsCancellationRequested)
    {
        Console.Error.WriteLine($"runner: {signal.Signal} received: stopping; a change in progress gets up to {ActionRunner.GracePeriod.TotalSeconds:0} s to finish, and as long to be undone");
        interrupted.Cancel();
    }
}
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var onHangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
// Console.Out writes through a 256-byte buffer, so a 3 KB envelope left as a dozen pipe writes, each waking the
// reader (serve's caller most of all). The same stream and encoding, still flushed on every write, in one write.
var stdout = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput(), Console.OutputEncoding, 64 * 1024) { AutoFlush = true });
return await new RunnerCli(stdout, Console.Error, Console.In, stderrIsTerminal: !Console.IsErrorRedirected).RunAsync(args, interrupted.Token).ConfigureAwait(false);
