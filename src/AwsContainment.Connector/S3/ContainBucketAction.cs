using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;

namespace AwsContainment.Connector.S3;

/// <summary>
/// Contains an S3 bucket the actor created or touched: a bucket policy statement denying every principal but one,
/// with the bucket's previous policy saved into the result first (and its other statements kept); optionally
/// S3 Block Public Access on the bucket, its previous settings saved too. Undone by revert bucket containment.
/// </summary>
public sealed class ContainBucketAction : IAwsAction<ContainBucketParameters>
{
    public async Task RunAsync(ActionContext context, ContainBucketParameters parameters, CancellationToken cancellationToken)
    {
        var bucket = parameters.Bucket;
        var allowed = parameters.AllowedPrincipalArn;
        var s3 = context.Aws.Buckets();
        var statement = BucketContainment.Statement(Partition.Of(context.Aws.Asset.Region).Name, bucket, allowed);

        var previous = await s3.GetPolicyAsync(bucket, cancellationToken).ConfigureAwait(false);
        var alreadyContained = BucketContainment.Holds(previous.Document, statement);
        var policy = alreadyContained ? previous.Text! : BucketContainment.Merge(previous.Document, statement).ToJsonString();
        var metadata = alreadyContained ? previous.Metadata! : await s3.PutPolicyAsync(bucket, policy, cancellationToken).ConfigureAwait(false);

        JsonObject? previousBlock = null;
        JsonObject? block = null;
        var blockNote = "";
        if (parameters.BlockPublicAccess)
        {
            previousBlock = await s3.GetPublicAccessBlockAsync(bucket, cancellationToken).ConfigureAwait(false);
            var alreadyBlocked = previousBlock is not null && previousBlock.All(setting => (bool?)setting.Value == true);
            block = new JsonObject { ["BlockPublicAcls"] = true, ["IgnorePublicAcls"] = true, ["BlockPublicPolicy"] = true, ["RestrictPublicBuckets"] = true };
            if (!alreadyBlocked)
            {
                await s3.PutPublicAccessBlockAsync(bucket, block, cancellationToken).ConfigureAwait(false);
            }
            blockNote = alreadyBlocked ? "; public access was already blocked" : "; public access blocked";
        }

        context.Result.AddData(new JsonObject
        {
            ["Bucket"] = bucket,
            ["AllowedPrincipalArn"] = allowed,
            ["PolicyChanged"] = !alreadyContained,
            // Policies as S3 holds them (boto3's GetBucketPolicy Policy): JSON strings, the previous one byte for byte.
            ["PreviousPolicy"] = previous.Text,
            ["Policy"] = policy,
            ["PreviousPublicAccessBlock"] = previousBlock,
            ["PublicAccessBlock"] = block,
            ["ResponseMetadata"] = metadata.DeepClone(),
        });
        context.Result.Summary["policy_changed"] = !alreadyContained;
        context.Result.Summary["public_access_blocked"] = block is not null;
        var others = BucketContainment.OtherStatements(previous.Document);
        var kept = previous.Document is null ? "it had no bucket policy before"
            : others == 0 ? "its previous policy is saved in the result"
            : $"its previous policy is saved in the result, and its {Wording.Count(others, "other statement")} kept";
        context.Result.Succeed(alreadyContained
            ? $"Bucket {bucket} was already contained for {allowed}; its policy was left as it is{blockNote}"
            : $"Bucket {bucket} contained: every principal but {allowed} is denied every S3 action ({kept}){blockNote}");
    }
}
