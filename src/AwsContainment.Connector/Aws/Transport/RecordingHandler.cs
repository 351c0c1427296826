using System.Text.RegularExpressions;

namespace AwsContainment.Connector.Aws.Transport;

/// <summary>
/// Passes requests to the network and keeps each exchange for <c>--record</c>. What it keeps is redacted: no
/// headers of the request at all (so no Authorization or session token), and secret keys and session tokens in
/// answers (AssumeRole, CreateAccessKey) or anywhere the asset's own secrets appear are replaced.
/// </summary>
public sealed partial class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly HashSet<string> _secrets = [];
    private readonly List<Exchange> _exchanges = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<Exchange> Exchanges
    {
        get { lock (_gate) return _exchanges.ToList(); }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var exchange = await HttpCapture.RequestAsync(request, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        exchange.Status = (int)response.StatusCode;
        exchange.Headers = HttpCapture.RawHeaders(response);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        exchange.Body = Redact(body);
        if (exchange.Form is not null)
        {
            exchange.Form = exchange.Form.ToDictionary(p => p.Key, p => Redact(p.Value));
        }
        exchange.RequestBody = exchange.RequestBody is null ? null : Redact(exchange.RequestBody);
        lock (_gate)
        {
            _exchanges.Add(exchange);
        }
        // The SDK needs the real answer (AssumeRole's credentials); only the kept copy is redacted.
        return HttpCapture.ToResponse(new Exchange { Status = exchange.Status, Headers = exchange.Headers, Body = body }, request);
    }

    /// <summary>A value that must never be written: the asset's secret key or session token.</summary>
    public void AddSecret(string? secret)
    {
        if (!string.IsNullOrEmpty(secret))
        {
            lock (_gate) _secrets.Add(secret);
        }
    }

    public string Redact(string text)
    {
        text = SecretElement().Replace(text, "<$1>REDACTED</$1>");
        text = SecretField().Replace(text, "\"$1\":\"REDACTED\"");
        string[] secrets;
        lock (_gate) secrets = _secrets.ToArray();
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, "REDACTED", StringComparison.Ordinal);
        }
        return text;
    }

    [GeneratedRegex(@"<(SecretAccessKey|SessionToken)>[^<]*</\1>")]
    private static partial Regex SecretElement();

    [GeneratedRegex("\"(SecretAccessKey|SessionToken|secretAccessKey|sessionToken)\"\\s*:\\s*\"[^\"]*\"")]
    private static partial Regex SecretField();
}
