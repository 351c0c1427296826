using System.Net;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AwsContainment.Connector.Aws;

namespace AwsContainment.Connector.S3;

/// <summary>The S3 bucket calls containment makes, over the official AWSSDK.S3 client, behind one interface.</summary>
public interface IBucketClient
{
    /// <summary>The bucket's policy document, or a null policy when the bucket has none.</summary>
    Task<BucketPolicy> GetPolicyAsync(string bucket, CancellationToken cancellationToken);

    /// <summary>Replaces the bucket policy; returns the answer's <c>ResponseMetadata</c>.</summary>
    Task<JsonObject> PutPolicyAsync(string bucket, string policy, CancellationToken cancellationToken);

    /// <summary>The bucket's public access block settings, or null when it has none.</summary>
    Task<JsonObject?> GetPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken);

    /// <summary>Sets the four public access block settings (<c>BlockPublicAcls</c>, …, each true or false); returns the answer's <c>ResponseMetadata</c>.</summary>
    Task<JsonObject> PutPublicAccessBlockAsync(string bucket, JsonObject settings, CancellationToken cancellationToken);

    /// <summary>Removes the bucket policy; returns the answer's <c>ResponseMetadata</c>.</summary>
    Task<JsonObject> DeletePolicyAsync(string bucket, CancellationToken cancellationToken);

    /// <summary>Removes the bucket's public access block settings; returns the answer's <c>ResponseMetadata</c>.</summary>
    Task<JsonObject> DeletePublicAccessBlockAsync(string bucket, CancellationToken cancellationToken);
}

/// <summary>
/// A bucket policy as S3 returned it (null when there is none): <paramref name="Text"/> is the JSON string boto3
/// shows as <c>Policy</c>, <see cref="Document"/> the same parsed; and the answer's metadata.
/// </summary>
public sealed record BucketPolicy(string? Text, JsonObject? Metadata)
{
    public JsonObject? Document { get; } = string.IsNullOrWhiteSpace(Text) ? null : JsonNode.Parse(Text) as JsonObject;
}

public sealed class BucketClient(IAmazonS3 s3) : IBucketClient
{
    public async Task<BucketPolicy> GetPolicyAsync(string bucket, CancellationToken cancellationToken)
    {
        var answer = await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);
        if (answer.HttpStatusCode == HttpStatusCode.NotFound)
        {
            // The SDK suppresses GetBucketPolicy's 404s and hands back S3's error document as the "policy":
            // no policy is an answer, no bucket is an error.
            var error = NotFound(answer.Policy ?? "");
            return error.ErrorCode == "NoSuchBucketPolicy" ? new BucketPolicy(null, null) : throw error;
        }
        return new BucketPolicy(string.IsNullOrWhiteSpace(answer.Policy) ? null : answer.Policy, AwsResponseMetadata.Of(answer).ToJson());
    }

    public async Task<JsonObject> PutPolicyAsync(string bucket, string policy, CancellationToken cancellationToken)
    {
        var answer = await s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = policy }, cancellationToken).ConfigureAwait(false);
        return AwsResponseMetadata.Of(answer).ToJson();
    }

    public async Task<JsonObject?> GetPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);
            var block = answer.PublicAccessBlockConfiguration;
            return block is null ? null : new JsonObject
            {
                ["BlockPublicAcls"] = block.BlockPublicAcls ?? false,
                ["IgnorePublicAcls"] = block.IgnorePublicAcls ?? false,
                ["BlockPublicPolicy"] = block.BlockPublicPolicy ?? false,
                ["RestrictPublicBuckets"] = block.RestrictPublicBuckets ?? false,
            };
        }
        catch (AmazonServiceException none) when (none.ErrorCode == "NoSuchPublicAccessBlockConfiguration")
        {
            return null;
        }
    }

    public async Task<JsonObject> PutPublicAccessBlockAsync(string bucket, JsonObject settings, CancellationToken cancellationToken)
    {
        bool Setting(string name) => (bool?)settings[name] ?? false;
        var answer = await s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
        {
            BucketName = bucket,
            PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
            {
                BlockPublicAcls = Setting("BlockPublicAcls"),
                IgnorePublicAcls = Setting("IgnorePublicAcls"),
                BlockPublicPolicy = Setting("BlockPublicPolicy"),
                RestrictPublicBuckets = Setting("RestrictPublicBuckets"),
            },
        }, cancellationToken).ConfigureAwait(false);
        return AwsResponseMetadata.Of(answer).ToJson();
    }

    public async Task<JsonObject> DeletePolicyAsync(string bucket, CancellationToken cancellationToken) =>
        AwsResponseMetadata.Of(await s3.DeleteBucketPolicyAsync(new DeleteBucketPolicyRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false)).ToJson();

    public async Task<JsonObject> DeletePublicAccessBlockAsync(string bucket, CancellationToken cancellationToken) =>
        AwsResponseMetadata.Of(await s3.DeletePublicAccessBlockAsync(new DeletePublicAccessBlockRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false)).ToJson();

    private static AmazonS3Exception NotFound(string errorDocument)
    {
        string? Field(XElement? root, string name) => root?.Element(name)?.Value;
        XElement? root = null;
        try
        {
            root = XDocument.Parse(errorDocument).Root;
        }
        catch (XmlException)
        {
            // Not S3's error document: the code and message below say so.
        }
        return new AmazonS3Exception(Field(root, "Message") ?? "S3 answered 404 without a readable error", ErrorType.Sender,
            Field(root, "Code") ?? "NotFound", Field(root, "RequestId") ?? "", HttpStatusCode.NotFound);
    }
}

public static class BucketSession
{
    /// <summary>The session's S3 bucket client.</summary>
    public static IBucketClient Buckets(this AwsSession session) => new BucketClient(session.S3);
}
