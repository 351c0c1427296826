using AwsContainment.Connector.Containment;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// Undoes lock instance metadata: sets the metadata options to those it recorded (its summary's <c>previous_*</c>),
/// under <see cref="UndoRules"/>: recorded options that are locked ones come from a re-run and are refused, options
/// changed since the lock are refused unless <c>force</c>, options already as recorded are left alone.
/// </summary>
public sealed class UnlockInstanceMetadataAction : IAwsAction<UnlockInstanceMetadataParameters>
{
    public async Task RunAsync(ActionContext context, UnlockInstanceMetadataParameters parameters, CancellationToken cancellationToken)
    {
        var restored = new InstanceMetadataOptions(parameters.HttpTokens, parameters.HttpPutResponseHopLimit, parameters.HttpEndpoint);
        UndoVerdict? undo = null;
        InstanceMetadataOptions Target(InstanceMetadataOptions current)
        {
            undo = UndoRules.Decide(Undo(parameters.Instance, restored, current), parameters.Force);
            return undo.Restore ? restored : current;
        }
        await MetadataOptionsChange.RunAsync(context, parameters.Instance, parameters.DryRun, Target, "restoring", cancellationToken).ConfigureAwait(false);
        if (undo?.Forced is { } overwritten)
        {
            context.Result.Finish(context.Result.Succeeded, $"{context.Result.Message}; {overwritten}");
        }
    }

    /// <summary>
    /// The lock turns the endpoint off only when asked (and never back on), so what it set is read off the instance:
    /// tokens required and one hop, with the endpoint off if it is off now.
    /// </summary>
    private static UndoSubject<InstanceMetadataOptions> Undo(string instanceId, InstanceMetadataOptions recorded, InstanceMetadataOptions current) =>
        InstanceMetadataOptions.Undo(instanceId, recorded, current, options => options == recorded.Locked(current.HttpEndpoint == "disabled"));
}
