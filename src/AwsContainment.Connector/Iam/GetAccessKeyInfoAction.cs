using System.Text.Json.Nodes;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// The playbook's validation: which account owns an exposed key (STS GetAccessKeyInfo) and whether it is this
/// one (GetCallerIdentity); if so (or when the asset's <c>cross_account_role_name</c> reaches the key's account),
/// the owning user and when, where and for which service the key was last used.
/// </summary>
public sealed class GetAccessKeyInfoAction : IAwsAction<GetAccessKeyInfoParameters>
{
    public async Task RunAsync(ActionContext context, GetAccessKeyInfoParameters parameters, CancellationToken cancellationToken)
    {
        var accessKeyId = parameters.AccessKeyId;
        var (account, session) = await AccessKeys.WhereItLivesAsync(context, accessKeyId, cancellationToken).ConfigureAwait(false);
        var data = new JsonObject
        {
            ["AccessKeyId"] = accessKeyId,
            ["Account"] = account.Account,
            ["CallerAccount"] = account.CallerAccount,
            ["IsOwnAccount"] = account.IsOwn,
            ["ReachedThroughRole"] = account.ReachedThrough,
            ["UserName"] = null,
            ["AccessKeyLastUsed"] = LastUsed(null),
            ["ResponseMetadata"] = account.Metadata,
        };
        var result = context.Result;
        result.AddData(data);
        result.Summary["account"] = account.Account;
        result.Summary["is_own_account"] = account.IsOwn;
        result.Summary["user_name"] = null;
        if (!account.IsReached)
        {
            result.Succeed(account.NotOwnMessage);
            return;
        }
        if (accessKeyId.StartsWith("ASIA", StringComparison.Ordinal))
        {
            // Temporary credentials belong to a session, not to a user: IAM keeps no owner or last use for them.
            result.Succeed($"Access key {accessKeyId} is a temporary credential of {account.Where}, owned by no IAM user; lookup credential activity shows who used it");
            return;
        }
        var lastUsed = await session.Iam().GetAccessKeyLastUsedAsync(accessKeyId, cancellationToken).ConfigureAwait(false);
        var userName = (string?)lastUsed["UserName"];
        data["UserName"] = userName;
        data["AccessKeyLastUsed"] = LastUsed(lastUsed["AccessKeyLastUsed"]);
        result.Summary["user_name"] = userName;
        result.Succeed($"Access key {accessKeyId} belongs to {account.Where}, user {userName}; {LastUse(lastUsed["AccessKeyLastUsed"])}");
    }

    /// <summary>The last use with every field present (null when unknown), so SOAR data paths always resolve.</summary>
    private static JsonObject LastUsed(JsonNode? lastUsed) => new()
    {
        ["LastUsedDate"] = lastUsed?["LastUsedDate"]?.DeepClone(),
        ["ServiceName"] = lastUsed?["ServiceName"]?.DeepClone(),
        ["Region"] = lastUsed?["Region"]?.DeepClone(),
    };

    // A key never used reads Region and ServiceName "N/A" and has no LastUsedDate.
    private static string LastUse(JsonNode? lastUsed) =>
        (string?)lastUsed?["LastUsedDate"] is { } when
            ? $"last used {when} in {lastUsed!["Region"]} for {lastUsed["ServiceName"]}"
            : "never used";
}
