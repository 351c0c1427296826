using System.Text.Json.Nodes;

namespace AwsContainment.Connector.S3;

/// <summary>
/// The playbook's S3 bucket containment statement: deny every S3 action on the bucket and its objects to every
/// principal but one (the forensics or break-glass role), without needing the root user to get back in.
/// </summary>
public static class BucketContainment
{
    public const string Sid = "BucketPolicyForContainment";

    /// <summary>The statement, with single values as strings, the way S3 hands a stored policy back.</summary>
    public static JsonObject Statement(string partition, string bucket, string allowedPrincipalArn) => new()
    {
        ["Sid"] = Sid,
        ["Effect"] = "Deny",
        ["Principal"] = "*",
        ["Action"] = "s3:*",
        ["Resource"] = new JsonArray($"arn:{partition}:s3:::{bucket}", $"arn:{partition}:s3:::{bucket}/*"),
        ["Condition"] = new JsonObject { ["StringNotLike"] = new JsonObject { ["aws:PrincipalArn"] = allowedPrincipalArn } },
    };

    /// <summary>Whether the policy already holds exactly this statement: then containing again changes nothing.</summary>
    public static bool Holds(JsonObject? policy, JsonObject statement) => Statements(policy).Any(s => JsonNode.DeepEquals(s, statement));

    /// <summary>
    /// The policy with this statement in place of any earlier containment statement. The bucket's other statements
    /// stay (an explicit deny overrides them), so the policy keeps its previous state and undoing means removing one Sid.
    /// </summary>
    public static JsonObject Merge(JsonObject? policy, JsonObject statement)
    {
        var kept = Own(policy).Select(s => s.DeepClone());
        return new JsonObject
        {
            ["Version"] = policy?["Version"]?.DeepClone() ?? "2012-10-17",
            ["Id"] = policy?["Id"]?.DeepClone(),
            ["Statement"] = new JsonArray([.. kept, statement.DeepClone()]),
        }.WithoutNulls();
    }

    /// <summary>Whether the policy holds a containment statement (this action's Sid), whatever its principal.</summary>
    public static bool IsContained(JsonObject? policy) => Statements(policy).Any(s => (string?)s["Sid"] == Sid);

    /// <summary>The policy without its containment statement: what it was before containment; null when nothing else is left.</summary>
    public static JsonObject? Without(JsonObject policy)
    {
        var kept = Own(policy).Select(s => s.DeepClone()).ToArray();
        if (kept.Length == 0)
        {
            return null;
        }
        var rest = (JsonObject)policy.DeepClone();
        rest["Statement"] = new JsonArray(kept);
        return rest;
    }

    /// <summary>Whether two policies (either possibly none) hold the same statements, a lone statement counting as a list of one.</summary>
    public static bool SameStatements(JsonObject? one, JsonObject? other) => Same(Statements(one), Statements(other));

    /// <summary>The policy's containment statement, or null when it holds none.</summary>
    public static JsonObject? StatementOf(JsonObject? policy) => Statements(policy).FirstOrDefault(s => (string?)s["Sid"] == Sid);

    /// <summary>
    /// Whether <paramref name="policy"/> is <paramref name="before"/> contained: the same statements of the bucket's
    /// own and a containment statement, <paramref name="statement"/> itself when it is known.
    /// </summary>
    public static bool IsContainmentOf(JsonObject? policy, JsonObject? before, JsonObject? statement) =>
        IsContained(policy) && (statement is null || Holds(policy, statement)) && Same(Own(policy), Own(before));

    /// <summary>A policy as messages describe it: "no bucket policy", "a policy of 2 statements", "a policy of the containment statement and 1 other statement".</summary>
    public static string Describe(JsonObject? policy) => (policy, IsContained(policy), OtherStatements(policy)) switch
    {
        (null, _, _) => "no bucket policy",
        (_, true, 0) => "a policy of only the containment statement",
        (_, true, var others) => $"a policy of the containment statement and {Wording.Count(others, "other statement")}",
        (_, false, var others) => $"a policy of {Wording.Count(others, "statement")}",
    };

    /// <summary>How many of the policy's statements are the bucket's own (not the containment statement).</summary>
    public static int OtherStatements(JsonObject? policy) => Own(policy).Count();

    private static IEnumerable<JsonObject> Own(JsonObject? policy) => Statements(policy).Where(s => (string?)s["Sid"] != Sid);

    private static bool Same(IEnumerable<JsonObject> one, IEnumerable<JsonObject> other) =>
        one.Count() == other.Count() && one.Zip(other).All(pair => JsonNode.DeepEquals(pair.First, pair.Second));

    // A policy's Statement is a list, or a single object when it has one.
    private static IEnumerable<JsonObject> Statements(JsonObject? policy) => policy?["Statement"] switch
    {
        JsonArray list => list.OfType<JsonObject>(),
        JsonObject one => [one],
        _ => [],
    };

    private static JsonObject WithoutNulls(this JsonObject node)
    {
        foreach (var name in node.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            node.Remove(name);
        }
        return node;
    }
}
