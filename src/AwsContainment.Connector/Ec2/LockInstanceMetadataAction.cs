
namespace AwsContainment.Connector.Ec2;

/// <summary>
/// Closes the usual way a compromised instance's role credentials are stolen: its metadata service requires
/// IMDSv2 session tokens and answers one network hop only (no container or proxy on the instance reaches it), or
/// is turned off. The options before are in the result; unlock instance metadata puts them back.
/// </summary>
public sealed class LockInstanceMetadataAction : IAwsAction
{
    public string Identifier => "lock_instance_metadata";

    public Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var disableEndpoint = context.Parameters.Bool("disable_endpoint");
        return MetadataOptionsChange.RunAsync(context, before => before.Locked(disableEndpoint), "locking", cancellationToken);
    }
}
