using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector.Aws;

namespace AwsContainment.Connector.Iam;

/// <summary>Items of an IAM listing in AWS's order, and whether IAM holds more than were asked for.</summary>
public sealed record IamListing(IReadOnlyList<JsonNode> Items, bool HasMore);

/// <summary>How the IAM calls are made: listings page by page, single entities with their metadata, creates once.</summary>
public sealed partial class IamClient
{
    /// <summary>IAM's largest page (<c>MaxItems</c>).</summary>
    private const int PageLimit = 1000;

    /// <summary>
    /// Lists up to <paramref name="maxItems"/> entries of <paramref name="listName"/>, asking each page for what is
    /// still missing and following <c>Marker</c> until IAM has no more or enough were read.
    /// </summary>
    private async Task<IamListing> ListAsync(string action, string listName, int maxItems, Action<QueryParameters> filter, CancellationToken cancellationToken)
    {
        var items = new List<JsonNode>();
        var hasMore = false;
        await foreach (var page in _caller.PagesAsync(action, p => filter(p.Add("MaxItems", Math.Min(maxItems - items.Count, PageLimit))), "Marker", "Marker", cancellationToken).ConfigureAwait(false))
        {
            items.AddRange(Items(page, listName));
            hasMore = (bool?)page.Body["IsTruncated"] == true;
            if (items.Count >= maxItems)
            {
                // A server that ignores MaxItems (an emulator, a proxy) answers more than asked: never return more.
                hasMore |= items.Count > maxItems;
                items.RemoveRange(maxItems, items.Count - maxItems);
                break;
            }
        }
        return new IamListing(items, hasMore);
    }

    /// <summary>Every entry of <paramref name="listName"/>, page after page.</summary>
    private Task<IamListing> ListAllAsync(string action, string listName, Action<QueryParameters> filter, CancellationToken cancellationToken) =>
        ListAsync(action, listName, int.MaxValue, filter, cancellationToken);

    /// <summary>Calls <paramref name="action"/> and returns <paramref name="element"/> of its answer with <c>ResponseMetadata</c>.</summary>
    private async Task<JsonObject> EntityAsync(string action, string element, Action<QueryParameters> fill, CancellationToken cancellationToken)
    {
        var reply = await CallAsync(action, fill, cancellationToken).ConfigureAwait(false);
        var entity = reply.Body[element]?.DeepClone() as JsonObject ?? [];
        entity["ResponseMetadata"] = reply.Metadata.ToJson();
        return entity;
    }

    /// <summary>The entries of an answer's list as boto3 shows them, each its own copy.</summary>
    private static IEnumerable<JsonNode> Items(AwsReply reply, string listName) =>
        (reply.Body[listName] as JsonArray ?? []).OfType<JsonNode>().Select(item => item.DeepClone());

    private Task<AwsReply> CallAsync(string action, Action<QueryParameters> fill, CancellationToken cancellationToken)
    {
        var parameters = _caller.NewParameters();
        fill(parameters);
        return _caller.CallAsync(action, parameters, cancellationToken);
    }

    /// <summary>
    /// A create that Core retried after a 5xx can meet the entity its own first attempt made; then the entity is read
    /// back instead of reporting it as pre-existing. An <c>EntityAlreadyExists</c> on a first attempt stands, and so
    /// does one whose entity cannot be read back.
    /// </summary>
    private static async Task<JsonObject> CreateOnceAsync(Func<Task<JsonObject>> create, Func<Task<JsonObject?>> readBack)
    {
        try
        {
            return await create().ConfigureAwait(false);
        }
        catch (AmazonServiceException error) when (error.ErrorCode == IamErrorCodes.EntityAlreadyExists && AwsErrors.WasRepeated(error))
        {
            var existing = await readBack().ConfigureAwait(false);
            if (existing is null)
            {
                throw;
            }
            return existing;
        }
    }
}

/// <summary>The IAM error codes the response actions word in their own sentences.</summary>
public static class IamErrorCodes
{
    public const string EntityAlreadyExists = "EntityAlreadyExists";
    public const string NoSuchEntity = "NoSuchEntity";
    public const string LimitExceeded = "LimitExceeded";
    public const string MalformedPolicyDocument = "MalformedPolicyDocument";
}
