using System.Text.Json.Nodes;
using Amazon.SecurityToken.Model;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// Access keys as the credential actions handle them: who owns one, reading one from its user's key list, and
/// changing its status with a read-back, the way the playbook verifies with <c>list-access-keys</c>.
/// </summary>
public static class AccessKeys
{
    public const string Active = "Active";
    public const string Inactive = "Inactive";

    /// <summary>Which account the key belongs to (STS GetAccessKeyInfo) and which account the asset works in.</summary>
    public static async Task<KeyAccount> AccountAsync(AwsSession aws, string accessKeyId, CancellationToken cancellationToken)
    {
        var info = await aws.Sts.GetAccessKeyInfoAsync(new GetAccessKeyInfoRequest { AccessKeyId = accessKeyId }, cancellationToken).ConfigureAwait(false);
        var caller = await aws.Sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
        return new KeyAccount(accessKeyId, info.Account, caller.Account, caller.Arn, AwsResponseMetadata.Of(info).ToJson());
    }

    /// <summary>
    /// The key's account and a session in it: the asset's own, or, when the key lives in another account that the
    /// asset names in <c>cross_account_allowed_accounts</c> and the asset names <c>cross_account_role_name</c>, one
    /// through that account's response role (assumed by the asset's identity, with <c>cross_account_external_id</c>).
    /// </summary>
    public static async Task<(KeyAccount Account, AwsSession Session)> WhereItLivesAsync(ActionContext context, string accessKeyId, CancellationToken cancellationToken)
    {
        var account = await AccountAsync(context.Aws, accessKeyId, cancellationToken).ConfigureAwait(false);
        if (account.IsOwn || context.Aws.Asset.CrossAccountRoleName is not { } roleName)
        {
            return (account, context.Aws);
        }
        if (!context.Aws.Asset.AllowsCrossAccount(account.Account))
        {
            return (account with { NotAllowed = true }, context.Aws);
        }
        var reached = account with { ReachedThrough = $"arn:{account.Partition}:iam::{account.Account}:role/{roleName}" };
        return (reached, await context.AssumeRoleAsync(reached.ReachedThrough, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The key's user: as given, or the owner IAM names (GetAccessKeyLastUsed).</summary>
    public static async Task<string> OwnerAsync(IIamClient iam, string accessKeyId, string? userName, CancellationToken cancellationToken)
    {
        if (userName is not null)
        {
            return userName;
        }
        var lastUsed = await iam.GetAccessKeyLastUsedAsync(accessKeyId, cancellationToken).ConfigureAwait(false);
        return (string?)lastUsed["UserName"] ?? throw new ActionFailedException($"IAM names no user owning access key {accessKeyId}");
    }

    /// <summary>The key as its user's key list shows it; a key the user does not have is a clear refusal.</summary>
    public static async Task<JsonObject> ReadAsync(IIamClient iam, string userName, string accessKeyId, CancellationToken cancellationToken)
    {
        var listing = await iam.ListAccessKeysAsync(userName, cancellationToken).ConfigureAwait(false);
        return listing.Items.OfType<JsonObject>().FirstOrDefault(k => (string?)k["AccessKeyId"] == accessKeyId)
            ?? throw new ActionFailedException($"User {userName} has no access key {accessKeyId}");
    }

    /// <summary>Sets the key's status unless it already has it, then reads it back until IAM shows the change.</summary>
    public static async Task<KeyStatusChange> SetStatusAsync(IIamClient iam, string userName, string accessKeyId, string status, CancellationToken cancellationToken)
    {
        var before = await ReadAsync(iam, userName, accessKeyId, cancellationToken).ConfigureAwait(false);
        if (StatusOf(before) == status)
        {
            return new KeyStatusChange(userName, accessKeyId, status, status, before, Reads: 1, Confirmed: true, Update: null);
        }
        var update = await iam.UpdateAccessKeyAsync(userName, accessKeyId, status, cancellationToken).ConfigureAwait(false);
        var check = await ReadBack.Default.UntilAsync(() => ReadAsync(iam, userName, accessKeyId, cancellationToken), k => StatusOf(k) == status, cancellationToken).ConfigureAwait(false);
        return new KeyStatusChange(userName, accessKeyId, StatusOf(before), status, check.Value, check.Reads, check.Confirmed, update);
    }

    /// <summary>A key's status as IAM listed it: Active or Inactive.</summary>
    public static string StatusOf(JsonObject key) => (string?)key["Status"] ?? "";
}

/// <summary>
/// The account an access key belongs to, the asset's own account and identity, and the role the key's account was
/// reached through when it is another one (null when it is not, or cannot be, reached).
/// </summary>
public sealed record KeyAccount(string AccessKeyId, string Account, string CallerAccount, string CallerArn, JsonObject Metadata, string? ReachedThrough = null)
{
    /// <summary>The asset names a response role, but not the key's account among those it may be assumed in.</summary>
    public bool NotAllowed { get; init; }

    public bool IsOwn => Account == CallerAccount;

    /// <summary>The key's account can be acted in: it is the asset's, or a role there was assumed.</summary>
    public bool IsReached => IsOwn || ReachedThrough is not null;

    /// <summary>"this account (111122223333)" or "account 444455556666, through arn:aws:iam::444455556666:role/Responder".</summary>
    public string Where => IsOwn ? $"this account ({Account})" : $"account {Account}, reached through {ReachedThrough}";

    /// <summary>The partition (aws, aws-cn, aws-us-gov) of the asset's identity, for the ARNs built in its account.</summary>
    public string Partition => CallerArn.Split(':')[1];

    public string NotOwnMessage => NotAllowed
        ? $"Access key {AccessKeyId} belongs to AWS account {Account}, not this account ({CallerAccount}), and the asset's cross_account_allowed_accounts does not list {Account}, so no role was assumed there (a key from an account the asset does not know could be an attacker's, planted to make the runner call into it); nothing was changed. If {Account} is yours, add it to cross_account_allowed_accounts; if not, report the key to the AWS Trust & Safety team"
        : $"Access key {AccessKeyId} belongs to AWS account {Account}, not this account ({CallerAccount}), and the asset names no cross_account_role_name to reach it there; nothing was changed. Set cross_account_role_name to a role in {Account} that this asset may assume, or, if {Account} is not yours, report the key to the AWS Trust & Safety team";
}

/// <summary>What setting a key's status did (the update's metadata, none when nothing changed), and what IAM read back afterwards.</summary>
public sealed record KeyStatusChange(string UserName, string AccessKeyId, string PreviousStatus, string RequestedStatus, JsonObject LastRead, int Reads, bool Confirmed, AwsResponseMetadata? Update)
{
    public string Status => AccessKeys.StatusOf(LastRead);

    public bool Changed => PreviousStatus != RequestedStatus;

    /// <summary>As a playbook step: changed or already so, described, with the key as data.</summary>
    public StepResult ToStep() => new(Changed ? Outcome.Changed : Outcome.Unchanged, Describe(), ToJson());

    public string Describe()
    {
        var key = $"Access key {AccessKeyId} of user {UserName}";
        var verb = RequestedStatus == AccessKeys.Active ? "activated" : "deactivated";
        if (!Changed)
        {
            return $"{key} was already {RequestedStatus}; nothing changed";
        }
        return Confirmed
            ? $"{key} {verb} (IAM read it back {RequestedStatus} after {Wording.Count(Reads, "read")})"
            : $"{key} {verb}, but IAM still read it {Status} after {Wording.Count(Reads, "read")}; IAM is eventually consistent, so list access keys again to confirm";
    }

    public JsonObject ToJson() => new()
    {
        ["AccessKeyId"] = AccessKeyId,
        ["UserName"] = UserName,
        ["PreviousStatus"] = PreviousStatus,
        ["Status"] = Status,
        ["CreateDate"] = LastRead["CreateDate"]?.DeepClone(),
        ["Changed"] = Changed,
        ["Confirmed"] = Confirmed,
        ["Reads"] = Reads,
        ["ResponseMetadata"] = Update?.ToJson(),
    };
}
