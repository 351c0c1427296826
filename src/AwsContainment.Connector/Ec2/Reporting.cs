using System.Text.Json.Nodes;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Ec2;

/// <summary>How the containment handlers word and shape their results, the same way in every action.</summary>
internal static class Reporting
{
    /// <summary>The new optional <c>dry_run</c> parameter every changing action takes.</summary>
    public static bool DryRun(this ParameterSet parameters) => parameters.Bool("dry_run");

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

    /// <summary>"vol-1: reason; vol-2: reason" for the items that failed.</summary>
    public static string Failures(ItemOutcomes outcomes) => string.Join("; ", outcomes.Failed.Select(f => $"{f.Item}: {f.Reason}"));

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

    /// <summary>"1 volume", "2 volumes".</summary>
    public static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
