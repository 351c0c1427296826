using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace AwsContainment.Tests.Foundation;

/// <summary>
/// Checks a request's AWS Signature Version 4 the way AWS does: the canonical request rebuilt from what arrived,
/// signed again with a secret key, must give the signature the request carries.
/// </summary>
internal static partial class SigV4Check
{
    public static bool SignedWith(SeenRequest request, string secretAccessKey)
    {
        var header = Authorization().Match(request.Authorization);
        if (!header.Success || !request.Headers.TryGetValue("x-amz-date", out var amzDate))
        {
            return false;
        }
        var (date, region, service) = (header.Groups["date"].Value, header.Groups["region"].Value, header.Groups["service"].Value);
        var signed = header.Groups["signed"].Value.Split(';');
        var path = request.PathAndQuery.Split('?', 2);
        var query = path.Length > 1 ? string.Join('&', path[1].Split('&').Order(StringComparer.Ordinal)) : "";
        var payload = request.Headers.GetValueOrDefault("x-amz-content-sha256") ?? Hex(SHA256.HashData(Encoding.UTF8.GetBytes(request.Body)));
        var canonical = string.Join('\n',
            request.Method, path[0], query,
            string.Concat(signed.Select(name => $"{name}:{Spaces().Replace(request.Headers.GetValueOrDefault(name, "").Trim(), " ")}\n")),
            string.Join(';', signed), payload);
        var scope = $"{date}/{region}/{service}/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = new[] { date, region, service, "aws4_request" }.Aggregate(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), (k, part) => HMACSHA256.HashData(k, Encoding.UTF8.GetBytes(part)));
        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign))) == header.Groups["signature"].Value;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=[^/]+/(?<date>\d{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request, ?SignedHeaders=(?<signed>[^,]+), ?Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex Authorization();

    [GeneratedRegex(" +")]
    private static partial Regex Spaces();
}
