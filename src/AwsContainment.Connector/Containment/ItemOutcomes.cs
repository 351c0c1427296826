using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Containment;

/// <summary>
/// Partial-success accounting for an action that works on several things at once (volumes, user names): each
/// item is tried on its own, an AWS failure fails that item only, and the handler words the message from the split.
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

    public IReadOnlyList<ItemOutcome> Succeeded => All.Where(o => o.Succeeded).ToList();

    public IReadOnlyList<ItemOutcome> Failed => All.Where(o => !o.Succeeded).ToList();

    /// <summary>Runs <paramref name="act"/> for each item in order; an AWS failure or refusal is kept, not thrown.</summary>
    public async Task RunEachAsync(IEnumerable<string> items, Func<string, Task<JsonNode?>> act)
    {
        foreach (var item in items)
        {
            await RunAsync(item, () => act(item)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs one item's work and records how it went; returns whether it succeeded. Items started before others
    /// finish are listed in the order they were started.
    /// </summary>
    public Task<bool> RunAsync(string item, Func<Task<JsonNode?>> act) => RecordAsync(Reserve(), item, act);

    /// <summary>Records an item that failed without a call (invalid name, say).</summary>
    public void Reject(string item, string reason, string? code = null)
    {
        lock (_gate) _outcomes.Add(new ItemOutcome(item, false, code, reason, null));
    }

    private int Reserve()
    {
        lock (_gate)
        {
            _outcomes.Add(null);
            return _outcomes.Count - 1;
        }
    }

    private async Task<bool> RecordAsync(int slot, string item, Func<Task<JsonNode?>> act)
    {
        ItemOutcome outcome;
        try
        {
            outcome = new ItemOutcome(item, true, null, null, await act().ConfigureAwait(false));
        }
        catch (ActionFailedException refusal)
        {
            outcome = new ItemOutcome(item, false, refusal.Code, refusal.Message, null);
        }
        catch (Exception error) when (AwsErrors.IsAwsFailure(error))
        {
            outcome = new ItemOutcome(item, false, AwsErrors.Code(error), AwsErrors.Describe(error), null);
        }
        lock (_gate) _outcomes[slot] = outcome;
        return outcome.Succeeded;
    }
}

/// <summary>How one item went: its data when it succeeded, AWS's error code and the reason when it failed.</summary>
public sealed record ItemOutcome(string Item, bool Succeeded, string? ErrorCode, string? Reason, JsonNode? Data);
