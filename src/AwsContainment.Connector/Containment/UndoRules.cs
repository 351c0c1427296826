using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Containment;

/// <summary>
/// One thing an undo puts back, with what the undo weighs: <see cref="Recorded"/>, its state before containment as
/// the containment's result or journal recorded it; <see cref="Current"/>, its state read just now; and whether a
/// state is one containment sets (<see cref="IsContained"/>). <see cref="Name"/> names it in messages ("the
/// security groups of eni-…"), <see cref="Describe"/> words one of its states.
/// </summary>
public sealed record UndoSubject<T>(string Name, T Recorded, T Current, Func<T, bool> IsContained, Func<T, T, bool> Same, Func<T, string> Describe);

/// <summary>
/// What an undo does with one thing: put the recorded state back or leave it. <see cref="Drift"/> says how it
/// changed since containment, if it did; then <see cref="Refusal"/> says why it is left (no force), or
/// <see cref="Forced"/> what force overwrites.
/// </summary>
public sealed record UndoVerdict(bool Restore, string? Drift, string? Refusal)
{
    public string? Forced => Drift is not null && Refusal is null ? $"{Drift}, which force=true overwrites" : null;

    public UndoVerdict ThrowIfRefused() => Refusal is null ? this : throw new ActionFailedException(Refusal);
}

/// <summary>
/// The rules every undo follows, the single undo actions and revert containment alike:
/// (1) a recorded state that is one containment sets was read from a resource already contained, by a re-run, so
/// it is not the state to go back to: the undo is refused and points to the first run's result or the journal;
/// (2) drift, a current state that is neither one containment sets nor the recorded one, is a change someone made
/// since containment: it is reported and refused, unless force is given, when the recorded state is put back over it
/// and the report says so; (3) a current state that is the recorded one is left alone.
/// A containment's result cannot tell a re-run from a first run, so an undo given one applies all three
/// (<see cref="Decide{T}"/>). A journal can: it is written before containment's first change, and one written by a
/// re-run is refused when it is read, so a state it records is the state before even when containment left it as
/// it was (an instance that already required metadata tokens); revert applies (2) and (3) (<see cref="Judge{T}"/>).
/// </summary>
public static class UndoRules
{
    /// <summary>All three rules, for an undo given a containment's result; throws a refusal.</summary>
    public static UndoVerdict Decide<T>(UndoSubject<T> subject, bool force)
    {
        RefuseRerun(subject);
        return Judge(subject, force).ThrowIfRefused();
    }

    /// <summary>Rule (1): refuses a recorded state that is one containment sets.</summary>
    public static void RefuseRerun<T>(UndoSubject<T> subject)
    {
        if (subject.IsContained(subject.Recorded))
        {
            throw new ActionFailedException($"The state recorded as before containment for {subject.Name} ({subject.Describe(subject.Recorded)}) is what containment set, so it is the result of a re-run: undo with the first run's result (or the journal); nothing was changed");
        }
    }

    /// <summary>Rules (2) and (3): leave what is in the recorded state, restore what is in a contained state, refuse drift unless <paramref name="force"/>.</summary>
    public static UndoVerdict Judge<T>(UndoSubject<T> subject, bool force)
    {
        if (subject.Same(subject.Current, subject.Recorded))
        {
            return new UndoVerdict(false, null, null);
        }
        if (subject.IsContained(subject.Current))
        {
            return new UndoVerdict(true, null, null);
        }
        var drift = $"{subject.Name} changed since containment to neither what containment set nor the state recorded before it (now {subject.Describe(subject.Current)}; recorded {subject.Describe(subject.Recorded)})";
        return force
            ? new UndoVerdict(true, drift, null)
            : new UndoVerdict(false, drift, $"{char.ToUpperInvariant(drift[0])}{drift[1..]}, so the recorded state was not put back over that change; give force=true to overwrite it");
    }
}
