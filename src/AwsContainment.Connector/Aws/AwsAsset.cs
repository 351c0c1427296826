using System.Text.Json.Nodes;

namespace AwsContainment.Connector.Aws;

/// <summary>
/// The asset configuration (DESIGN.md, Asset configuration), already checked by the host against app.json.
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
    string? CrossAccountRoleName = null)
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
            Text("cross_account_role_name"));
    }

    /// <summary>The asset in <paramref name="region"/> (a parameter set's override), or as it is when none is given.</summary>
    public AwsAsset In(string? region) => region is null ? this : this with { Region = region };

    /// <summary>Whether the asset gives static keys, so the SDK's credential chain and profile files are never consulted.</summary>
    public bool HasKeys => AccessKeyId is not null && SecretAccessKey is not null;

    /// <summary>The values that must never be printed or recorded.</summary>
    public IEnumerable<string?> Secrets => [SecretAccessKey, SessionToken];

    public override string ToString() => $"AwsAsset {{ Region = {Region}, AccessKeyId = {AccessKeyId}, RoleArn = {RoleArn} }}";
}

/// <summary>An asset that cannot be used (a key without its secret, say): fails every parameter set with this.</summary>
public sealed class ActionConfigurationException(string message) : Exception(message);
