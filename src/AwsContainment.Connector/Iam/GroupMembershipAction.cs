using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// Adds users to, or removes them from, one IAM group: one call per user, in order, each user's outcome worded as
/// the integration does (a missing group or user named, an account limit explained). As the integration's document
/// lists them, a missing group or user and an account limit do not fail the action nor stop a playbook: it fails
/// only when no user was changed and some user met another error (credentials, access, the network).
/// </summary>
public abstract class GroupMembershipAction<TParameters> : IamAction<TParameters>
{
    private const string OverLimit = "because it attempted to create resources beyond the current AWS account limits.";

    /// <summary>The group and the users asked for.</summary>
    protected abstract (string Group, IReadOnlyList<string> Users) Asked(TParameters parameters);

    /// <summary>"add" or "remove".</summary>
    protected abstract string Verb { get; }

    /// <summary>"to" or "from".</summary>
    protected abstract string Preposition { get; }

    protected abstract Task<AwsResponseMetadata> ChangeAsync(IIamClient iam, string groupName, string userName, CancellationToken cancellationToken);

    /// <summary>The sentences for the users whose membership is now as asked.</summary>
    protected abstract IEnumerable<string> Done(IReadOnlyList<ItemOutcome> succeeded, string groupName);

    /// <summary>The data item of a user whose membership the call changed (before its metadata).</summary>
    protected abstract JsonObject Applied(string userName, string groupName);

    /// <summary>
    /// The data item when IAM answers <c>NoSuchEntity</c> although the user and the group both exist, so the user is
    /// not in the group; null keeps IAM's answer a failure.
    /// </summary>
    protected virtual JsonObject? NotInGroup(string userName, string groupName) => null;

    protected static JsonObject Membership(string userName, string groupName) => new()
    {
        ["UserName"] = userName,
        ["GroupName"] = groupName,
    };

    protected override async Task RunAsync(TParameters parameters, IIamClient iam, ActionResult result, CancellationToken cancellationToken)
    {
        var (group, users) = Asked(parameters);
        var batch = await ItemOutcomes.RunEachAsync(users, IamNameRule.User.Problem, user => ChangeOneAsync(iam, group, user, cancellationToken)).ConfigureAwait(false);
        batch.Report(result);
        var message = Sentences.Join([
            .. batch.Succeeded.Count > 0 ? Done(batch.Succeeded, group) : [],
            .. batch.FailuresBy(o => o.ErrorCode == IamErrorCodes.LimitExceeded ? OverLimit : o.Reason!).Select(f => f.Reason == OverLimit
                ? $"Could not {Verb} {f.Names} {Preposition} {group} {OverLimit}"
                : $"Could not {Verb} {f.Names} {Preposition} {group}. {f.Reason}"),
        ]);
        Conclude(result, batch.Succeeded.Count > 0 || batch.Failed.All(o => o.ErrorCode is IamErrorCodes.NoSuchEntity or IamErrorCodes.LimitExceeded), message);
    }

    private async Task<ItemResult> ChangeOneAsync(IIamClient iam, string group, string user, CancellationToken cancellationToken)
    {
        try
        {
            return Changed(Applied(user, group), await ChangeAsync(iam, group, user, cancellationToken).ConfigureAwait(false));
        }
        catch (AmazonServiceException error) when (error.ErrorCode == IamErrorCodes.NoSuchEntity)
        {
            // IAM's answer names neither which of the two is missing nor a membership that is not there: look.
            if (await iam.GetUserAsync(user, cancellationToken).OrNullWhenMissingAsync().ConfigureAwait(false) is null)
            {
                throw new ActionFailedException($"The user {user} cannot be found.", IamErrorCodes.NoSuchEntity);
            }
            var found = await iam.GetGroupAsync(group, cancellationToken).OrNullWhenMissingAsync().ConfigureAwait(false)
                ?? throw new ActionFailedException($"The Group {group} cannot be found.", IamErrorCodes.NoSuchEntity);
            var notInGroup = NotInGroup(user, group);
            if (notInGroup is null)
            {
                throw;
            }
            notInGroup["ResponseMetadata"] = found["ResponseMetadata"]!.DeepClone();
            return notInGroup;
        }
    }
}
