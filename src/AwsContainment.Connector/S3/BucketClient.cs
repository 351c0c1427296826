using System.Text.Json.Nodes;
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

    /// <summary>Turns on all four public access block settings; returns the answer's <c>ResponseMetadata</c>.</summary>
    Task<JsonObject> BlockPublicAccessAsync(string bucket, CancellationToken cancellationToken);
}

/// <summary>A bucket policy as S3 returned it (null when there is none) and the answer's metadata.</summary>
public sealed record BucketPolicy(JsonObject? Policy, JsonObject? Metadata);

public sealed class BucketClient(IAmazonS3 s3) : IBucketClient
{
    public async Task<BucketPolicy> GetPolicyAsync(string bucket, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);
            var policy = string.IsNullOrWhiteSpace(answer.Policy) ? null : JsonNode.Parse(answer.Policy) as JsonObject;
            return new BucketPolicy(policy, AwsResponseMetadata.Of(answer).ToJson());
        }
        catch (AmazonServiceException none) when (none.ErrorCode == "NoSuchBucketPolicy")
        {
            return new BucketPolicy(null, null);
        }
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

    public async Task<JsonObject> BlockPublicAccessAsync(string bucket, CancellationToken cancellationToken)
    {
        var answer = await s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
        {
            BucketName = bucket,
            PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
            {
                BlockPublicAcls = true,
                IgnorePublicAcls = true,
                BlockPublicPolicy = true,
                RestrictPublicBuckets = true,
            },
        }, cancellationToken).ConfigureAwait(false);
        return AwsResponseMetadata.Of(answer).ToJson();
    }
}

public static class BucketSession
{
    /// <summary>The session's S3 bucket client.</summary>
    public static IBucketClient Buckets(this AwsSession session) => new BucketClient(session.S3);
}
