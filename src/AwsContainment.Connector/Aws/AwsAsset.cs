using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws.Transport;

namespace AwsContainment.Connector.Aws;

/// <summary>
/// The asset configuration, already checked by the host against app.json.
/// Without keys the SDK's default credential chain is used; with <c>role_arn</c> that role is assumed first.
/// </summary>
public sealed record AwsAsset(
    string Region,
    string? AccessKeyId,
    string? SecretAccessKey,
    string? SessionToken,
    string? RoleArn,
    string? ExternalId,
    string? RoleSessionName,
    string? ForensicsMachine,
    Uri? EndpointUrl,
    string? CrossAccountRoleName = null,
    IReadOnlySet<string>? CrossAccountAllowedAccounts = null,
    string? CrossAccountExternalId = null)
{
    public static AwsAsset FromJson(JsonObject asset)
    {
        string? Text(string name) => asset[name] is JsonValue value && value.ToString() is { Length: > 0 } text ? text : null;
        var endpoint = Text("endpoint_url");
        return new AwsAsset(
            Text("region") ?? throw new ActionConfigurationException("the asset names no region"),
            Text("aws_access_key_id"),
            Text("aws_secret_access_key"),
            Text("aws_session_token"),
            Text("role_arn"),
            Text("external_id"),
            Text("role_session_name"),
            Text("forensics_machine"),
            endpoint is null ? null : new Uri(endpoint, UriKind.Absolute),
            Text("cross_account_role_name"),
            (Text("cross_account_allowed_accounts") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal),
            Text("cross_account_external_id"));
    }

    /// <summary>
    /// Whether <c>cross_account_role_name</c> may be assumed in <paramref name="account"/>: only in an account the
    /// asset lists, since the account comes from the key being contained, which whoever planted it chose.
    /// </summary>
    public bool AllowsCrossAccount(string account) => CrossAccountAllowedAccounts?.Contains(account) == true;

    /// <summary>The asset in <paramref name="region"/> (a parameter set's override), or as it is when none is given.</summary>
    public AwsAsset In(string? region) => region is null ? this : this with { Region = region };

    /// <summary>Whether the asset gives static keys, so the SDK's credential chain and profile files are never consulted.</summary>
    public bool HasKeys => AccessKeyId is not null && SecretAccessKey is not null;

    /// <summary>The values that must never be printed or recorded.</summary>
    public IEnumerable<string?> Secrets => [SecretAccessKey, SessionToken];

    /// <summary>
    /// Why the runner must not send requests, signed and with their credentials, to <paramref name="endpointUrl"/>;
    /// null when it may. Allowed: https anywhere, plain http only to this machine (127.0.0.0/8, ::1, localhost), as
    /// the replay server and emulators are. Refused everywhere: other schemes, link-local addresses
    /// (169.254.0.0/16, fe80::/10) and the cloud metadata services, which hand out the host's own credentials.
    /// </summary>
    public static string? EndpointRefusal(string endpointUrl)
    {
        if (!Uri.TryCreate(endpointUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
        {
            return "is not an http(s) URL";
        }
        if (IPAddress.TryParse(uri.DnsSafeHost, out var address))
        {
            if (IsLinkLocalOrMetadata(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address))
            {
                return "is a link-local or cloud metadata address: the runner never sends requests there";
            }
        }
        else if (MetadataHostNames.Contains(uri.IdnHost.TrimEnd('.').ToLowerInvariant()))
        {
            return "is a cloud metadata service: the runner never sends requests there";
        }
        return uri.Scheme == "http" && !ThisMachine.Is(uri)
            ? "uses plain http to another machine: use https (http only to this machine: 127.0.0.0/8, ::1, localhost)"
            : null;
    }

    private static readonly HashSet<string> MetadataHostNames = ["metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal"];

    private static bool IsLinkLocalOrMetadata(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => address.GetAddressBytes() is [169, 254, _, _] or [100, 100, 100, 200],
        _ => address.IsIPv6LinkLocal || address.Equals(AwsIpv6Metadata),
    };

    // EC2's instance metadata service over IPv6 (Alibaba's IPv4 one, 100.100.100.200, is above).
    private static readonly IPAddress AwsIpv6Metadata = IPAddress.Parse("fd00:ec2::254");

    /// <summary>The account of <see cref="RoleArn"/> (its fifth field), the account the runner acts in through it.</summary>
    public string? RoleAccount => RoleArn?.Split(':').ElementAtOrDefault(4);

    public override string ToString() => $"AwsAsset {{ Region = {Region}, AccessKeyId = {AccessKeyId}, RoleArn = {RoleArn} }}";
}

/// <summary>An asset that cannot be used (a key without its secret, say): fails every parameter set with this.</summary>
public sealed class ActionConfigurationException(string message) : Exception(message);
