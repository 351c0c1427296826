
namespace AwsContainment.Connector.Ec2;

/// <summary>Undoes lock instance metadata: sets the metadata options to those it recorded (its summary's <c>previous_*</c>).</summary>
public sealed class UnlockInstanceMetadataAction : IAwsAction<UnlockInstanceMetadataParameters>
{
    public Task RunAsync(ActionContext context, UnlockInstanceMetadataParameters parameters, CancellationToken cancellationToken)
    {
        var restored = new InstanceMetadataOptions(parameters.HttpTokens, parameters.HttpPutResponseHopLimit, parameters.HttpEndpoint);
        return MetadataOptionsChange.RunAsync(context, parameters.Instance, parameters.DryRun, _ => restored, "restoring", cancellationToken);
    }
}
