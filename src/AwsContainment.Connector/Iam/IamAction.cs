using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// An IAM response action. A failed AWS call the action does not word itself is reported the way the integration's
/// documentation does: <c>Error executing action 'List Users'. Reason: {AWS's code, message and request id}</c>.
/// </summary>
public abstract class IamAction<TParameters> : IAwsAction<TParameters>
{
    /// <summary>The action's title as the integration's messages name it.</summary>
    protected abstract string Title { get; }

    public async Task RunAsync(ActionContext context, TParameters parameters, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(parameters, context.Aws.Iam(), context.Result, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (AwsErrors.IsAwsFailure(error))
        {
            context.Result.Fail(ExecutionError(AwsErrors.Describe(error)));
        }
    }

    protected abstract Task RunAsync(TParameters parameters, IIamClient iam, ActionResult result, CancellationToken cancellationToken);

    protected string ExecutionError(string reason) => $"Error executing action '{Title}'. Reason: {reason}";

    /// <summary>A listing's items as data, their count and whether IAM holds more, and the found / none-found message.</summary>
    protected static void ReportListing(ActionResult result, IamListing listing, string countName, string found, string noneFound)
    {
        foreach (var item in listing.Items)
        {
            result.AddData(item);
        }
        result.Summary[countName] = listing.Items.Count;
        result.Summary["more_available"] = listing.HasMore;
        result.Succeed(listing.Items.Count == 0 ? noneFound : found);
    }

    /// <summary>Ends the action with <paramref name="message"/>, succeeded or failed.</summary>
    protected static void Conclude(ActionResult result, bool succeeded, string message)
    {
        if (succeeded)
        {
            result.Succeed(message);
        }
        else
        {
            result.Fail(message);
        }
    }

    /// <summary>The data item of a call that changes something: what it changed, and AWS's answer's metadata last.</summary>
    protected static JsonObject Changed(JsonObject what, AwsResponseMetadata metadata)
    {
        what["ResponseMetadata"] = metadata.ToJson();
        return what;
    }
}
