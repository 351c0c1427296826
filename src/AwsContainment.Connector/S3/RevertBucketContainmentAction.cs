using System.Text.Json.Nodes;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.S3;

/// <summary>
/// The undo of contain bucket. The bucket policy loses its containment statement: it becomes the policy contain
/// bucket saved, byte for byte (<c>previous_policy</c>, or <c>contain_result</c>, that action's data), or, with
/// neither, the current policy without the statement; when nothing is left, the policy is deleted, as there was none.
/// With <c>contain_result</c> from a run that blocked public access, the previous public access block settings come
/// back too (deleted when there were none). What was saved is put back under <see cref="UndoRules"/>: a saved policy
/// that already held the containment statement is a re-run's and is refused; a policy or public access block
/// changed since containment is refused unless <c>force</c>; already reverted is a no-op.
/// </summary>
public sealed class RevertBucketContainmentAction : IAwsAction<RevertBucketContainmentParameters>
{
    public async Task RunAsync(ActionContext context, RevertBucketContainmentParameters parameters, CancellationToken cancellationToken)
    {
        var bucket = parameters.Bucket;
        var saved = Saved.From(parameters);
        var force = parameters.Force;
        var s3 = context.Aws.Buckets();
        var current = await s3.GetPolicyAsync(bucket, cancellationToken).ConfigureAwait(false);
        var block = saved.Block is null ? null : await s3.GetPublicAccessBlockAsync(bucket, cancellationToken).ConfigureAwait(false);
        // Both are judged before either changes, so a refusal leaves the bucket as it was.
        var policyUndo = saved.Known ? UndoRules.Decide(PolicyUndo(bucket, saved, current.Document), force) : null;
        // Not rule (1) as well: all four settings on is how S3 makes a new bucket, so a saved block equal to the
        // contained one is no sign of a re-run (the saved policy tells that).
        var blockUndo = saved.Block is null ? null : UndoRules.Judge(BlockUndo(bucket, saved.PublicAccessBlock, saved.Block, block), force).ThrowIfRefused();
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
        var (change, target) = policyUndo is null
            ? (BucketContainment.IsContained(current.Document), current.Document is { } document ? BucketContainment.Without(document) : null)
            : (policyUndo.Restore, saved.Document);
        var targetText = policyUndo is null ? target?.ToJsonString() : saved.Text;
        if (!change)
        {
            said.Add(BucketContainment.IsContained(current.Document) ? $"the policy of bucket {bucket} is already as before containment" : $"bucket {bucket} has no containment statement in its policy");
        }
        else
        {
            data["ResponseMetadata"] = targetText is null
                ? await s3.DeletePolicyAsync(bucket, cancellationToken).ConfigureAwait(false)
                : await s3.PutPolicyAsync(bucket, targetText, cancellationToken).ConfigureAwait(false);
            data["Policy"] = targetText;
            data["PolicyChanged"] = true;
            said.Add(targetText is null
                ? $"removed the containment policy of bucket {bucket}, which had no bucket policy before"
                : $"restored the previous policy of bucket {bucket} ({Wording.Count(BucketContainment.OtherStatements(target), "statement")})");
        }
        if (blockUndo is not null)
        {
            data["PreviousPublicAccessBlock"] = block?.DeepClone();
            data["PublicAccessBlock"] = saved.PublicAccessBlock?.DeepClone();
            if (!blockUndo.Restore)
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
        said.AddRange(new[] { policyUndo?.Forced, blockUndo?.Forced }.OfType<string>());
        if (parameters.ContainResult is null)
        {
            // Only contain bucket's result records the settings block_public_access replaced: "restored" must not hide them.
            said.Add("its public access block was left as it is, since only contain bucket's result (contain_result) records the settings before block_public_access");
        }
        var changed = (bool)data["PolicyChanged"]! || (bool)data["PublicAccessBlockChanged"]!;
        context.Result.AddData(data);
        context.Result.Summary["policy_changed"] = (bool)data["PolicyChanged"]!;
        context.Result.Summary["public_access_block_changed"] = (bool)data["PublicAccessBlockChanged"]!;
        var message = string.Join("; ", said);
        context.Result.Succeed(changed ? char.ToUpperInvariant(message[0]) + message[1..] : $"Nothing to revert: {message}; nothing changed");
    }

    /// <summary>
    /// The policy as containment found it, as it set it and as it is now. The containment statement is the one
    /// contain bucket set when its result is given, else the one the bucket holds now; a saved policy holding it
    /// (or any, when the bucket holds none now) was read from a bucket already contained.
    /// </summary>
    private static UndoSubject<JsonObject?> PolicyUndo(string bucket, Saved saved, JsonObject? current)
    {
        var statement = BucketContainment.StatementOf(saved.Policy) ?? BucketContainment.StatementOf(current);
        return new($"the policy of bucket {bucket}", saved.Document, current, policy => BucketContainment.IsContainmentOf(policy, saved.Document, statement), BucketContainment.SameStatements, BucketContainment.Describe);
    }

    private static UndoSubject<JsonObject?> BlockUndo(string bucket, JsonObject? recorded, JsonObject contained, JsonObject? current) =>
        new($"the public access block of bucket {bucket}", recorded, current, block => JsonNode.DeepEquals(block, contained), (one, other) => JsonNode.DeepEquals(one, other), Describe);

    private static string Describe(JsonObject? block) =>
        block is null ? "none" : string.Join(", ", block.Select(setting => $"{setting.Key} {setting.Value}"));

    /// <summary>
    /// What contain bucket saved, as far as the parameters say: the previous policy (known or not; its text as S3
    /// held it, null when there was none); from its result, the policy it set and, if it blocked public access, the
    /// settings it set (<see cref="Block"/>) and those before.
    /// </summary>
    private sealed record Saved(bool Known, string? Text, JsonObject? Document, JsonObject? Policy, JsonObject? Block, JsonObject? PublicAccessBlock)
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
                    ? new Saved(true, parameters.PreviousPolicy!.Text, document, null, null, null)
                    : throw ActionFailedException.InvalidParameters("parameter 'previous_policy' must be a bucket policy (a JSON object)");
            }
            if (result is null)
            {
                return new Saved(false, null, null, null, null, null);
            }
            var item = result switch { JsonArray { Count: 1 } list => list[0], var one => one } as JsonObject;
            string? text = null;
            if (item is null || !item.ContainsKey("PreviousPolicy") || (item["PreviousPolicy"] is { } saved && !(saved is JsonValue value && value.TryGetValue(out text))))
            {
                throw ActionFailedException.InvalidParameters("parameter 'contain_result' must be contain bucket's data item (with PreviousPolicy, the saved policy's text or null), or its data list of one");
            }
            var set = item["Policy"] is JsonValue policyValue && policyValue.TryGetValue<string>(out var setText) ? Parse(setText, "Policy") : null;
            return new Saved(true, text, text is null ? null : Parse(text, "PreviousPolicy"), set, item["PublicAccessBlock"] as JsonObject, item["PreviousPublicAccessBlock"] as JsonObject);
        }

        private static JsonObject Parse(string text, string field) =>
            StrictJson.ParseParameter(text, $"parameter 'contain_result': its {field}") as JsonObject
                ?? throw ActionFailedException.InvalidParameters($"parameter 'contain_result': its {field} is not a bucket policy (a JSON object)");
    }
}
