using System.Diagnostics;
using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Containment;

/// <summary>
/// Runs a playbook's steps in order and keeps each one's outcome and timing. A failed step is recorded and the
/// playbook goes on (a later step may still matter, such as preserving evidence); the result lists exactly which
/// steps did not complete.
/// </summary>
public sealed class PlaybookRun(CancellationToken cancellationToken)
{
    private readonly List<StepOutcome> _steps = [];

    public IReadOnlyList<StepOutcome> Steps => _steps;

    public bool AllSucceeded => _steps.TrueForAll(s => s.Status != Outcome.Failed);

    /// <summary>Runs a step. Its work returns what it did (data) and a one-line outcome; a throw fails the step only.</summary>
    /// <summary>
    /// Once the run is cancelled (a timeout, a signal, a client gone) no further step starts, and the report still
    /// lists every step: those done, the one cut short, those not started.
    /// </summary>
    public async Task<bool> StepAsync(string name, Func<Task<StepResult>> work)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            Skip(name, Cancelled);
            return false;
        }
        if (IgnoredDryRuns.AnyInThisRun)
        {
            Skip(name, "not started: AWS applied an earlier change although it was asked as a dry run, so nothing more is asked of this endpoint");
            return false;
        }
        var clock = Stopwatch.StartNew();
        StepOutcome outcome;
        try
        {
            var result = await work().ConfigureAwait(false);
            outcome = new StepOutcome(name, result.Status, result.Message, result.Data, clock.Elapsed);
        }
        catch (ActionFailedException refusal)
        {
            outcome = new StepOutcome(name, Outcome.Failed, refusal.Message, null, clock.Elapsed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = new StepOutcome(name, Outcome.Failed, "cut short: the run was cancelled while this step was under way; AWS may have applied part of it", null, clock.Elapsed);
        }
        catch (Exception error) when (AwsErrors.IsAwsFailure(error))
        {
            outcome = new StepOutcome(name, Outcome.Failed, AwsErrors.Describe(error), new JsonObject { ["ErrorCode"] = AwsErrors.Code(error) }, clock.Elapsed);
        }
        _steps.Add(outcome);
        return outcome.Status != Outcome.Failed;
    }

    private const string Cancelled = "not started: the run was cancelled (a timeout, a signal or the caller gone)";

    /// <summary>Records a step that was not attempted, and why (a step it depends on failed).</summary>
    public void Skip(string name, string reason) => _steps.Add(new StepOutcome(name, Outcome.NotStarted, reason, null, TimeSpan.Zero));

    public JsonArray ToJson() => new(_steps.Select(s => (JsonNode)s.ToJson()).ToArray());

    /// <summary>The names of the steps that did not complete, for the result message.</summary>
    public IReadOnlyList<string> Incomplete => _steps.Where(s => s.Status is Outcome.Failed or Outcome.NotStarted).Select(s => s.Name).ToList();
}

/// <summary>What a step's work reports.</summary>
public sealed record StepResult(Outcome Status, string Message, JsonNode? Data = null)
{
    public static StepResult Done(string message, JsonNode? data = null) => new(Outcome.Changed, message, data);

    public static StepResult AlreadyDone(string message, JsonNode? data = null) => new(Outcome.Unchanged, message, data);
}

public sealed record StepOutcome(string Name, Outcome Status, string Message, JsonNode? Data, TimeSpan Elapsed)
{
    public JsonObject ToJson() => new()
    {
        ["step"] = Name,
        ["status"] = Status.Word(),
        ["message"] = Message,
        ["elapsed_ms"] = (long)Elapsed.TotalMilliseconds,
        ["data"] = Data?.DeepClone(),
    };
}
