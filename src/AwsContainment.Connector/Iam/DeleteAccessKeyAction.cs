using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// Deletes an access key for good (eradication), after reading it from its user's key list so the result keeps
/// what was deleted: its status and creation date.
/// </summary>
public sealed class DeleteAccessKeyAction : IAwsAction<DeleteAccessKeyParameters>
{
    public async Task RunAsync(ActionContext context, DeleteAccessKeyParameters parameters, CancellationToken cancellationToken)
    {
        var iam = context.Aws.Iam();
        var accessKeyId = parameters.AccessKeyId;
        string userName;
        JsonObject key;
        try
        {
            userName = await AccessKeys.OwnerAsync(iam, accessKeyId, parameters.UserName, cancellationToken).ConfigureAwait(false);
            key = await AccessKeys.ReadAsync(iam, userName, accessKeyId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception missing) when (missing is ActionFailedException or AmazonServiceException { ErrorCode: IamErrorCodes.NoSuchEntity })
        {
            // A re-run meets the key its first run deleted: say so in those words, not as an AWS error.
            throw new ActionFailedException($"Access key {accessKeyId} no longer exists ({missing.Message.TrimEnd('.')}): it was already deleted, or never issued; nothing was deleted");
        }
        var data = (JsonObject)key.DeepClone();
        var gone = "";
        try
        {
            var deleted = await iam.DeleteAccessKeyAsync(userName, accessKeyId, cancellationToken).ConfigureAwait(false);
            data["ResponseMetadata"] = deleted.ToJson();
        }
        catch (AmazonServiceException missing) when (missing.ErrorCode == IamErrorCodes.NoSuchEntity)
        {
            // The key was just listed, so NoSuchEntity on a first attempt means another responder deleted it
            // meanwhile (a repeat meeting its own first attempt is already a success in IamClient): it is deleted.
            data["ResponseMetadata"] = new JsonObject { ["RequestId"] = missing.RequestId, ["HTTPStatusCode"] = (int)missing.StatusCode };
            gone = "; IAM's delete then found it already gone";
        }
        var status = AccessKeys.StatusOf(key);
        context.Result.AddData(data);
        context.Result.Summary["user_name"] = userName;
        context.Result.Summary["status_when_deleted"] = status;
        context.Result.Succeed($"Access key {accessKeyId} of user {userName} deleted (it was {status}, created {key["CreateDate"]}{gone})");
    }
}
