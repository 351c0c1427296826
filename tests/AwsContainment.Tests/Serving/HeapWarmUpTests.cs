using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace AwsContainment.Tests.Serving;

/// <summary>
/// The published long-lived hosts started with <c>--warm-heap</c> touch their first allocation budget before they
/// take work: their answers after the first do not page-fault fresh heap memory (measured here: 0.0 to 0.2 faults
/// per answer; without the warm-up, 48 per <c>describe instance</c> through <c>serve</c> and 3.5 per request through
/// <c>replay-server</c>, until the first collection).
/// </summary>
public sealed class HeapWarmUpTests
{
    private const int Answers = 100;

    [RequiresFact(Requirement.NativeAotToolchain, Requirement.ProcFileSystem)]
    public async Task Serve_answers_after_the_first_take_no_fresh_heap_pages()
    {
        using var serve = await PublishedRunner.StartServeAsync("--warm-heap");
        try
        {
            await AssertAnswersTakeNoFreshPagesAsync(serve, id => PublishedRunner.DescribeInstanceAsync(serve, id));
        }
        finally
        {
            serve.StandardInput.Close();
            await serve.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
    }

    [RequiresFact(Requirement.NativeAotToolchain, Requirement.ProcFileSystem)]
    public async Task Replay_server_answers_after_the_first_take_no_fresh_heap_pages()
    {
        using var server = await PublishedRunner.StartAsync("replay-server", "--warm-heap", "--port", "0", "--fixtures", Path.Combine(TestEnvironment.RepositoryRoot, "bench", "fixtures"));
        try
        {
            var endpoint = new Uri((await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1)))!);
            using var http = new HttpClient();
            await AssertAnswersTakeNoFreshPagesAsync(server, async _ =>
            {
                using var response = await http.SendAsync(ReplayServerTests.Ec2Request(endpoint, ReplayServerTests.DescribeInstance));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                await response.Content.ReadAsByteArrayAsync();
            });
        }
        finally
        {
            server.Kill();
            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
    }

    /// <summary>
    /// Fewer than one new page fault per answer over <see cref="Answers"/> answers, after a first one that pays for
    /// what is used once (clients, code pages).
    /// </summary>
    private static async Task AssertAnswersTakeNoFreshPagesAsync(Process host, Func<int, Task> answer)
    {
        await answer(0);
        var before = MinorFaults(host.Id);
        for (var id = 1; id <= Answers; id++)
        {
            await answer(id);
        }
        var perAnswer = (MinorFaults(host.Id) - before) / (double)Answers;
        Assert.True(perAnswer < 1, $"{perAnswer:F1} page faults per answer");
    }

    /// <summary>The process's minor page faults so far: field 10 of <c>/proc/PID/stat</c>, after the command name.</summary>
    private static long MinorFaults(int pid) =>
        long.Parse(File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[7], CultureInfo.InvariantCulture);
}
