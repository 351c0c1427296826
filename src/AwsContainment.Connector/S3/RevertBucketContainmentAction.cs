using System.Text.Json.Nodes;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.S3;

/// <summary>
/// The undo of contain bucket. The bucket policy loses its containment statement: it becomes the policy contain
/// bucket saved, byte for byte (<c>previous_policy</c>, or <c>contain_result</c>, that action's data), or, with
/// neither, the current policy without the statement; when nothing is left, the policy is deleted, as there was none. A policy whose other
/// statements changed since containment is refused rather than overwritten. With <c>contain_result</c> from a run
/// that blocked public access, the previous public access block settings come back too (deleted when there were
/// none). Already reverted is a no-op.
/// </summary>
public sealed class RevertBucketContainmentAction : IAwsAction<RevertBucketContainmentParameters>
{
    public async Task RunAsync(ActionContext context, RevertBucketContainmentParameters parameters, CancellationToken cancellationToken)
    {
        var bucket = parameters.Bucket;
        var saved = Saved.From(parameters);
        var s3 = context.Aws.Buckets();
        var current = await s3.GetPolicyAsync(bucket, cancellationToken).ConfigureAwait(false);
        var data = new JsonObject
        {
            ["Bucket"] = bucket,
            ["PolicyChanged"] = false,
            ["PreviousPolicy"] = current.Text,
            ["Policy"] = current.Text,
            ["PublicAccessBlockChanged"] = false,
            ["ResponseMetadata"] = current.Metadata?.DeepClone(),
        };
        var said = new List<string>();
        if (!BucketContainment.IsContained(current.Document))
        {
            said.Add($"bucket {bucket} has no containment statement in its policy");
        }
        else
        {
            var rest = BucketContainment.Without(current.Document!);
            if (saved.Known && !BucketContainment.SameStatements(rest, saved.Document))
            {
                throw new ActionFailedException($"The policy of bucket {bucket} changed since containment besides its containment statement, so the saved policy was not put back over those changes. Nothing changed; leave previous_policy and contain_result out to remove the containment statement alone");
            }
            var target = saved.Known ? saved.Text : rest?.ToJsonString();
            data["ResponseMetadata"] = target is null
                ? await s3.DeletePolicyAsync(bucket, cancellationToken).ConfigureAwait(false)
                : await s3.PutPolicyAsync(bucket, target, cancellationToken).ConfigureAwait(false);
            data["Policy"] = target;
            data["PolicyChanged"] = true;
            said.Add(target is null
                ? $"removed the containment policy of bucket {bucket}, which had no bucket policy before"
                : $"restored the previous policy of bucket {bucket} ({Wording.Count(BucketContainment.OtherStatements(rest), "statement")})");
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

    /// <summary>
    /// What contain bucket saved, as far as the parameters say: the previous policy (known or not; its text as S3
    /// held it, null when there was none) and, if it blocked public access, the settings before.
    /// </summary>
    private sealed record Saved(bool Known, string? Text, JsonObject? Document, bool BlockedPublicAccess, JsonObject? PublicAccessBlock)
    {
        public static Saved From(RevertBucketContainmentParameters parameters)
        {
            var policy = parameters.PreviousPolicy?.Value;
            var result = parameters.ContainResult?.Value;
            if (policy is not null && result is not null)
            {
                throw ActionFailedException.InvalidParameters("give previous_policy or contain_result, not both");
            }
            if (policy is not null)
            {
                return policy is JsonObject document
                    ? new Saved(true, parameters.PreviousPolicy!.Text, document, false, null)
                    : throw ActionFailedException.InvalidParameters("parameter 'previous_policy' must be a bucket policy (a JSON object)");
            }
            if (result is null)
            {
                return new Saved(false, null, null, false, null);
            }
            var item = result switch { JsonArray { Count: 1 } list => list[0], var one => one } as JsonObject;
            string? text = null;
            if (item is null || !item.ContainsKey("PreviousPolicy") || (item["PreviousPolicy"] is { } saved && !(saved is JsonValue value && value.TryGetValue(out text))))
            {
                throw ActionFailedException.InvalidParameters("parameter 'contain_result' must be contain bucket's data item (with PreviousPolicy, the saved policy's text or null), or its data list of one");
            }
            return new Saved(true, text, text is null ? null : Policy(text), item["PublicAccessBlock"] is JsonObject, item["PreviousPublicAccessBlock"] as JsonObject);
        }

        private static JsonObject Policy(string text)
        {
            try
            {
                return JsonNode.Parse(text) as JsonObject ?? throw ActionFailedException.InvalidParameters("parameter 'contain_result': its PreviousPolicy is not a bucket policy (a JSON object)");
            }
            catch (System.Text.Json.JsonException error)
            {
                throw ActionFailedException.InvalidParameters($"parameter 'contain_result': its PreviousPolicy is not JSON ({error.Message})");
            }
        }
    }
}
