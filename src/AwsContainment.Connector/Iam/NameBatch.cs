using System.Text.Json.Nodes;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// One IAM call per name of a comma-separated list, in order. A name that breaks IAM's naming rule fails alone
/// without a call, and an AWS failure fails its own name only; the action then words the split.
/// </summary>
public sealed class NameBatch
{
    private readonly ItemOutcomes _outcomes = new();

    private NameBatch()
    {
    }

    public IReadOnlyList<ItemOutcome> Succeeded => _outcomes.Succeeded;

    public IReadOnlyList<ItemOutcome> Failed => _outcomes.Failed;

    public static async Task<NameBatch> RunAsync(IEnumerable<string> names, IamNameRule rule, Func<string, Task<JsonNode?>> act)
    {
        var batch = new NameBatch();
        foreach (var name in names)
        {
            if (rule.Problem(name) is { } problem)
            {
                batch._outcomes.Reject(name, problem);
            }
            else
            {
                await batch._outcomes.RunAsync(name, () => act(name)).ConfigureAwait(false);
            }
        }
        return batch;
    }

    /// <summary>The names, comma-separated, as the messages list them.</summary>
    public static string Names(IEnumerable<ItemOutcome> outcomes) => string.Join(", ", outcomes.Select(o => o.Item));

    /// <summary>The failed names grouped by the reason <paramref name="reasonOf"/> gives each, in first-seen order.</summary>
    public IReadOnlyList<(string Names, string Reason)> FailuresBy(Func<ItemOutcome, string> reasonOf) =>
        Failed.GroupBy(reasonOf).Select(group => (Names(group), group.Key)).ToList();

    /// <summary>What each succeeded name's call answered, as data, and how many names succeeded and failed.</summary>
    public void Report(ActionResult result)
    {
        foreach (var outcome in Succeeded)
        {
            result.AddData(outcome.Data!.DeepClone());
        }
        result.Summary["total_succeeded"] = Succeeded.Count;
        result.Summary["total_failed"] = Failed.Count;
    }
}
