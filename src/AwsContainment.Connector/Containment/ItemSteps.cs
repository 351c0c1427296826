using System.Text.Json.Nodes;

namespace AwsContainment.Connector.Containment;

/// <summary>The outcome of a step that acts on several things at once (load balancers, interfaces, snapshots).</summary>
internal static class ItemSteps
{
    /// <summary>Done when every item succeeded, failed naming each failed item, already done when nothing needed changing.</summary>
    public static StepResult Result(ItemOutcomes outcomes, string verb, string alreadyDone)
    {
        var all = outcomes.All;
        var changed = all.Where(o => o.Outcome != Outcome.Unchanged).ToList();
        var unchanged = outcomes.Of(Outcome.Unchanged).Select(o => $"{o.Item}: {o.Reason}").ToList();
        if (changed.Count == 0)
        {
            return StepResult.AlreadyDone(all.Count == 0 ? alreadyDone : string.Join("; ", unchanged));
        }
        var data = new JsonArray(all.Select(o => (JsonNode)new JsonObject
        {
            ["item"] = o.Item,
            ["outcome"] = o.Outcome.Word(),
            ["error_code"] = o.ErrorCode,
            ["reason"] = o.Reason,
            ["response"] = o.Data?.DeepClone(),
        }).ToArray());
        var failed = outcomes.Failed;
        return failed.Count == 0
            ? StepResult.Done($"{verb} {string.Join(", ", changed.Select(o => o.Item))}" + (unchanged.Count == 0 ? "" : "; unchanged: " + string.Join("; ", unchanged)), data)
            : new StepResult(Outcome.Failed, $"{verb} {all.Count - failed.Count} of {all.Count}; failed: {string.Join("; ", failed.Select(f => $"{f.Item} ({f.Reason})"))}", data);
    }
}
