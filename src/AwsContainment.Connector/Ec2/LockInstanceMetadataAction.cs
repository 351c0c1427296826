
namespace AwsContainment.Connector.Ec2;

/// <summary>
/// Closes the usual way a compromised instance's role credentials are stolen: its metadata service requires
/// IMDSv2 session tokens and answers one network hop only (no container or proxy on the instance reaches it), or
/// is turned off. The options before are in the result; unlock instance metadata puts them back.
/// </summary>
public sealed class LockInstanceMetadataAction : IAwsAction<LockInstanceMetadataParameters>
{
    public Task RunAsync(ActionContext context, LockInstanceMetadataParameters parameters, CancellationToken cancellationToken)
    {
        var disableEndpoint = parameters.DisableEndpoint;
        return MetadataOptionsChange.RunAsync(context, parameters.Instance, parameters.DryRun, before => before.Locked(disableEndpoint), "locking", cancellationToken);
    }
}
