using AwsContainment.Connector.Playbooks;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Containment;

/// <summary>How contain and revert run their steps and word their result: the same counts and sentences for both.</summary>
internal static class PlaybookReport
{
    /// <summary>Runs the step, or records it as not attempted and why (what it depends on is unknown).</summary>
    public static Task StepUnlessAsync(this PlaybookRun run, string step, string? notAttemptedBecause, Func<Task<StepResult>> work)
    {
        if (notAttemptedBecause is null)
        {
            return run.StepAsync(step, work);
        }
        run.Skip(step, "not attempted: " + notAttemptedBecause);
        return Task.CompletedTask;
    }

    public static void Summarize(PlaybookRun run, ActionResult result)
    {
        result.Summary["steps_total"] = run.Steps.Count;
        result.Summary["steps_completed"] = run.Steps.Count - run.Incomplete.Count;
        result.Summary["incomplete_steps"] = string.Join(", ", run.Incomplete);
    }

    /// <summary>Each step that did not complete with its reason, then the tally: "x failed (why); y skipped (why); 5 of 7 steps completed".</summary>
    public static string Incomplete(PlaybookRun run) =>
        string.Join("; ", run.Steps.Where(s => s.Status is StepStatus.Failed or StepStatus.Skipped).Select(s => $"{s.Name} {(s.Status == StepStatus.Failed ? "failed" : "skipped")} ({s.Message})"))
        + $"; {Completed(run)}";

    public static string Completed(PlaybookRun run) => $"{run.Steps.Count - run.Incomplete.Count} of {run.Steps.Count} steps completed";

    /// <summary>Every step but the reading ones found its work already done.</summary>
    public static bool NothingChanged(PlaybookRun run, params string[] readingSteps) =>
        run.Steps.All(s => readingSteps.Contains(s.Name) || s.Status == StepStatus.AlreadyDone);

    public static void Conclude(ActionResult result, bool succeeded, string message)
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
}
