using AwsContainment.Host.Cli;

namespace AwsContainment.Tests.Serving;

/// <summary>
/// A serving command (<c>replay-server</c>, <c>serve --http</c>) run in-process: started, its printed endpoint read,
/// then stopped as Ctrl-C would stop it.
/// </summary>
internal sealed class ServingCommand : IDisposable
{
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();
    private readonly CancellationTokenSource _interrupt = new();
    private readonly Task<int> _run;

    private ServingCommand(string[] args)
    {
        _run = new RunnerCli(TextWriter.Synchronized(_stdout), TextWriter.Synchronized(_stderr), TextReader.Null).RunAsync(args, _interrupt.Token);
    }

    public Uri Endpoint { get; private set; } = null!;

    public string Stderr => _stderr.ToString();

    public static async Task<ServingCommand> StartAsync(params string[] args)
    {
        var command = new ServingCommand(args);
        await ReplayServerTests.WaitUntilAsync(() => command._stdout.ToString().Contains('\n', StringComparison.Ordinal) || command._run.IsCompleted);
        command.Endpoint = new Uri(command._stdout.ToString().Trim());
        return command;
    }

    /// <summary>Interrupts the command and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _interrupt.CancelAsync();
        return await _run.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public void Dispose() => _interrupt.Dispose();
}
