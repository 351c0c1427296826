namespace AwsContainment.Connector.Containment;

/// <summary>
/// How a change went: one word for a playbook's step, for each AWS change within it and for each item of an action
/// that works on several things (volumes, interfaces, user names).
/// </summary>
public enum Outcome
{
    /// <summary>The change was made, or AWS applied it although it was asked as a dry run.</summary>
    Changed,
    /// <summary>Nothing needed changing (already contained, already restored): running twice is safe.</summary>
    Unchanged,
    /// <summary>A dry run: AWS answered that the change is permitted; nothing was changed.</summary>
    WouldChange,
    /// <summary>AWS refused it, a rule refused it, or a dry run found it not permitted.</summary>
    Failed,
    /// <summary>Not attempted: the run was cancelled, what it depends on failed, or a dry run could not ask AWS.</summary>
    NotStarted,
}

public static class Outcomes
{
    /// <summary>The word the results print (<c>action_result.data.*.Steps.*.status</c>).</summary>
    public static string Word(this Outcome outcome) => outcome switch
    {
        Outcome.Changed => "done",
        Outcome.Unchanged => "already_done",
        Outcome.WouldChange => "would_succeed",
        Outcome.Failed => "failed",
        _ => "skipped",
    };

    /// <summary>Whether what was asked is now true (or, in a dry run, permitted).</summary>
    public static bool Completed(this Outcome outcome) => outcome is Outcome.Changed or Outcome.Unchanged or Outcome.WouldChange;
}
