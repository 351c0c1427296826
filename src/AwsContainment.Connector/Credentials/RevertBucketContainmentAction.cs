using System.Text.Json.Nodes;
using AwsContainment.Connector.S3;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Credentials;

/// <summary>
/// The undo of contain bucket. The bucket policy loses its containment statement: it becomes the policy contain
/// bucket saved (<c>previous_policy</c>, or <c>contain_result</c>, that action's data), or, with neither, the current
/// policy without the statement; when nothing is left, the policy is deleted, as there was none. A policy whose other
/// statements changed since containment is refused rather than overwritten. With <c>contain_result</c> from a run
/// that blocked public access, the previous public access block settings come back too (deleted when there were
/// none). Already reverted is a no-op.
/// </summary>
public sealed class RevertBucketContainmentAction : IAwsAction
{
    public string Identifier => "revert_bucket_containment";

    public async Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var bucket = context.Parameters.String("bucket");
        var saved = Saved.From(context.Parameters);
        var s3 = context.Aws.Buckets();
        var current = await s3.GetPolicyAsync(bucket, cancellationToken).ConfigureAwait(false);
        var data = new JsonObject
        {
            ["Bucket"] = bucket,
            ["PolicyChanged"] = false,
            ["PreviousPolicy"] = current.Policy?.DeepClone(),
            ["Policy"] = current.Policy?.DeepClone(),
            ["PublicAccessBlockChanged"] = false,
            ["ResponseMetadata"] = current.Metadata?.DeepClone(),
        };
        var said = new List<string>();
        if (!BucketContainment.IsContained(current.Policy))
        {
            said.Add($"bucket {bucket} has no containment statement in its policy");
        }
        else
        {
            var rest = BucketContainment.Without(current.Policy!);
            if (saved.Known && !BucketContainment.SameStatements(rest, saved.Policy))
            {
                throw new ActionFailedException($"The policy of bucket {bucket} changed since containment besides its containment statement, so the saved policy was not put back over those changes. Nothing changed; leave previous_policy and contain_result out to remove the containment statement alone");
            }
            var target = saved.Known ? saved.Policy : rest;
            data["ResponseMetadata"] = target is null
                ? await s3.DeletePolicyAsync(bucket, cancellationToken).ConfigureAwait(false)
                : await s3.PutPolicyAsync(bucket, target.ToJsonString(), cancellationToken).ConfigureAwait(false);
            data["Policy"] = target?.DeepClone();
            data["PolicyChanged"] = true;
            said.Add(target is null
                ? $"removed the containment policy of bucket {bucket}, which had no bucket policy before"
                : $"restored the previous policy of bucket {bucket} ({Wording.Count(BucketContainment.OtherStatements(target), "statement")})");
        }
        if (saved.BlockedPublicAccess)
        {
            var now = await s3.GetPublicAccessBlockAsync(bucket, cancellationToken).ConfigureAwait(false);
            data["PreviousPublicAccessBlock"] = now?.DeepClone();
            data["PublicAccessBlock"] = saved.PublicAccessBlock?.DeepClone();
            if (JsonNode.DeepEquals(now, saved.PublicAccessBlock))
            {
                said.Add("public access block settings already as before containment");
            }
            else
            {
                data["ResponseMetadata"] = saved.PublicAccessBlock is null
                    ? await s3.DeletePublicAccessBlockAsync(bucket, cancellationToken).ConfigureAwait(false)
                    : await s3.PutPublicAccessBlockAsync(bucket, saved.PublicAccessBlock, cancellationToken).ConfigureAwait(false);
                data["PublicAccessBlockChanged"] = true;
                said.Add(saved.PublicAccessBlock is null ? "removed its public access block, as it had none before" : "restored its previous public access block settings");
            }
        }
        var changed = (bool)data["PolicyChanged"]! || (bool)data["PublicAccessBlockChanged"]!;
        context.Result.AddData(data);
        context.Result.Summary["policy_changed"] = (bool)data["PolicyChanged"]!;
        context.Result.Summary["public_access_block_changed"] = (bool)data["PublicAccessBlockChanged"]!;
        var message = string.Join("; ", said);
        context.Result.Succeed(changed ? char.ToUpperInvariant(message[0]) + message[1..] : $"Nothing to revert: {message}; nothing changed");
    }

    /// <summary>What contain bucket saved, as far as the parameters say: the previous policy (known or not) and, if it blocked public access, the settings before.</summary>
    private sealed record Saved(bool Known, JsonObject? Policy, bool BlockedPublicAccess, JsonObject? PublicAccessBlock)
    {
        public static Saved From(ParameterSet parameters)
        {
            var policy = parameters.OptionalJson("previous_policy");
            var result = parameters.OptionalJson("contain_result");
            if (policy is not null && result is not null)
            {
                throw ActionFailedException.InvalidParameters("give previous_policy or contain_result, not both");
            }
            if (policy is not null)
            {
                return new Saved(true, policy as JsonObject ?? throw ActionFailedException.InvalidParameters("parameter 'previous_policy' must be a bucket policy (a JSON object)"), false, null);
            }
            if (result is null)
            {
                return new Saved(false, null, false, null);
            }
            var item = result switch { JsonArray { Count: 1 } list => list[0], var one => one } as JsonObject;
            if (item is null || !item.ContainsKey("PreviousPolicy"))
            {
                throw ActionFailedException.InvalidParameters("parameter 'contain_result' must be contain bucket's data item (with PreviousPolicy), or its data list of one");
            }
            return new Saved(true, item["PreviousPolicy"] as JsonObject, item["PublicAccessBlock"] is JsonObject, item["PreviousPublicAccessBlock"] as JsonObject);
        }
    }
}
