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
// Console.Out writes through a 256-byte buffer, so a 3 KB envelope left as a dozen pipe writes, each waking the
// reader (serve's caller most of all). The same stream and encoding, still flushed on every write, in one write.
var stdout = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput(), Console.OutputEncoding, 64 * 1024) { AutoFlush = true });
return await new RunnerCli(stdout, Console.Error, Console.In, stderrIsTerminal: !Console.IsErrorRedirected).RunAsync(args, interrupted.Token).ConfigureAwait(false);
