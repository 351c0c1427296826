using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Aws.Transport;
using AwsContainment.Connector.Soar;
using AwsContainment.Host;
using AwsContainment.Host.Contract;
using Moq;

namespace AwsContainment.Tests.Foundation;

/// <summary>The runner's dispatch around handlers: what reaches the connector, and how failures become results.</summary>
public sealed class DispatchTests
{
    private static readonly AppContract Contract = AppContract.Parse("""
        {"actions":[{"action":"tag it","identifier":"tag_it","parameters":{
          "instance":{"data_type":"string","required":true,"pattern":"^i-[0-9a-f]{8}$","pattern_description":"an instance id"}}}]}
        """);

    private static readonly JsonObject Asset = new() { ["region"] = "us-east-1" };

    private static Mock<IConnector> Connector(Func<ParameterSet, ActionResult, CancellationToken, Task> run)
    {
        var connector = new Mock<IConnector>();
        connector.SetupGet(c => c.ActionIdentifiers).Returns(["tag_it"]);
        connector.Setup(c => c.RunAsync("tag_it", It.IsAny<JsonObject>(), It.IsAny<ParameterSet>(), It.IsAny<ActionResult>(), It.IsAny<CancellationToken>()))
            .Returns((string _, JsonObject _, ParameterSet p, ActionResult r, CancellationToken ct) => run(p, r, ct));
        return connector;
    }

    private static Task<RunOutcome> Run(Mock<IConnector> connector, RunOptions options, CancellationToken cancellationToken, params string[] instances) =>
        new ActionRunner(Contract, connector.Object).RunAsync(
            Contract.Find("tag_it")!,
            instances.Select(i => (JsonNode?)new JsonObject { ["instance"] = i }).ToList(),
            Asset,
            options,
            cancellationToken);

    [Fact]
    public async Task An_invalid_set_never_reaches_the_connector_and_the_others_still_run()
    {
        var connector = Connector((p, r, _) => { r.Succeed("tagged " + p.String("instance")); return Task.CompletedTask; });

        var outcome = await Run(connector, new RunOptions(), CancellationToken.None, "i-0000000a", "i-xyz", "i-0000000b");

        Assert.Equal(1, outcome.ExitCode);
        connector.Verify(c => c.RunAsync("tag_it", It.IsAny<JsonObject>(), It.Is<ParameterSet>(p => p.String("instance") == "i-xyz"), It.IsAny<ActionResult>(), It.IsAny<CancellationToken>()), Times.Never);
        var messages = outcome.Envelope["action_results"]!.AsArray().Select(r => (string?)r!["message"]).ToList();
        Assert.Equal(["tagged i-0000000a", "Invalid parameters, nothing was sent to AWS: parameter 'instance': \"i-xyz\" is not an instance id", "tagged i-0000000b"], messages);
    }

    [Fact]
    public async Task Parallel_sets_keep_input_order()
    {
        var connector = Connector(async (p, r, ct) =>
        {
            // The first set finishes last.
            await Task.Delay(p.String("instance") == "i-00000001" ? 200 : 10, ct);
            r.Succeed(p.String("instance"));
        });
        var instances = Enumerable.Range(1, 12).Select(i => $"i-{i:x8}").ToArray();

        var outcome = await Run(connector, new RunOptions(MaxParallel: 8), CancellationToken.None, instances);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(instances, outcome.Envelope["action_results"]!.AsArray().Select(r => (string?)r!["message"]));
    }

    [Fact]
    public async Task A_set_over_its_timeout_fails_alone_with_a_clear_message()
    {
        var connector = Connector(async (p, r, ct) =>
        {
            if (p.String("instance") == "i-0000000f")
            {
                try { await Task.Delay(Timeout.Infinite, ct); }
                catch (OperationCanceledException) { r.Fail("cancelled"); return; }
            }
            r.Succeed("done");
        });

        var outcome = await Run(connector, new RunOptions(PerSetTimeout: TimeSpan.FromMilliseconds(100)), CancellationToken.None, "i-0000000a", "i-0000000f");

        var results = outcome.Envelope["action_results"]!.AsArray();
        Assert.Equal("done", (string?)results[0]!["message"]);
        Assert.Equal("Timed out after 0.1 s; AWS may have applied part of the action", (string?)results[1]!["message"]);
    }

    [Fact]
    public async Task Cancelling_still_gives_a_complete_envelope()
    {
        using var cancel = new CancellationTokenSource();
        var connector = Connector((p, r, _) =>
        {
            cancel.Cancel(); // Ctrl-C arrives while the first set runs
            r.Succeed("done");
            return Task.CompletedTask;
        });

        var outcome = await Run(connector, new RunOptions(MaxParallel: 1), cancel.Token, "i-0000000a", "i-0000000b", "i-0000000c");

        var results = outcome.Envelope["action_results"]!.AsArray();
        Assert.Equal(3, results.Count);
        Assert.Equal("success", (string?)results[0]!["status"]);
        Assert.All(results.Skip(1), r => Assert.Equal("Cancelled before it started; nothing was sent to AWS", (string?)r!["message"]));
        Assert.Equal(1, outcome.ExitCode);
    }

    private static readonly ValueRules NoRules = new(_ => null, (_, _) => false);

    public static TheoryData<Exception, string> Failures() => new()
    {
        { new DirectoryNotFoundException("Could not find a part of the path '/no/such/folder/journal.json'."),
            "A local file could not be used: Could not find a part of the path '/no/such/folder/journal.json'; AWS may have applied part of the action" },
        { new ActionFailedException("i-0abc is in group web-asg, not api-asg; nothing was detached"), "i-0abc is in group web-asg, not api-asg; nothing was detached" },
        { new AmazonServiceException("You are not authorized to perform this operation.", null, ErrorType.Sender, "UnauthorizedOperation", "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE", HttpStatusCode.Forbidden),
            "UnauthorizedOperation: You are not authorized to perform this operation (request id 7a62c49f-347e-4fc4-9331-6e8eEXAMPLE)" },
        { new HttpRequestException("Connection refused (127.0.0.1:1)"), "Could not reach AWS: Connection refused (127.0.0.1:1)" },
        { new InvalidOperationException("Sequence contains no elements"), "Internal error in 'tag_it' (InvalidOperationException: Sequence contains no elements); AWS may have applied part of the action" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Every_failure_of_a_handler_becomes_one_sentence(Exception failure, string message)
    {
        var action = new Mock<IAwsAction<TestConnectivityParameters>>();
        action.Setup(a => a.RunAsync(It.IsAny<ActionContext>(), It.IsAny<TestConnectivityParameters>(), It.IsAny<CancellationToken>())).ThrowsAsync(failure);
        using var connector = new AwsConnector(AwsTransport.FromReplay(new ReplayBook([])), [CatalogAction.Of("tag_it", action.Object, TestConnectivityParameters.From)]);
        var result = new ActionResult([]);

        await connector.RunAsync("tag_it", Asset, new ParameterSet([], NoRules), result, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(message, result.Message);
    }

    [Fact]
    public async Task One_session_serves_every_set_of_the_same_asset()
    {
        var sessions = new List<AwsSession>();
        var action = new Mock<IAwsAction<TestConnectivityParameters>>();
        action.Setup(a => a.RunAsync(It.IsAny<ActionContext>(), It.IsAny<TestConnectivityParameters>(), It.IsAny<CancellationToken>()))
            .Callback((ActionContext c, TestConnectivityParameters _, CancellationToken _) => { lock (sessions) sessions.Add(c.Aws); })
            .Returns(Task.CompletedTask);
        using var connector = new AwsConnector(AwsTransport.FromReplay(new ReplayBook([])), [CatalogAction.Of("tag_it", action.Object, TestConnectivityParameters.From)]);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => connector.RunAsync("tag_it", Asset, new ParameterSet([], NoRules), new ActionResult([]), CancellationToken.None)));
        await connector.RunAsync("tag_it", new JsonObject { ["region"] = "eu-west-1" }, new ParameterSet([], NoRules), new ActionResult([]), CancellationToken.None);

        Assert.Equal(5, sessions.Count);
        Assert.Single(sessions.Take(4).Distinct());
        Assert.NotSame(sessions[0], sessions[4]);
        Assert.Same(sessions[0].Caller(AwsService.Ec2), sessions[1].Caller(AwsService.Ec2));
    }
}
