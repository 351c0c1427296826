using System.Text.Json.Nodes;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// Creates IAM users or groups from a comma-separated list. Names are checked against IAM's rule before any call;
/// the names that were created and the ones that were not (invalid, existing, over the account's limit) are worded
/// as the integration does. The action fails only when no name was created.
/// </summary>
public abstract class CreateIdentitiesAction<TParameters> : IamAction<TParameters>
{
    private const string NotUnique = "Names must be unique within an account.";

    /// <summary>The names asked for.</summary>
    protected abstract IReadOnlyList<string> Names(TParameters parameters);

    /// <summary>What the names are, in the messages ("users").</summary>
    protected abstract string Plural { get; }

    protected abstract IamNameRule Rule { get; }

    /// <summary>The sentence for a name refused by the account's quota.</summary>
    protected abstract string LimitReason { get; }

    protected abstract Task<JsonObject> CreateAsync(IIamClient iam, string name, CancellationToken cancellationToken);

    protected override async Task RunAsync(TParameters parameters, IIamClient iam, ActionResult result, CancellationToken cancellationToken)
    {
        var batch = await ItemOutcomes.RunEachAsync(Names(parameters), Rule.Problem, async name => await CreateAsync(iam, name, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        batch.Report(result);
        var failures = batch.FailuresBy(o => o.ErrorCode switch
        {
            IamErrorCodes.EntityAlreadyExists => NotUnique,
            IamErrorCodes.LimitExceeded => LimitReason,
            _ => o.Reason!,
        });
        if (batch.Succeeded.Count == 0)
        {
            result.Fail(ExecutionError(Sentences.Join(failures.Select(f => $"{f.Names}: {f.Reason}"))));
            return;
        }
        result.Succeed(Sentences.Join([
            $"Successfully added the following {Plural} to IAM: {ItemOutcomes.Names(batch.Succeeded)}",
            .. failures.Select(f => $"Could not add the following {Plural} to IAM: {f.Names}. {f.Reason}"),
        ]));
    }
}
