using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Containment;

/// <summary>
/// Partial-success accounting for an action that works on several things at once (volumes, interfaces, user
/// names): each item is tried on its own, an AWS failure fails that item only, and the handler words the message
/// from the split.
/// </summary>
public sealed class ItemOutcomes
{
    // In the order items were started, not finished: items run at once finish in any order, and a message that
    // lists them must read the same every time.
    private readonly List<ItemOutcome?> _outcomes = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<ItemOutcome> All
    {
        get { lock (_gate) return _outcomes.OfType<ItemOutcome>().ToList(); }
    }

    /// <summary>The items now as asked: changed, or already so.</summary>
    public IReadOnlyList<ItemOutcome> Succeeded => All.Where(o => o.Outcome != Outcome.Failed).ToList();

    public IReadOnlyList<ItemOutcome> Failed => Of(Outcome.Failed);

    public IReadOnlyList<ItemOutcome> Of(Outcome outcome) => All.Where(o => o.Outcome == outcome).ToList();

    /// <summary>Runs <paramref name="act"/> for each item in order; an AWS failure or refusal is kept, not thrown.</summary>
    public static Task<ItemOutcomes> RunEachAsync(IEnumerable<string> items, Func<string, Task<ItemResult>> act) => RunEachAsync(items, _ => null, act);

    /// <summary>
    /// Runs <paramref name="act"/> for each item in order; an item that breaks <paramref name="problem"/>'s rule (an
    /// IAM name, say) fails alone without a call, an AWS failure or refusal is kept, not thrown.
    /// </summary>
    public static async Task<ItemOutcomes> RunEachAsync(IEnumerable<string> items, Func<string, string?> problem, Func<string, Task<ItemResult>> act)
    {
        var outcomes = new ItemOutcomes();
        foreach (var item in items)
        {
            if (problem(item) is { } broken)
            {
                outcomes.Reject(item, broken);
            }
            else
            {
                await outcomes.RunAsync(item, () => act(item)).ConfigureAwait(false);
            }
        }
        return outcomes;
    }

    /// <summary>
    /// Runs one item's work and records how it went; returns whether it succeeded. Items started before others
    /// finish are listed in the order they were started.
    /// </summary>
    public Task<bool> RunAsync(string item, Func<Task<ItemResult>> act) => RecordAsync(Reserve(), item, act);

    /// <summary>Records an item that failed without a call (invalid name, say).</summary>
    public void Reject(string item, string reason, string? code = null)
    {
        lock (_gate) _outcomes.Add(new ItemOutcome(item, Outcome.Failed, code, reason, null));
    }

    /// <summary>The items, comma-separated, as messages list them.</summary>
    public static string Names(IEnumerable<ItemOutcome> outcomes) => string.Join(", ", outcomes.Select(o => o.Item));

    /// <summary>The failed items grouped by the reason <paramref name="reasonOf"/> gives each, in first-seen order.</summary>
    public IReadOnlyList<(string Names, string Reason)> FailuresBy(Func<ItemOutcome, string> reasonOf) =>
        Failed.GroupBy(reasonOf).Select(group => (Names(group), group.Key)).ToList();

    /// <summary>What each succeeded item's call answered, as data, and how many items succeeded and failed.</summary>
    public void Report(ActionResult result)
    {
        foreach (var outcome in Succeeded)
        {
            result.AddData(outcome.Data!.DeepClone());
        }
        result.Summary["total_succeeded"] = Succeeded.Count;
        result.Summary["total_failed"] = Failed.Count;
    }

    private int Reserve()
    {
        lock (_gate)
        {
            _outcomes.Add(null);
            return _outcomes.Count - 1;
        }
    }

    private async Task<bool> RecordAsync(int slot, string item, Func<Task<ItemResult>> act)
    {
        ItemOutcome outcome;
        try
        {
            var done = await act().ConfigureAwait(false);
            outcome = new ItemOutcome(item, done.Outcome, null, done.Why, done.Data);
        }
        catch (ActionFailedException refusal)
        {
            outcome = new ItemOutcome(item, Outcome.Failed, refusal.Code, refusal.Message, null);
        }
        catch (Exception error) when (AwsErrors.IsAwsFailure(error))
        {
            outcome = new ItemOutcome(item, Outcome.Failed, AwsErrors.Code(error), AwsErrors.Describe(error), null);
        }
        lock (_gate) _outcomes[slot] = outcome;
        return outcome.Outcome != Outcome.Failed;
    }
}

/// <summary>
/// What one item's work reports: its outcome, its data (AWS's answer, or what the read that showed no change was
/// needed answered) and, when it was not changed, why. Data alone means the item was changed.
/// </summary>
public sealed record ItemResult(Outcome Outcome, JsonNode? Data, string? Why = null)
{
    public static ItemResult Changed(JsonNode? data = null) => new(Outcome.Changed, data);

    public static ItemResult Unchanged(string why, JsonNode? data = null) => new(Outcome.Unchanged, data, why);

    public static implicit operator ItemResult(JsonNode? changed) => new(Outcome.Changed, changed);
}

/// <summary>How one item went: its data when it succeeded, AWS's error code and the reason when it failed or why it was left unchanged.</summary>
public sealed record ItemOutcome(string Item, Outcome Outcome, string? ErrorCode, string? Reason, JsonNode? Data)
{
    public bool Succeeded => Outcome != Outcome.Failed;
}
