
namespace AwsContainment.Connector.Iam;

/// <summary>Reactivates an access key (UpdateAccessKey Active) and reads it back: the undo of disable access key.</summary>
public sealed class EnableAccessKeyAction : IAwsAction
{
    public string Identifier => "enable_access_key";

    public Task RunAsync(ActionContext context, CancellationToken cancellationToken) =>
        AccessKeyStatus.RunAsync(context, AccessKeys.Active, cancellationToken);
}
