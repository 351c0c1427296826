using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Ec2;

/// <summary>How the containment handlers word and shape their results, the same way in every action.</summary>
internal static class Reporting
{
    /// <summary>Ends the parameter set with <paramref name="message"/>, also kept as <c>summary.summary</c>.</summary>
    public static void Finish(this ActionResult result, bool succeeded, string message)
    {
        result.Summary["summary"] = message;
        if (succeeded)
        {
            result.Succeed(message);
        }
        else
        {
            result.Fail(message);
        }
    }

    /// <summary>
    /// Ends an action over several items (volumes, interfaces): each succeeded item's data, and a message saying what was done, then which items failed
    /// and why (the set fails if any did); <paramref name="noneDone"/> when every item failed.
    /// </summary>
    public static void Finish(this ActionResult result, ItemOutcomes outcomes, string done, string noneDone, string noun)
    {
        foreach (var outcome in outcomes.Succeeded.Where(o => o.Data is not null))
        {
            result.AddData(outcome.Data!);
        }
        var failed = outcomes.Failed;
        var failures = string.Join("; ", failed.Select(f => $"{f.Item}: {f.Reason}"));
        result.Finish(failed.Count == 0, failed.Count == 0 ? done
            : outcomes.Succeeded.Count == 0 ? $"{noneDone}. {failures}"
            : $"{done}; {failed.Count} of {outcomes.All.Count} {noun}s failed. {failures}");
    }

    /// <summary>A data item: what it is about first, then AWS's answer (its fields and <c>ResponseMetadata</c>).</summary>
    public static JsonObject Item(JsonObject about, JsonObject response)
    {
        var item = (JsonObject)about.DeepClone();
        foreach (var (name, value) in response)
        {
            item[name] = value?.DeepClone();
        }
        return item;
    }

    /// <summary>A data item for a change that was not needed: the metadata is that of the read that showed it.</summary>
    public static JsonObject Item(JsonObject about, AwsResponseMetadata unchangedBy) =>
        Item(about, new JsonObject { ["ResponseMetadata"] = unchangedBy.ToJson() });
}
