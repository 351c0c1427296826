using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Containment;

/// <summary>How contain and revert run their steps and word their result: the same counts and sentences for both.</summary>
internal static class PlaybookReport
{
    /// <summary>Runs the step, or records it as not attempted and why (what it depends on is unknown).</summary>
    public static Task<bool> StepUnlessAsync(this PlaybookRun run, string step, string? notAttemptedBecause, Func<Task<StepResult>> work)
    {
        if (notAttemptedBecause is null)
        {
            return run.StepAsync(step, work);
        }
        run.Skip(step, "not attempted: " + notAttemptedBecause);
        return Task.FromResult(false);
    }

    public static void Summarize(PlaybookRun run, ActionResult result)
    {
        result.Summary["steps_total"] = run.Steps.Count;
        result.Summary["steps_completed"] = run.Steps.Count - run.Incomplete.Count;
        result.Summary["incomplete_steps"] = string.Join(", ", run.Incomplete);
    }

    /// <summary>A reading step's failure: every section of the state that could not be read, with AWS's sentence.</summary>
    public static StepResult NotRead(InstanceState state) =>
        new(Outcome.Failed, "could not read " + string.Join("; ", state.NotCaptured.Select(s => $"{s.Key} ({s.Value})")));

    /// <summary>
    /// Ends a run: failed, naming each step that did not complete and why (<paramref name="incomplete"/> gets
    /// "x failed (why); 5 of 7 steps completed"); or succeeded, saying that every step but the
    /// <paramref name="readingSteps"/> found its work already done, or how many steps completed.
    /// </summary>
    public static void Conclude(PlaybookRun run, ActionResult result, string[] readingSteps, Func<string, string> incomplete, string unchanged, Func<string, string> completed)
    {
        if (run.Incomplete.Count > 0)
        {
            var notCompleted = run.Steps.Where(s => s.Status is Outcome.Failed or Outcome.NotStarted)
                .Select(s => $"{s.Name} {(s.Status == Outcome.Failed ? "failed" : "skipped")} ({s.Message})");
            result.Fail(incomplete($"{string.Join("; ", notCompleted)}; {Completed(run)}"));
        }
        else if (run.Steps.All(s => readingSteps.Contains(s.Name) || s.Status == Outcome.Unchanged))
        {
            result.Succeed(unchanged);
        }
        else
        {
            result.Succeed(completed(Completed(run)));
        }
    }

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

    private static string Completed(PlaybookRun run) => $"{run.Steps.Count - run.Incomplete.Count} of {run.Steps.Count} steps completed";
}
