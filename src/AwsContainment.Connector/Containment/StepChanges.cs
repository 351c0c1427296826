using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Ec2;

namespace AwsContainment.Connector.Containment;

/// <summary>
/// The EC2 changes one playbook step made or, in a dry run, asked EC2 about, and the step outcome they add up to:
/// any refused is a failed step, any dry-run verdict a would-succeed step, any applied a done step, none at all
/// means the state was already right. Each change is described as "what → to", so messages list them as they are.
/// </summary>
internal sealed class StepChanges
{
    private readonly ConcurrentQueue<(string What, Ec2Change Change)> _changes = new();
    private readonly ConcurrentQueue<string> _notChecked = new();

    public async Task<Ec2Change> RunAsync(string what, Task<Ec2Change> change)
    {
        var answer = await change.ConfigureAwait(false);
        _changes.Enqueue((what, answer));
        return answer;
    }

    /// <summary>
    /// Starts a change that AWS refuses with <paramref name="alreadyCode"/> when it is already in place (a retried
    /// call, a parallel run), to run alongside the step's others.
    /// Refused on a repeat after a transient fault, the change is this call's own first attempt: it is listed as
    /// applied, with the metadata of the last answer (the first attempt's answer was lost).
    /// </summary>
    public async Task StartTryingAsync(string what, Func<Task<Ec2Change>> change, string alreadyCode)
    {
        try
        {
            await RunAsync(what, change()).ConfigureAwait(false);
        }
        catch (AmazonServiceException already) when (already.ErrorCode == alreadyCode)
        {
            if (AwsErrors.WasRepeated(already))
            {
                Applied(what, already);
            }
        }
    }

    /// <summary>
    /// Lists a change AWS refused as already made, when its refusal answered this call's own repeat: with what of
    /// the lost answer was read back (<paramref name="readBack"/>), and the refusal's metadata.
    /// </summary>
    public void Applied(string what, AmazonServiceException repeatRefused, JsonObject? readBack = null)
    {
        var response = readBack ?? [];
        response["ResponseMetadata"] = AwsResponseMetadata.OfError(repeatRefused).ToJson();
        _changes.Enqueue((what, new Ec2Change(Outcome.Changed, response)));
    }

    /// <summary>A dry run could not ask EC2 about this change (what it acts on does not exist yet).</summary>
    public void NotChecked(string what) => _notChecked.Enqueue(what);

    public StepResult Result(string alreadyDone)
    {
        // Sorted: changes made in parallel finish in any order, and a step's message must read the same every time.
        var changes = _changes.OrderBy(c => c.What, StringComparer.Ordinal).ToList();
        var data = new JsonArray(changes.Select(c => (JsonNode)new JsonObject
        {
            ["change"] = c.What,
            ["outcome"] = c.Change.Outcome.Word(),
            ["response"] = c.Change.Response.DeepClone(),
        }).ToArray());
        var refused = changes.Where(c => c.Change.Outcome == Outcome.Failed).Select(c => $"{c.What} ({c.Change.Reason})").ToList();
        var notChecked = _notChecked.IsEmpty ? "" : "; not checked: " + string.Join("; ", _notChecked.Order(StringComparer.Ordinal));
        if (refused.Count > 0)
        {
            return new StepResult(Outcome.Failed, "dry run, not permitted: " + string.Join("; ", refused) + notChecked, data);
        }
        // Applied in a dry run means the endpoint ignored DryRun: the step made its change, so it is done.
        if (changes.Any(c => c.Change.Outcome == Outcome.Changed))
        {
            return StepResult.Done(string.Join("; ", changes.Select(c => c.What)) + notChecked, data);
        }
        if (changes.Any(c => c.Change.Outcome == Outcome.WouldChange))
        {
            return new StepResult(Outcome.WouldChange, "dry run, permitted: " + string.Join("; ", changes.Select(c => c.What)) + notChecked, data);
        }
        if (!_notChecked.IsEmpty)
        {
            return new StepResult(Outcome.NotStarted, "dry run" + notChecked, data);
        }
        return StepResult.AlreadyDone(alreadyDone);
    }
}
