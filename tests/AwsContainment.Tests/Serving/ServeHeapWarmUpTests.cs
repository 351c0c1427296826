using System.Diagnostics;

namespace AwsContainment.Tests.Serving;

/// <summary>
/// The published <c>runner serve</c> touches its first allocation budget before it answers: its answers after the
/// first do not page-fault fresh heap memory (about 40 faults per <c>describe instance</c> without the warm-up, for
/// the first 200 answers of the 32 MB budget).
/// </summary>
public sealed class ServeHeapWarmUpTests
{
    private const int Answers = 100;

    [Fact]
    public async Task Answers_after_the_first_take_no_fresh_heap_pages()
    {
        var runner = await PublishedRunner.PathAsync();
        var start = new ProcessStartInfo(runner) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "serve", "--replay", Path.Combine(TestEnvironment.FixturesDirectory, "describe_instance", "success.json") })
        {
            start.ArgumentList.Add(arg);
        }
        using var serve = Process.Start(start)!;
        _ = serve.StandardError.ReadToEndAsync();
        try
        {
            await AnswerAsync(serve, 0); // the first answer pays for what is used once (clients, code pages)
            var before = MinorFaults(serve.Id);
            for (var id = 1; id <= Answers; id++)
            {
                await AnswerAsync(serve, id);
            }
            var perAnswer = (MinorFaults(serve.Id) - before) / (double)Answers;

            Assert.True(perAnswer < 5, $"{perAnswer:F1} page faults per answer");
        }
        finally
        {
            serve.StandardInput.Close();
            await serve.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
    }

    private static async Task AnswerAsync(Process serve, int id)
    {
        await serve.StandardInput.WriteLineAsync($$$"""{"id": {{{id}}}, "action": "describe instance", "parameters": {"instance": "i-0598c7d356eba48d7"}, "asset": {"region": "us-east-1"}}""");
        await serve.StandardInput.FlushAsync();
        var line = await serve.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Contains($$"""{"id":{{id}},"exit_code":0,""", line, StringComparison.Ordinal);
    }

    /// <summary>The process's minor page faults so far: field 10 of <c>/proc/PID/stat</c>, after the command name.</summary>
    private static long MinorFaults(int pid) =>
        long.Parse(File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[7], System.Globalization.CultureInfo.InvariantCulture);
}
