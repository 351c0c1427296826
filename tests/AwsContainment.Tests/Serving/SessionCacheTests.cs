using System.Text.Json.Nodes;
using AwsContainment.Connector;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Aws.Transport;
using AwsContainment.Connector.Soar;
using Moq;

namespace AwsContainment.Tests.Serving;

/// <summary>
/// A long-lived host keeps one AWS session per asset, region and role, but not without end: a caller sending ever
/// new assets once grew serve by 54 MB per 3,000. Sessions whose credentials expired go first, then those used
/// longest ago.
/// </summary>
public sealed class SessionCacheTests
{
    private static Lazy<Task<string>> Opened(string value) => new(() => Task.FromResult(value));

    private static SessionCache<string> Cache(int capacity) => new(capacity, (value, _) => value.StartsWith("expired", StringComparison.Ordinal));

    [Fact]
    public async Task A_connector_keeps_at_most_its_bound_of_sessions_however_many_assets_it_is_sent()
    {
        var action = new Mock<IAwsAction<TestConnectivityParameters>>();
        action.Setup(a => a.RunAsync(It.IsAny<ActionContext>(), It.IsAny<TestConnectivityParameters>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        using var connector = new AwsConnector(AwsTransport.FromReplay(new ReplayBook([])), [CatalogAction.Of("tag_it", action.Object, TestConnectivityParameters.From)]);
        var rules = new ValueRules(_ => null, (_, _) => false);

        for (var i = 0; i < AwsConnector.MaxSessions + 50; i++)
        {
            var asset = new JsonObject { ["region"] = "us-east-1", ["forensics_machine"] = $"i-{i:x17}" };
            await connector.RunAsync("tag_it", asset, new ParameterSet([], rules), new ActionResult([]), CancellationToken.None);
        }

        action.Verify(a => a.RunAsync(It.IsAny<ActionContext>(), It.IsAny<TestConnectivityParameters>(), It.IsAny<CancellationToken>()), Times.Exactly(AwsConnector.MaxSessions + 50));
        Assert.Equal(AwsConnector.MaxSessions, connector.SessionCount);
    }

    [Fact]
    public async Task The_session_used_longest_ago_leaves_when_a_new_one_joins_a_full_cache()
    {
        var cache = Cache(3);
        foreach (var key in new[] { "a", "b", "c" })
        {
            await cache.GetOrAdd(key, () => Opened(key)).Value;
        }
        cache.GetOrAdd("a", () => Opened("a again"));

        await cache.GetOrAdd("d", () => Opened("d")).Value;

        Assert.Equal(3, cache.Count);
        Assert.Equal(["a", "c", "d"], cache.Opened.Order());
    }

    [Fact]
    public async Task Sessions_whose_credentials_expired_leave_before_any_other()
    {
        var cache = Cache(10);
        await cache.GetOrAdd("old role", () => Opened("expired role session")).Value;
        await cache.GetOrAdd("keys", () => Opened("keys session")).Value;

        await cache.GetOrAdd("new", () => Opened("new session")).Value;

        Assert.Equal(["keys session", "new session"], cache.Opened.Order());
    }

    [Fact]
    public async Task A_renewed_session_takes_the_place_of_the_stale_one_and_a_failed_one_is_forgotten()
    {
        var cache = Cache(10);
        var stale = cache.GetOrAdd("role", () => Opened("stale"));
        await stale.Value;

        var renewed = cache.Replace("role", stale, Opened("renewed"));
        var failed = cache.GetOrAdd("broken", () => new Lazy<Task<string>>(() => Task.FromException<string>(new TimeoutException())));
        await Assert.ThrowsAsync<TimeoutException>(() => failed.Value);
        cache.Remove("broken", failed);

        Assert.Same(renewed, cache.GetOrAdd("role", () => Opened("other")));
        Assert.Equal("fresh", await cache.GetOrAdd("broken", () => Opened("fresh")).Value);
    }
}
