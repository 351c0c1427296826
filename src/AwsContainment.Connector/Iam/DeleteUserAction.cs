using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// Deletes an IAM user (eradication) with the clean-up AWS requires first, in AWS's order: console password,
/// access keys, signing certificates, SSH keys, service-specific credentials, MFA devices, inline policies (their
/// documents kept), attached policies, group memberships. Every removed item is listed in the result. The clean-up
/// stops at the first failure and the user is kept. Containment (the deny-all and session-revocation policies) is
/// removed last, immediately before <c>DeleteUser</c>: whatever step fails, the user is still contained. A removal
/// repeated after a transient fault that meets its own work is done (see <c>IamClient</c>).
/// </summary>
public sealed class DeleteUserAction : IAwsAction<DeleteUserParameters>
{
    public async Task RunAsync(ActionContext context, DeleteUserParameters parameters, CancellationToken cancellationToken)
    {
        var userName = parameters.UserName;
        if (!parameters.Confirm)
        {
            throw new ActionFailedException($"Deleting user {userName} cannot be undone: set confirm to true to delete it; nothing was sent to AWS");
        }
        var iam = context.Aws.Iam();
        var user = await FindUserAsync(iam, userName, cancellationToken).ConfigureAwait(false);
        var run = new PlaybookRun(cancellationToken);
        JsonNode? metadata = user["ResponseMetadata"]!.DeepClone();
        var containment = new List<(Removal Removal, JsonNode Item)>();
        foreach (var removal in Removals(iam, userName))
        {
            if (!run.AllSucceeded)
            {
                run.Skip(removal.Step, StoppedAt(run));
                continue;
            }
            await run.StepAsync(removal.Step, () => RemoveAllAsync(removal, containment, cancellationToken)).ConfigureAwait(false);
        }
        if (run.AllSucceeded)
        {
            await run.StepAsync(RemoveContainment, () => RemoveContainmentAsync(containment, cancellationToken)).ConfigureAwait(false);
        }
        else
        {
            run.Skip(RemoveContainment, StoppedAt(run));
        }
        if (run.AllSucceeded)
        {
            await run.StepAsync("delete user", async () =>
            {
                try
                {
                    metadata = (await iam.DeleteUserAsync(userName, cancellationToken).ConfigureAwait(false)).ToJson();
                }
                catch (Exception failed) when ((AwsErrors.IsAwsFailure(failed) || failed is OperationCanceledException) && failed is not AmazonServiceException { ErrorCode: IamErrorCodes.NoSuchEntity })
                {
                    throw new ActionFailedException($"{AwsErrors.Describe(failed)}; {await PutContainmentBackAsync(iam, userName, run, cancellationToken).ConfigureAwait(false)}");
                }
                catch (AmazonServiceException missing) when (missing.ErrorCode == IamErrorCodes.NoSuchEntity)
                {
                    // The user was read first, so it is gone: DeleteUser was repeated after a transient fault whose
                    // first attempt had deleted it (or someone else did). The read-back below confirms it either way.
                    metadata = new JsonObject
                    {
                        ["RequestId"] = missing.RequestId,
                        ["HTTPStatusCode"] = (int)missing.StatusCode,
                        ["RetryAttempts"] = missing.Data[AwsErrors.RetryAttemptsKey] as int? ?? 0,
                    };
                }
                // Verified as the playbook does: GetUser until IAM answers NoSuchEntity.
                var gone = await ReadBack.Default.UntilAsync(
                    async () => await iam.GetUserAsync(userName, cancellationToken).OrNullWhenMissingAsync().ConfigureAwait(false) is null,
                    missing => missing,
                    cancellationToken).ConfigureAwait(false);
                return StepResult.Done(gone.Confirmed
                    ? $"user {userName} deleted (IAM no longer finds it after {Wording.Count(gone.Reads, "read")})"
                    : $"user {userName} deleted, but IAM still found it after {Wording.Count(gone.Reads, "read")}; IAM is eventually consistent, so it disappears shortly");
            }).ConfigureAwait(false);
        }
        else
        {
            run.Skip("delete user", StoppedAt(run));
        }

        var removed = run.Steps.Sum(s => (s.Data as JsonArray)?.Count(item => item?["Error"] is null) ?? 0);
        var deletedUser = run.AllSucceeded;
        context.Result.AddData(new JsonObject
        {
            ["UserName"] = userName,
            ["User"] = Without(user, "ResponseMetadata"),
            ["Deleted"] = deletedUser,
            ["Steps"] = run.ToJson(),
            ["ResponseMetadata"] = metadata,
        });
        context.Result.Summary["deleted"] = deletedUser;
        context.Result.Summary["items_removed"] = removed;
        var cleanUp = string.Join(", ", run.Steps.Where(s => s.Status == Outcome.Changed && s.Data is JsonArray).Select(s => s.Message));
        if (deletedUser)
        {
            context.Result.Succeed($"User {userName} deleted{(cleanUp.Length == 0 ? "; it had nothing to remove first" : $" after removing {cleanUp}")}");
        }
        else
        {
            var failed = run.Steps.First(s => s.Status == Outcome.Failed);
            context.Result.Fail($"User {userName} was not deleted: {failed.Name} failed ({failed.Message}); the clean-up stopped there, and the {Wording.Count(removed, "item")} removed before are listed in the result");
        }
    }

    private const string RemoveContainment = "remove containment";

    /// <summary>
    /// After DeleteUser failed the user still exists, so the containment removed just before goes back on: the
    /// inline policies from the documents kept when they were deleted, the managed one attached again.
    /// </summary>
    private static async Task<string> PutContainmentBackAsync(IIamClient iam, string userName, PlaybookRun run, CancellationToken cancellationToken)
    {
        var removed = (run.Steps.Single(s => s.Name == RemoveContainment).Data as JsonArray ?? []).OfType<JsonObject>().Where(item => item["Error"] is null).ToList();
        if (removed.Count == 0)
        {
            return "it carried no containment policy";
        }
        var outcomes = new ItemOutcomes();
        using var grace = Grace.Begin();
        foreach (var item in removed)
        {
            var name = (string)item["PolicyName"]!;
            await outcomes.RunAsync((string?)item["PolicyArn"] ?? name, async () => (item["PolicyArn"] is { } arn
                ? await iam.AttachPolicyAsync(IdentityType.User, userName, (string)arn!, grace.Token).ConfigureAwait(false)
                : await iam.PutUserPolicyAsync(userName, name, item["PolicyDocument"] is JsonObject document ? document.ToJsonString() : (string)item["PolicyDocument"]!, grace.Token).ConfigureAwait(false)).ToJson()).ConfigureAwait(false);
        }
        return outcomes.Failed.Count == 0
            ? $"its containment was put back on ({string.Join(", ", outcomes.Succeeded.Select(o => o.Item))}), so the user stays contained"
            : $"putting its containment back failed for {string.Join("; ", outcomes.Failed.Select(o => $"{o.Item}: {o.Reason}"))}: the user is NOT contained, contain it again now";
    }

    // AWS's order removes credentials before policies, and containment goes last of all: stopping at a failure
    // leaves a user that keeps anything also keeping its containment.
    private static string StoppedAt(PlaybookRun run) =>
        $"not attempted: the clean-up stopped after {run.Steps.First(s => s.Status == Outcome.Failed).Name} failed, so the user keeps its containment";

    private static async Task<JsonObject> FindUserAsync(IIamClient iam, string userName, CancellationToken cancellationToken)
    {
        try
        {
            return await iam.GetUserAsync(userName, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException missing) when (missing.ErrorCode == IamErrorCodes.NoSuchEntity)
        {
            throw new ActionFailedException($"User {userName} does not exist, so nothing was deleted ({AwsErrors.Describe(missing)})");
        }
    }

    /// <summary>
    /// One kind of thing the user must lose first: how to list it, name an item, and remove one; and which of its
    /// items are containment (the deny-all and session-revocation policies), kept until last.
    /// </summary>
    private sealed record Removal(
        string Step,
        string Noun,
        Func<CancellationToken, Task<IReadOnlyList<JsonNode>>> ListAsync,
        Func<JsonNode, string> Name,
        Func<JsonNode, CancellationToken, Task<JsonNode>> RemoveAsync,
        Func<string, bool>? IsContainment = null);

    private static IEnumerable<Removal> Removals(IIamClient iam, string user) =>
    [
        new("delete login profile", "console password", ct => LoginProfileAsync(iam, user, ct), _ => "console password",
            async (item, ct) => Kept(item, await iam.DeleteLoginProfileAsync(user, ct).ConfigureAwait(false))),
        new("delete access keys", "access keys", ct => ItemsAsync(iam.ListAccessKeysAsync(user, ct)), Field("AccessKeyId"),
            async (item, ct) => Kept(item, await iam.DeleteAccessKeyAsync(user, (string)item["AccessKeyId"]!, ct).ConfigureAwait(false))),
        new("delete signing certificates", "signing certificates", ct => ItemsAsync(iam.ListSigningCertificatesAsync(user, ct)), Field("CertificateId"),
            async (item, ct) => Kept(item, await iam.DeleteSigningCertificateAsync(user, (string)item["CertificateId"]!, ct).ConfigureAwait(false))),
        new("delete SSH public keys", "SSH public keys", ct => ItemsAsync(iam.ListSshPublicKeysAsync(user, ct)), Field("SSHPublicKeyId"),
            async (item, ct) => Kept(item, await iam.DeleteSshPublicKeyAsync(user, (string)item["SSHPublicKeyId"]!, ct).ConfigureAwait(false))),
        new("delete service-specific credentials", "service-specific credentials", ct => ItemsAsync(iam.ListServiceSpecificCredentialsAsync(user, ct)), Field("ServiceSpecificCredentialId"),
            async (item, ct) => Kept(item, await iam.DeleteServiceSpecificCredentialAsync(user, (string)item["ServiceSpecificCredentialId"]!, ct).ConfigureAwait(false))),
        new("remove MFA devices", "MFA devices", ct => ItemsAsync(iam.ListMfaDevicesAsync(user, ct)), Field("SerialNumber"),
            (item, ct) => RemoveMfaDeviceAsync(iam, user, item, ct)),
        new("delete inline policies", "inline policies", ct => ItemsAsync(iam.ListUserPoliciesAsync(user, ct)), item => (string)item!,
            (item, ct) => DeleteInlinePolicyAsync(iam, user, (string)item!, ct), name => name is SessionRevocation.PolicyName or DisableUserAccessAction.PolicyName),
        new("detach managed policies", "managed policies", ct => ItemsAsync(iam.ListAttachedUserPoliciesAsync(user, ct)), Field("PolicyArn"),
            async (item, ct) => Kept(item, await iam.DetachUserPolicyAsync(user, (string)item["PolicyArn"]!, ct).ConfigureAwait(false)),
            arn => arn.EndsWith(":policy/" + ContainmentPolicy.Name, StringComparison.Ordinal)),
        new("remove from groups", "groups", ct => ItemsAsync(iam.ListGroupsForUserAsync(user, ct)), Field("GroupName"),
            async (item, ct) => Kept(item, await iam.RemoveUserFromGroupAsync((string)item["GroupName"]!, user, ct).ConfigureAwait(false))),
    ];

    /// <summary>
    /// Removes every item of one kind but its containment policies, which are put aside for
    /// <see cref="RemoveContainmentAsync"/>; one failing item fails the step but not the others.
    /// </summary>
    private static async Task<StepResult> RemoveAllAsync(Removal removal, List<(Removal Removal, JsonNode Item)> containment, CancellationToken cancellationToken)
    {
        var listed = await removal.ListAsync(cancellationToken).ConfigureAwait(false);
        var items = listed.Where(item => removal.IsContainment?.Invoke(removal.Name(item)) != true).ToList();
        containment.AddRange(listed.Except(items).Select(item => (removal, item)));
        if (items.Count == 0)
        {
            return StepResult.AlreadyDone(items.Count == listed.Count ? $"no {removal.Noun}" : $"no {removal.Noun} but containment, which is removed last");
        }
        return await RemoveEachAsync(items.Select(item => (removal, item)).ToList(), removal.Noun, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<StepResult> RemoveContainmentAsync(List<(Removal Removal, JsonNode Item)> containment, CancellationToken cancellationToken) =>
        containment.Count == 0
            ? StepResult.AlreadyDone("the user carries no containment policy")
            : await RemoveEachAsync(containment, "containment policies", cancellationToken).ConfigureAwait(false);

    private static async Task<StepResult> RemoveEachAsync(IReadOnlyList<(Removal Removal, JsonNode Item)> items, string noun, CancellationToken cancellationToken)
    {
        var outcomes = new ItemOutcomes();
        foreach (var (removal, item) in items)
        {
            await outcomes.RunAsync(removal.Name(item), async () => await removal.RemoveAsync(item, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }
        var data = new JsonArray(outcomes.All.Select(o => o.Succeeded ? o.Data!.DeepClone() : new JsonObject { ["Name"] = o.Item, ["Error"] = o.Reason }).ToArray());
        var removed = $"{noun} ({string.Join(", ", outcomes.Succeeded.Select(o => o.Item))})";
        if (outcomes.Failed.Count == 0)
        {
            return StepResult.Done(removed, data);
        }
        var failed = string.Join("; ", outcomes.Failed.Select(o => $"{o.Item}: {o.Reason}"));
        return new StepResult(Outcome.Failed, $"{outcomes.Failed.Count} of {items.Count} {noun} not removed ({failed})", data);
    }

    // The user exists (checked first), so NoSuchEntity here means it has no console password.
    private static async Task<IReadOnlyList<JsonNode>> LoginProfileAsync(IIamClient iam, string user, CancellationToken cancellationToken) =>
        await iam.GetLoginProfileAsync(user, cancellationToken).OrNullWhenMissingAsync().ConfigureAwait(false) is { } profile
            ? [Without(profile, "ResponseMetadata")]
            : [];

    private static async Task<JsonNode> RemoveMfaDeviceAsync(IIamClient iam, string user, JsonNode device, CancellationToken cancellationToken)
    {
        var serial = (string)device["SerialNumber"]!;
        var deactivated = await iam.DeactivateMfaDeviceAsync(user, serial, cancellationToken).ConfigureAwait(false);
        // A virtual device's serial number is its ARN; a hardware device is only deactivated, it has no IAM object.
        var isVirtual = serial.StartsWith("arn:", StringComparison.Ordinal);
        var last = isVirtual ? await iam.DeleteVirtualMfaDeviceAsync(serial, cancellationToken).ConfigureAwait(false) : deactivated;
        var kept = Kept(device, last);
        kept["VirtualDeviceDeleted"] = isVirtual;
        return kept;
    }

    private static async Task<JsonNode> DeleteInlinePolicyAsync(IIamClient iam, string user, string policyName, CancellationToken cancellationToken)
    {
        // The document exists nowhere else: read it into the result before deleting it.
        var policy = await iam.GetUserPolicyAsync(user, policyName, cancellationToken).ConfigureAwait(false);
        var deleted = await iam.DeleteUserPolicyAsync(user, policyName, cancellationToken).ConfigureAwait(false);
        return Kept(new JsonObject { ["PolicyName"] = policyName, ["PolicyDocument"] = policy["PolicyDocument"]?.DeepClone() }, deleted);
    }

    private static async Task<IReadOnlyList<JsonNode>> ItemsAsync(Task<IamListing> listing) => (await listing.ConfigureAwait(false)).Items;

    private static Func<JsonNode, string> Field(string name) => item => (string)item[name]!;

    /// <summary>The removed item as evidence, with the request id of the call that removed it.</summary>
    private static JsonObject Kept(JsonNode item, AwsResponseMetadata removal)
    {
        var kept = (JsonObject)item.DeepClone();
        kept["RequestId"] = removal.RequestId;
        return kept;
    }

    private static JsonObject Without(JsonObject answer, string name)
    {
        var copy = (JsonObject)answer.DeepClone();
        copy.Remove(name);
        return copy;
    }
}
