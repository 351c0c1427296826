using System.Globalization;

namespace AwsContainment.Connector.Aws;

/// <summary>One token bucket: how many calls it holds, and how many tokens a second put back.</summary>
public readonly record struct BucketSize(double Capacity, double RefillPerSecond)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Capacity:0.##}/{RefillPerSecond:0.##}");
}

/// <summary>
/// The token buckets AWS throttles an account's calls with, per region, the governor's starting point and the replay
/// server's <c>--throttle</c>. EC2's figures are AWS's own: "Request throttling for the Amazon EC2 API"
/// (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html, "Request token bucket sizes and refill
/// rates"). EC2 keeps one bucket per API action ("each API is evaluated individually"), sized by the action's
/// category; the uncategorised actions the connector calls have their own sizes there. Other services publish no
/// figures (IAM and STS "cannot be raised", ELB and Auto Scaling per account and region): their rows are starting
/// guesses, which the governor corrects from throttling answers. docs/scale.md shows the table.
/// </summary>
public sealed class ThrottleTable
{
    public const string NonMutating = "non-mutating";
    public const string Unfiltered = "unfiltered-non-mutating";
    public const string Mutating = "mutating";
    public const string ResourceIntensive = "resource-intensive";

    private static readonly Dictionary<string, BucketSize> Ec2Categories = new(StringComparer.Ordinal)
    {
        [NonMutating] = new(100, 20),
        [Unfiltered] = new(50, 10),
        [Mutating] = new(50, 5),
        [ResourceIntensive] = new(50, 5),
    };

    // "Unfiltered and unpaginated non-mutating actions": asked with neither a filter nor pagination.
    private static readonly HashSet<string> UnfilteredActions = new(StringComparer.Ordinal)
    {
        "DescribeInstances", "DescribeInstanceStatus", "DescribeNetworkInterfaces", "DescribeSecurityGroups",
        "DescribeSnapshots", "DescribeSpotInstanceRequests", "DescribeVolumes",
    };

    private static readonly HashSet<string> ResourceIntensiveActions = new(StringComparer.Ordinal)
    {
        "AcceptVpcPeeringConnection", "AuthorizeSecurityGroupIngress", "CancelSpotInstanceRequests", "CreateKeyPair",
        "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection",
        "RevokeSecurityGroupIngress", "RequestSpotInstances",
    };

    // The "Uncategorized actions" of the page that the connector calls.
    private static readonly Dictionary<string, BucketSize> Ec2Uncategorized = new(StringComparer.Ordinal)
    {
        ["AssociateIamInstanceProfile"] = new(100, 5),
        ["CreateSnapshot"] = new(100, 5),
        ["CreateSnapshots"] = new(100, 5),
        ["CreateTags"] = new(100, 10),
        ["CreateVolume"] = new(100, 5),
        ["DeleteTags"] = new(100, 10),
        ["DisassociateIamInstanceProfile"] = new(100, 5),
        ["ModifyInstanceMetadataOptions"] = new(100, 5),
        ["ModifyNetworkInterfaceAttribute"] = new(100, 5),
        ["ModifySnapshotAttribute"] = new(100, 5),
    };

    // Not published: a start the governor moves from (see the class summary).
    private static readonly BucketSize UnpublishedGuess = new(50, 25);

    private readonly Dictionary<string, BucketSize> _overrides;
    private readonly BucketSize? _everyBucket;

    private ThrottleTable(Dictionary<string, BucketSize> overrides, bool publishedOnly, BucketSize? everyBucket = null)
    {
        _overrides = overrides;
        PublishedOnly = publishedOnly;
        _everyBucket = everyBucket;
    }

    /// <summary>Every bucket of every service the same size.</summary>
    public static ThrottleTable Uniform(BucketSize size) => new(new(StringComparer.Ordinal), publishedOnly: false, size);

    /// <summary>AWS's documented buckets, and the guesses for services that publish none.</summary>
    public static ThrottleTable Aws { get; } = new(new(StringComparer.Ordinal), publishedOnly: false);

    /// <summary>Whether only documented buckets (and named overrides) throttle: what the replay server imitates.</summary>
    public bool PublishedOnly { get; }

    /// <summary>The bucket a call draws from: its name (one per EC2 action) and size; null when nothing throttles it.</summary>
    public (string Name, BucketSize Size)? Bucket(string service, string action, bool filteredOrPaged)
    {
        var ec2 = service == "ec2";
        var category = !ec2 ? service
            : Ec2Uncategorized.ContainsKey(action) ? action
            : ResourceIntensiveActions.Contains(action) ? ResourceIntensive
            : !IsRead(action) ? Mutating
            : UnfilteredActions.Contains(action) && !filteredOrPaged ? Unfiltered
            : NonMutating;
        // EC2 keeps a bucket per action; elsewhere nothing is documented, so one per service is the cautious guess.
        var name = ec2 ? $"{action} ({category})" : service;
        if (_everyBucket is { } every)
        {
            return (name, every);
        }
        if (_overrides.TryGetValue(action, out var own) || _overrides.TryGetValue(category, out own) || _overrides.TryGetValue(service, out own))
        {
            return (name, own);
        }
        if (ec2)
        {
            return (name, Ec2Uncategorized.TryGetValue(action, out var size) ? size : Ec2Categories[category]);
        }
        return PublishedOnly ? null : (name, UnpublishedGuess);
    }

    private static bool IsRead(string action) =>
        action.StartsWith("Describe", StringComparison.Ordinal) || action.StartsWith("List", StringComparison.Ordinal)
        || action.StartsWith("Get", StringComparison.Ordinal) || action.StartsWith("Search", StringComparison.Ordinal);

    /// <summary>
    /// The replay server's <c>--throttle</c>: <c>aws</c> (EC2's documented buckets, nothing else throttled), then
    /// optional <c>,NAME=SIZE/REFILL</c> entries, NAME an EC2 category (non-mutating, unfiltered-non-mutating,
    /// mutating, resource-intensive), an action or a service (iam). A malformed one throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static ThrottleTable Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts[0] != "aws")
        {
            throw new InvalidDataException($"--throttle starts with 'aws' (AWS's documented buckets), then optional NAME=SIZE/REFILL entries, got '{text}'");
        }
        var overrides = new Dictionary<string, BucketSize>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1))
        {
            var (name, size) = part.Split('=') is [var n, var s] ? (n.Trim(), s.Split('/')) : ("", []);
            if (name.Length == 0 || size is not [var capacity, var refill]
                || !double.TryParse(capacity, NumberStyles.Float, CultureInfo.InvariantCulture, out var c) || c < 1 || c > 1e6
                || !double.TryParse(refill, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) || r <= 0 || r > 1e6)
            {
                throw new InvalidDataException($"--throttle entry '{part}' is not NAME=SIZE/REFILL with a size of at least 1 and a refill above 0 per second (mutating=50/5)");
            }
            overrides[name] = new BucketSize(c, r);
        }
        return new ThrottleTable(overrides, publishedOnly: true);
    }
}
