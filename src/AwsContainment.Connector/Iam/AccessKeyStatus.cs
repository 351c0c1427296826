
namespace AwsContainment.Connector.Iam;

/// <summary>What disable and enable access key share: find the owner when not given, set the status, read it back.</summary>
internal static class AccessKeyStatus
{
    public static async Task RunAsync(ActionContext context, string accessKeyId, string? givenUserName, string status, CancellationToken cancellationToken)
    {
        var iam = context.Aws.Iam();
        var userName = await AccessKeys.OwnerAsync(iam, accessKeyId, givenUserName, cancellationToken).ConfigureAwait(false);
        var change = await AccessKeys.SetStatusAsync(iam, userName, accessKeyId, status, cancellationToken).ConfigureAwait(false);
        context.Result.AddData(change.ToJson());
        context.Result.Summary["user_name"] = userName;
        context.Result.Summary["status"] = change.Status;
        context.Result.Summary["confirmed"] = change.Confirmed;
        context.Result.Succeed(change.Describe());
    }
}
