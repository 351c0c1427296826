using System.Text.RegularExpressions;

namespace AwsContainment.Connector.Aws.Transport;

/// <summary>
/// The exchanges a replay answers from. Each incoming request takes the first unused exchange that matches it, so
/// a throttled-then-answered call is two exchanges in order, and parameter sets may run in parallel.
/// A request nothing matches is noted and answered with an error naming it, so a wrong call fails loudly; except that
/// a recording whose last answer to a request is a throttle gives that throttle to every later attempt too: the
/// runner retries a throttled call for as long as its time allows, and the recording says AWS throttled it to the end.
/// </summary>
public sealed partial class ReplayBook
{
    private readonly List<Exchange> _exchanges;
    private readonly bool[] _used;
    private readonly List<string> _unexpected = [];
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public ReplayBook(IEnumerable<Exchange> exchanges)
    {
        _exchanges = exchanges.ToList();
        _used = new bool[_exchanges.Count];
    }

    /// <summary>Extra time before each answer, to stand in for the network in benchmarks.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>
    /// What an <c>interrupt</c> exchange does when its request arrives: cancels the run, as a timeout or a signal
    /// would while that call is in flight (the call is then answered as recorded).
    /// </summary>
    public Action? Interrupt { get; init; }

    /// <summary>When true, exchanges are never used up: the same recording answers any number of runs.</summary>
    public bool Reusable { get; init; }

    public IReadOnlyList<string> Unexpected
    {
        get { lock (_gate) return _unexpected.ToList(); }
    }

    public IReadOnlyList<Exchange> Unused
    {
        get { lock (_gate) return _exchanges.Where((_, i) => !_used[i]).ToList(); }
    }

    public Exchange? Take(Exchange incoming)
    {
        lock (_gate)
        {
            for (var i = 0; i < _exchanges.Count; i++)
            {
                if ((Reusable || !_used[i]) && WireRequest.Matches(_exchanges[i], incoming, Reusable ? null : _tokens))
                {
                    _used[i] = true;
                    if (!Reusable)
                    {
                        WireRequest.BindTokens(_exchanges[i], incoming, _tokens);
                    }
                    return _exchanges[i];
                }
            }
            var throttled = Enumerable.Range(0, _exchanges.Count).LastOrDefault(i => _used[i] && IsThrottle(_exchanges[i]) && WireRequest.Matches(_exchanges[i], incoming, _tokens), -1);
            if (throttled >= 0)
            {
                return _exchanges[throttled];
            }
            _unexpected.Add(incoming.Describe());
            return null;
        }
    }

    private static bool IsThrottle(Exchange exchange) =>
        exchange.Status >= 400 && ErrorCode().Match(exchange.Body) is { Success: true } code && AwsErrors.IsThrottlingCode(code.Groups["code"].Value);

    [GeneratedRegex(@"<Code>(?<code>[^<]+)</Code>|""__type""\s*:\s*""(?:[^""#]*#)?(?<code>[^""]+)""")]
    private static partial Regex ErrorCode();

    /// <summary>The error AWS-shaped answer for a request the recording does not hold.</summary>
    public static Exchange Mismatch(Exchange incoming) => new()
    {
        Service = incoming.Service,
        Status = 400,
        Headers = new() { ["content-type"] = "text/xml;charset=UTF-8" },
        Body = "<ErrorResponse><Error><Type>Sender</Type><Code>ReplayMismatch</Code><Message>"
            + System.Security.SecurityElement.Escape($"the recording holds no answer for {incoming.Describe()}")
            + "</Message></Error><RequestId>replay</RequestId></ErrorResponse>",
    };
}
