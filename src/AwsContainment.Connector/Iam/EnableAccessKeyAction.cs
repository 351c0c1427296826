
namespace AwsContainment.Connector.Iam;

/// <summary>Reactivates an access key (UpdateAccessKey Active) and reads it back: the undo of disable access key.</summary>
public sealed class EnableAccessKeyAction : IAwsAction<EnableAccessKeyParameters>
{
    public Task RunAsync(ActionContext context, EnableAccessKeyParameters parameters, CancellationToken cancellationToken) =>
        AccessKeyStatus.RunAsync(context, parameters.AccessKeyId, parameters.UserName, AccessKeys.Active, cancellationToken);
}
