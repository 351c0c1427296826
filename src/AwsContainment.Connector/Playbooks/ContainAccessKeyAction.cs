using System.Text.Json.Nodes;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Iam;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Playbooks;

/// <summary>
/// The playbook's containment of an exposed access key, in one action: confirm the key is in this account (or, with
/// the asset's <c>cross_account_role_name</c>, reach the key's own account through that role there), find
/// its user, deactivate it, attach the account's deny-all containment policy (created once, reused after), revoke
/// the user's sessions, and list the user's other keys (deactivating them too with <c>all_keys</c>). Each step is
/// reported with its outcome; a failed step does not stop the ones that do not depend on it; running it twice is safe.
/// </summary>
public sealed class ContainAccessKeyAction : IAwsAction<ContainAccessKeyParameters>
{
    public async Task RunAsync(ActionContext context, ContainAccessKeyParameters parameters, CancellationToken cancellationToken)
    {
        var accessKeyId = parameters.AccessKeyId;
        var allKeys = parameters.AllKeys;
        var iam = context.Aws.Iam();
        var run = new PlaybookRun(cancellationToken);
        KeyAccount? account = null;
        string? userName = null;

        var owned = await run.StepAsync("confirm account", async () =>
        {
            (account, var session) = await AccessKeys.WhereItLivesAsync(context, accessKeyId, cancellationToken).ConfigureAwait(false);
            iam = session.Iam();
            return account.IsReached
                ? StepResult.Done($"access key {accessKeyId} belongs to {account.Where}")
                : throw new ActionFailedException(account.NotOwnMessage);
        }).ConfigureAwait(false);
        var found = owned && await run.StepAsync("find key owner", async () =>
        {
            userName = await AccessKeys.OwnerAsync(iam, accessKeyId, null, cancellationToken).ConfigureAwait(false);
            return StepResult.Done($"owned by user {userName}");
        }).ConfigureAwait(false);

        if (found)
        {
            await ContainUserAsync(run, iam, account!, userName!, accessKeyId, allKeys, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var reason = owned ? "not attempted: the key's user could not be found"
                : account is null ? "not attempted: the key's account could not be confirmed or reached"
                : "not attempted: the key is not in this account";
            foreach (var step in owned ? UserSteps(allKeys) : ["find key owner", .. UserSteps(allKeys)])
            {
                run.Skip(step, reason);
            }
        }

        context.Result.AddData(new JsonObject
        {
            ["AccessKeyId"] = accessKeyId,
            ["Account"] = account?.Account,
            ["ReachedThroughRole"] = account?.ReachedThrough,
            ["UserName"] = userName,
            ["ContainmentPolicyArn"] = account is { IsReached: true } ? ContainmentPolicy.ArnIn(account) : null,
            ["Steps"] = run.ToJson(),
        });
        context.Result.Summary["user_name"] = userName;
        context.Result.Summary["steps_completed"] = run.Steps.Count(s => s.Status is Outcome.Changed or Outcome.Unchanged);
        context.Result.Summary["steps_incomplete"] = run.Incomplete.Count;
        var steps = string.Join(", ", run.Steps.Select(s => $"{s.Name} {((string)s.ToJson()["status"]!).Replace('_', ' ')}"));
        if (run.AllSucceeded)
        {
            context.Result.Succeed($"Access key {accessKeyId} of user {userName} contained: {steps}");
        }
        else
        {
            var failed = string.Join("; ", run.Steps.Where(s => s.Status == Outcome.Failed).Select(s => $"{s.Name} failed ({s.Message})"));
            context.Result.Fail($"Containment of access key {accessKeyId} is incomplete: {failed}. Steps: {steps}");
        }
    }

    private static string[] UserSteps(bool allKeys) =>
        ["deactivate key", "ensure containment policy", "attach containment policy", "revoke sessions", allKeys ? "deactivate other keys" : "list other keys"];

    private static async Task ContainUserAsync(PlaybookRun run, IIamClient iam, KeyAccount account, string userName, string accessKeyId, bool allKeys, CancellationToken cancellationToken)
    {
        var steps = UserSteps(allKeys);
        await run.StepAsync(steps[0], async () =>
            (await AccessKeys.SetStatusAsync(iam, userName, accessKeyId, AccessKeys.Inactive, cancellationToken).ConfigureAwait(false)).ToStep()).ConfigureAwait(false);

        var policyArn = ContainmentPolicy.ArnIn(account);
        var policyReady = await run.StepAsync(steps[1], async () =>
            await ContainmentPolicy.EnsureAsync(iam, policyArn, cancellationToken).ConfigureAwait(false)
                ? StepResult.Done($"created {policyArn}")
                : StepResult.AlreadyDone($"{policyArn} exists")).ConfigureAwait(false);
        if (policyReady)
        {
            await run.StepAsync(steps[2], async () =>
                (await UserPolicies.AttachAsync(iam, userName, policyArn, cancellationToken).ConfigureAwait(false)).ToStep()).ConfigureAwait(false);
        }
        else
        {
            run.Skip(steps[2], "not attempted: the containment policy could not be found or created");
        }

        await run.StepAsync(steps[3], async () =>
        {
            var revocation = await SessionRevocation.RevokeAsync(iam, userName, cancellationToken).ConfigureAwait(false);
            revocation.Remove("ResponseMetadata");
            return StepResult.Done(SessionRevocation.Describe(revocation), revocation);
        }).ConfigureAwait(false);

        await run.StepAsync(steps[4], () => OtherKeysAsync(iam, userName, accessKeyId, allKeys, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The user's other keys: listed, and with <c>all_keys</c> every active one deactivated too.</summary>
    private static async Task<StepResult> OtherKeysAsync(IIamClient iam, string userName, string accessKeyId, bool allKeys, CancellationToken cancellationToken)
    {
        var listing = await iam.ListAccessKeysAsync(userName, cancellationToken).ConfigureAwait(false);
        var others = listing.Items.OfType<JsonObject>().Where(k => (string?)k["AccessKeyId"] != accessKeyId).ToList();
        var described = string.Join(", ", others.Select(k => $"{k["AccessKeyId"]} ({k["Status"]})"));
        var data = new JsonArray(others.Select(k => (JsonNode)k.DeepClone()).ToArray());
        var active = others.Where(k => (string?)k["Status"] == AccessKeys.Active).Select(k => (string)k["AccessKeyId"]!).ToList();
        if (others.Count == 0)
        {
            return allKeys ? StepResult.AlreadyDone($"user {userName} has no other access keys", data) : StepResult.Done($"user {userName} has no other access keys", data);
        }
        if (!allKeys)
        {
            var left = active.Count == 0 ? "none is active" : "left as they are (set all_keys to deactivate them too)";
            return StepResult.Done($"{Wording.Count(others.Count, "other access key")}: {described}; {left}", data);
        }
        if (active.Count == 0)
        {
            return StepResult.AlreadyDone($"no other access key is active: {described}", data);
        }
        var outcomes = await ItemOutcomes.RunEachAsync(active, async key =>
            (await AccessKeys.SetStatusAsync(iam, userName, key, AccessKeys.Inactive, cancellationToken).ConfigureAwait(false)).ToJson()).ConfigureAwait(false);
        var changes = new JsonArray(outcomes.All.Select(o => o.Data?.DeepClone() ?? new JsonObject { ["AccessKeyId"] = o.Item, ["Error"] = o.Reason }).ToArray());
        return outcomes.Failed.Count == 0
            ? StepResult.Done($"deactivated {string.Join(", ", active)}", changes)
            : new StepResult(Outcome.Failed, $"{outcomes.Failed.Count} of {active.Count} other active keys not deactivated ({string.Join("; ", outcomes.Failed.Select(o => $"{o.Item}: {o.Reason}"))})", changes);
    }
}
