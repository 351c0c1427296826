using System.Globalization;
using System.Text.Json.Nodes;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// Revokes a user's or role's temporary credentials the way the IAM console's "Revoke active sessions" does: an
/// inline policy denying every action to tokens issued before now (<c>aws:TokenIssueTime</c>). Stolen session
/// tokens die even after the access key that minted them is deactivated; requests signed with a long-term key carry
/// no token issue time and are left to the key's own status.
/// </summary>
public static class SessionRevocation
{
    public const string PolicyName = "AWSRevokeOlderSessions";

    public static async Task<JsonObject> RevokeAsync(IIamClient iam, string userName, CancellationToken cancellationToken)
    {
        // GetUser fails clearly for a missing user, and its Date header is AWS's own clock.
        var user = await iam.GetUserAsync(userName, cancellationToken).ConfigureAwait(false);
        var (cutoff, document) = DenyBefore(user);
        var put = await iam.PutUserPolicyAsync(userName, PolicyName, document.ToJsonString(), cancellationToken).ConfigureAwait(false);
        return new JsonObject
        {
            ["UserName"] = userName,
            ["PolicyName"] = PolicyName,
            ["RevokedBefore"] = cutoff,
            ["PolicyDocument"] = document,
            ["ResponseMetadata"] = put.ToJson(),
        };
    }

    public static string Describe(JsonObject revocation) =>
        $"Sessions of user {revocation["UserName"]} issued before {revocation["RevokedBefore"]} are revoked: inline policy {PolicyName} denies them every action";

    /// <summary>
    /// The revocation policy with its cut-off at the time <paramref name="awsAnswer"/> was answered, by AWS's clock
    /// (its Date header): a responder machine's skewed clock must not leave recent stolen sessions alive.
    /// </summary>
    public static (string Cutoff, JsonObject Document) DenyBefore(JsonObject awsAnswer)
    {
        var (cutoff, statement) = DenyStatement(awsAnswer, sid: null);
        return (cutoff, Document([statement]));
    }

    /// <summary>The statement of <see cref="DenyBefore"/>, named <paramref name="sid"/> when one is given.</summary>
    public static (string Cutoff, JsonObject Statement) DenyStatement(JsonObject awsAnswer, string? sid)
    {
        var cutoff = Text(AwsClock(awsAnswer));
        var statement = new JsonObject();
        if (sid is not null)
        {
            statement["Sid"] = sid;
        }
        statement["Effect"] = "Deny";
        statement["Action"] = new JsonArray("*");
        statement["Resource"] = new JsonArray("*");
        statement["Condition"] = new JsonObject { ["DateLessThan"] = new JsonObject { ["aws:TokenIssueTime"] = cutoff } };
        return (cutoff, statement);
    }

    public static JsonObject Document(IEnumerable<JsonObject> statements) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(statements.Select(s => (JsonNode)s.DeepClone()).ToArray()),
    };

    /// <summary>The latest cut-off of these revocation statements, or null when none has one.</summary>
    public static DateTimeOffset? RevokedBefore(IEnumerable<JsonObject> statements) =>
        statements
            .Select(s => s["Condition"]?["DateLessThan"]?["aws:TokenIssueTime"])
            .Select(t => t is JsonValue v && v.TryGetValue<string>(out var text)
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null)
            .Max();

    /// <summary>The statements of a policy as IAM answers it: IAM takes one statement or a list.</summary>
    public static IReadOnlyList<JsonObject> Statements(JsonObject? policy) => policy?["PolicyDocument"]?["Statement"] switch
    {
        JsonArray list => list.OfType<JsonObject>().ToList(),
        JsonObject one => [one],
        _ => [],
    };

    /// <summary>A cut-off as the policy writes it (UTC, whole seconds).</summary>
    public static string Text(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset AwsClock(JsonObject answer) =>
        answer["ResponseMetadata"]?["HTTPHeaders"]?["date"]?.GetValue<string>() is { } date
        && DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var aws)
            ? aws.ToUniversalTime()
            : DateTimeOffset.UtcNow;
}
