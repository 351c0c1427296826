
namespace AwsContainment.Connector.Ec2;

/// <summary>Undoes lock instance metadata: sets the metadata options to those it recorded (its summary's <c>previous_*</c>).</summary>
public sealed class UnlockInstanceMetadataAction : IAwsAction
{
    public string Identifier => "unlock_instance_metadata";

    public Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var parameters = context.Parameters;
        var restored = new InstanceMetadataOptions(parameters.String("http_tokens"), parameters.Long("http_put_response_hop_limit"), parameters.String("http_endpoint"));
        return MetadataOptionsChange.RunAsync(context, _ => restored, "restoring", cancellationToken);
    }
}
