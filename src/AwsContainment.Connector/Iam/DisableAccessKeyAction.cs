
namespace AwsContainment.Connector.Iam;

/// <summary>Deactivates an access key (UpdateAccessKey Inactive) and reads it back; undone by enable access key.</summary>
public sealed class DisableAccessKeyAction : IAwsAction<DisableAccessKeyParameters>
{
    public Task RunAsync(ActionContext context, DisableAccessKeyParameters parameters, CancellationToken cancellationToken) =>
        AccessKeyStatus.RunAsync(context, parameters.AccessKeyId, parameters.UserName, AccessKeys.Inactive, cancellationToken);
}
