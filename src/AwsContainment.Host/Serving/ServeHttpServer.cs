using System.Security.Cryptography;
using System.Text;
using AwsContainment.Host.Results;

namespace AwsContainment.Host.Serving;

/// <summary>
/// <c>runner serve --http</c>: the same requests as the JSON-lines host, one per <c>POST /</c> on 127.0.0.1, each
/// answered with its result envelope. Every request must carry <c>Authorization: Bearer TOKEN</c>; anything else
/// on the machine that can reach the port still cannot run actions.
/// </summary>
public sealed class ServeHttpServer(ServeHost host, string token) : LoopbackServer
{
    private static readonly KeyValuePair<string, string>[] Json = [KeyValuePair.Create("content-type", "application/json")];
    private readonly byte[] _expected = Encoding.UTF8.GetBytes("Bearer " + token);

    protected override async Task<bool> AnswerAsync(LoopbackHttpConnection connection, HttpRequestData request, long number, CancellationToken cancellationToken)
    {
        var (status, reply) = request switch
        {
            _ when !Authorized(request.Header("Authorization")) => (401, ServeHost.Error(2, "missing or wrong bearer token: send Authorization: Bearer TOKEN")),
            { Method: not "POST" } => (405, ServeHost.Error(2, $"POST a request to / ({request.Method} is not served)")),
            _ => (200, await host.ReplyAsync(request.Body, "the request body", cancellationToken).ConfigureAwait(false)),
        };
        var headers = status == 401 ? Json.Append(KeyValuePair.Create("www-authenticate", "Bearer")) : Json;
        await connection.WriteResponseAsync(status, headers, ResultEnvelope.Print(reply, indented: false), chunked: false, request.KeepAlive, cancellationToken).ConfigureAwait(false);
        return true;
    }

    // Compared in constant time, so the token cannot be guessed byte by byte from response times.
    private bool Authorized(string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header), _expected);
}
