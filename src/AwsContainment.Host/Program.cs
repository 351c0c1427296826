using AwsContainment.Host.Cli;

using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl-C cancels what is running and still prints a complete envelope; a second one kills.
    e.Cancel = !interrupted.IsCancellationRequested;
    interrupted.Cancel();
};
return await new RunnerCli(Console.Out, Console.Error, Console.In).RunAsync(args, interrupted.Token).ConfigureAwait(false);
