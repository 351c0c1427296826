
namespace AwsContainment.Connector.Iam;

/// <summary>Deactivates an access key (UpdateAccessKey Inactive) and reads it back; undone by enable access key.</summary>
public sealed class DisableAccessKeyAction : IAwsAction
{
    public string Identifier => "disable_access_key";

    public Task RunAsync(ActionContext context, CancellationToken cancellationToken) =>
        AccessKeyStatus.RunAsync(context, AccessKeys.Inactive, cancellationToken);
}
