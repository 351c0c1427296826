using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AwsContainment.Connector.Aws.Transport;

/// <summary>
/// A signed request as the recording sees it: which service (from the SigV4 credential scope, since an
/// <c>endpoint_url</c> sends every service to one host), method, path, form or body. Never the Authorization
/// header, the session token or any other header.
/// </summary>
public static partial class WireRequest
{
    public static Exchange Capture(string method, string host, string pathAndQuery, string? authorization, string? target, string? contentType, string body)
    {
        var scope = authorization is null ? null : Scope().Match(authorization) is { Success: true } m ? m : null;
        var exchange = new Exchange
        {
            Method = method,
            Host = host,
            Path = pathAndQuery,
            SigningRegion = scope?.Groups["region"].Value,
            AccessKeyId = scope?.Groups["key"].Value,
        };
        var signingService = scope?.Groups["service"].Value;
        if (contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            exchange.Form = ParseForm(body);
        }
        else if (target is not null)
        {
            exchange.Target = target[(target.LastIndexOf('.') + 1)..];
            exchange.RequestBody = body;
        }
        else if (body.Length > 0)
        {
            exchange.RequestBody = body;
        }
        var version = exchange.Form?.GetValueOrDefault("Version");
        exchange.Form?.Remove("Version");
        exchange.Service = signingService switch
        {
            "elasticloadbalancing" => version == AwsService.ElbV2.ApiVersion ? "elbv2" : "elb",
            null => "unknown",
            var other => other,
        };
        return exchange;
    }

    /// <summary>
    /// Whether <paramref name="incoming"/> is the call <paramref name="recorded"/> answers. A <see cref="CreationToken"/>
    /// (or a ClientToken) is new on every run, so it matches any recorded token, but always the same one: <paramref name="tokens"/> holds
    /// which recorded token each run's token stands for, so a look-up must name the token its create was sent with.
    /// </summary>
    public static bool Matches(Exchange recorded, Exchange incoming, IDictionary<string, string>? tokens = null)
    {
        if (!string.Equals(recorded.Service, incoming.Service, StringComparison.Ordinal)
            || !string.Equals(recorded.Method, incoming.Method, StringComparison.OrdinalIgnoreCase)
            || !Pinned(recorded.Host, incoming.Host)
            || !Pinned(recorded.SigningRegion, incoming.SigningRegion)
            || !Pinned(recorded.AccessKeyId, incoming.AccessKeyId))
        {
            return false;
        }
        if (recorded.Form is not null)
        {
            var tokenKeys = TokenKeys(recorded.Form).ToHashSet(StringComparer.Ordinal);
            return incoming.Form is not null
                && recorded.Form.Count == incoming.Form.Count
                && recorded.Form.All(p => incoming.Form.TryGetValue(p.Key, out var value)
                    && (value == p.Value || (tokenKeys.Contains(p.Key) && (tokens?.TryGetValue(p.Value, out var bound) != true || bound == value))));
        }
        if (recorded.Target is not null && recorded.Target != incoming.Target)
        {
            return false;
        }
        if (recorded.Target is null && !string.Equals(Uri.UnescapeDataString(recorded.Path), Uri.UnescapeDataString(incoming.Path), StringComparison.Ordinal))
        {
            return false;
        }
        return recorded.RequestBody is null || SameBody(recorded.RequestBody, incoming.RequestBody ?? "");
    }

    /// <summary>A recording that names the host, signing region or signing key holds the request to it; most leave them open.</summary>
    private static bool Pinned(string? recorded, string? incoming) => recorded is null || string.Equals(recorded, incoming, StringComparison.OrdinalIgnoreCase);

    /// <summary>Remembers which run's token each recorded token of a matched exchange stands for.</summary>
    public static void BindTokens(Exchange recorded, Exchange incoming, IDictionary<string, string> tokens)
    {
        foreach (var key in recorded.Form is null ? [] : TokenKeys(recorded.Form))
        {
            tokens.TryAdd(recorded.Form![key], incoming.Form![key]);
        }
    }

    /// <summary>The form keys holding a token new on every run: a creation token (a tag's value, or a tag filter's value) or EC2's ClientToken.</summary>
    private static IEnumerable<string> TokenKeys(Dictionary<string, string> form)
    {
        foreach (var (key, value) in form)
        {
            if (key == "ClientToken")
            {
                yield return key;
            }
            else if (value == CreationToken.TagKey && key.EndsWith(".Key", StringComparison.Ordinal))
            {
                yield return key[..^"Key".Length] + "Value";
            }
            else if (value == "tag:" + CreationToken.TagKey && key.EndsWith(".Name", StringComparison.Ordinal))
            {
                yield return key[..^"Name".Length] + "Value.1";
            }
        }
    }

    private static bool SameBody(string recorded, string incoming)
    {
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(recorded), JsonNode.Parse(incoming));
        }
        catch (System.Text.Json.JsonException)
        {
            return recorded == incoming;
        }
    }

    private static Dictionary<string, string> ParseForm(string body)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=');
            var key = separator < 0 ? pair : pair[..separator];
            var value = separator < 0 ? "" : pair[(separator + 1)..];
            form[Decode(key)] = Decode(value);
        }
        return form;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    [GeneratedRegex(@"Credential=(?<key>[^/]+)/\d{8}/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request")]
    private static partial Regex Scope();
}
