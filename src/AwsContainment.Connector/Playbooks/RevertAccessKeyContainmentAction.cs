using System.Globalization;
using System.Text.Json.Nodes;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Iam;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Playbooks;

/// <summary>
/// Undoes contain access key from its result (<c>contain_result</c>), step by step: reactivates the key and the other
/// keys it deactivated, detaches the containment policy it attached, and removes the session revocation it wrote
/// (under <see cref="UndoRules"/>, via <see cref="UserSessionRevocationRemoval"/>). What containment found already so
/// is left as it is; a result that found the key inactive and the policy attached is a re-run's and is refused
/// before any call. A key contained in another account is reverted through the same role.
/// </summary>
public sealed class RevertAccessKeyContainmentAction : IAwsAction<RevertAccessKeyContainmentParameters>
{
    private const string DeactivateKey = "deactivate key";
    private const string AttachPolicy = "attach containment policy";
    private const string RevokeSessions = "revoke sessions";
    private const string DeactivateOthers = "deactivate other keys";

    public CommonParameters ReachOf(RevertAccessKeyContainmentParameters parameters, ValueRules rules) =>
        Contained.From(parameters) is { ReachedThroughRole: { } role } && parameters.Common.RoleArn is null
            ? parameters.Common with { RoleArn = role }
            : parameters.Common;

    public async Task RunAsync(ActionContext context, RevertAccessKeyContainmentParameters parameters, CancellationToken cancellationToken)
    {
        var contained = Contained.From(parameters);
        // A re-run finds the key inactive and the policy attached, and only moves the revocation's cut-off: undoing
        // that alone would report a revert while the key stays contained.
        if (!contained.Changed(DeactivateKey) && !contained.Changed(AttachPolicy))
        {
            throw new ActionFailedException($"In this result of contain access key, access key {contained.AccessKeyId} of user {contained.UserName} was already inactive and the containment policy already attached: it is a re-run's result, whose state before was already contained; undo with the first run's result. Nothing was changed");
        }
        var iam = context.Aws.Iam();
        var user = contained.UserName;
        var run = new PlaybookRun(cancellationToken);
        await run.StepAsync("reactivate key", () => contained.Changed(DeactivateKey)
            ? ReactivateAsync(iam, user, contained.AccessKeyId, cancellationToken)
            : Task.FromResult(StepResult.AlreadyDone($"containment did not deactivate {contained.AccessKeyId} (it was already inactive), so it stays as it is"))).ConfigureAwait(false);
        await run.StepAsync("detach containment policy", async () =>
        {
            if (!contained.Changed(AttachPolicy) || contained.PolicyArn is not { } policyArn)
            {
                return StepResult.AlreadyDone("containment did not attach the containment policy (it was already attached), so it stays");
            }
            return (await UserPolicies.DetachAsync(iam, user, policyArn, cancellationToken).ConfigureAwait(false)).ToStep();
        }).ConfigureAwait(false);
        await run.StepAsync("remove session revocation", () => contained.RevokedBefore is { } cutoff
            ? UserSessionRevocationRemoval.RemoveAsync(iam, user, cutoff, parameters.Force, cancellationToken)
            : Task.FromResult(StepResult.AlreadyDone("containment did not revoke the user's sessions"))).ConfigureAwait(false);
        await run.StepAsync("reactivate other keys", async () =>
        {
            var keys = contained.OtherKeysDeactivated;
            if (keys.Count == 0)
            {
                return StepResult.AlreadyDone("containment deactivated no other key");
            }
            var outcomes = await ItemOutcomes.RunEachAsync(keys, async key =>
            {
                var change = await AccessKeys.SetStatusAsync(iam, user, key, AccessKeys.Active, cancellationToken).ConfigureAwait(false);
                return new ItemResult(change.Changed ? Outcome.Changed : Outcome.Unchanged, change.ToJson(), change.Changed ? null : "already active");
            }).ConfigureAwait(false);
            return ItemSteps.Result(outcomes, "reactivated", "every other key containment deactivated is already active");
        }).ConfigureAwait(false);

        context.Result.AddData(new JsonObject
        {
            ["AccessKeyId"] = contained.AccessKeyId,
            ["UserName"] = user,
            ["Steps"] = run.ToJson(),
        });
        PlaybookReport.Summarize(run, context.Result);
        context.Result.Summary["user_name"] = user;
        PlaybookReport.Conclude(
            run,
            context.Result,
            [],
            incomplete: steps => $"Revert of the containment of access key {contained.AccessKeyId} of user {user} is incomplete: {steps}",
            unchanged: $"Nothing to revert: access key {contained.AccessKeyId} of user {user} is already as before containment",
            completed: steps => $"Reverted the containment of access key {contained.AccessKeyId} of user {user}: {steps}");
    }

    private static async Task<StepResult> ReactivateAsync(IIamClient iam, string user, string accessKeyId, CancellationToken cancellationToken) =>
        (await AccessKeys.SetStatusAsync(iam, user, accessKeyId, AccessKeys.Active, cancellationToken).ConfigureAwait(false)).ToStep();

    /// <summary>What contain access key's result says it changed.</summary>
    private sealed record Contained(string AccessKeyId, string UserName, string? PolicyArn, string? ReachedThroughRole, IReadOnlyDictionary<string, JsonObject> Steps)
    {
        public bool Changed(string step) => Text(Steps.GetValueOrDefault(step)?["status"]) == Outcome.Changed.Word();

        public DateTimeOffset? RevokedBefore =>
            Changed(RevokeSessions) && Text(Steps[RevokeSessions]["data"]?["RevokedBefore"]) is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

        /// <summary>The other keys containment turned from active to inactive.</summary>
        public IReadOnlyList<string> OtherKeysDeactivated => !Changed(DeactivateOthers) ? [] :
            [.. (Steps[DeactivateOthers]["data"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(k => Text(k["PreviousStatus"]) == AccessKeys.Active && Text(k["Status"]) == AccessKeys.Inactive)
                .Select(k => Text(k["AccessKeyId"])).OfType<string>()];

        public static Contained From(RevertAccessKeyContainmentParameters parameters)
        {
            var item = parameters.ContainResult?.Value switch
            {
                JsonArray { Count: 1 } list => list[0] as JsonObject,
                JsonObject one => one,
                _ => null,
            };
            if (item is null || Text(item["AccessKeyId"]) is not { } key || Text(item["UserName"]) is not { } user || item["Steps"] is not JsonArray steps)
            {
                throw ActionFailedException.InvalidParameters("parameter 'contain_result' must be contain access key's data item (with AccessKeyId, UserName and Steps), or its data list of one");
            }
            var byName = steps.OfType<JsonObject>().Where(s => Text(s["step"]) is not null).GroupBy(s => Text(s["step"])!).ToDictionary(g => g.Key, g => g.First());
            return new Contained(key, user, Text(item["ContainmentPolicyArn"]), Text(item["ReachedThroughRole"]), byName);
        }

        /// <summary>A string field of the given result, or null: a result of another shape is refused, never a crash.</summary>
        private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }
}
