using AwsContainment.Host.Cli;

// The last resort for what escapes RunnerCli's own (a defect on another thread): one line on stderr and exit 1,
// never a stack trace and never the runtime's own exit code (134).
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    Console.Error.WriteLine($"runner: internal error ({(e.ExceptionObject as Exception)?.GetType().Name}: {(e.ExceptionObject as Exception)?.Message}); nothing further was run");
    Environment.Exit(1);
};
using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl-C cancels what is running and still prints a complete envelope; a second one kills.
    e.Cancel = !interrupted.IsCancellationRequested;
    interrupted.Cancel();
};
return await new RunnerCli(Console.Out, Console.Error, Console.In, stderrIsTerminal: !Console.IsErrorRedirected).RunAsync(args, interrupted.Token).ConfigureAwait(false);
